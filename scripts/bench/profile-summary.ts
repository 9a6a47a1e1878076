/**
 * `npm run bench:profile -- <file.cpuprofile>`: where a CPU profile's time goes, by package
 * (self time, idle and start-up included so the shares add up) and by function. Profiles come
 * from `BENCH_CPU_PROFILE=<dir> npm run bench`, which starts every server with `--cpu-prof`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<package> (scoped ones whole), node:<module>, or the project file. */
function owner(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (['(garbage collector)', '(idle)', '(program)'].includes(functionName)) return functionName;
  if (!url) return '(native)';
  const inModules = url.split('node_modules/').at(-1)!;
  if (inModules !== url) {
    const parts = inModules.split('/');
    return parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join('/');
  }
  return url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
}

function summarize(file: string, top: number): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    total += ms;
    const who = owner(node);
    byOwner.set(who, (byOwner.get(who) ?? 0) + ms);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${who}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  // Shares of the busy time: a server of the bench idles through the other servers' runs.
  const idle = byOwner.get('(idle)') ?? 0;
  const busy = total - idle;
  byOwner.delete('(idle)');
  byFunction.delete('(idle) (idle):1');
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, ms]) =>
          `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${name}`,
      )
      .join('\n');
  console.log(
    `${file}: ${total.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy (shares below are of ` +
      `the busy time)\n\nself time by package or module:\n${rows(byOwner)}`,
  );
  console.log(`\nself time by function:\n${rows(byFunction)}\n`);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run bench:profile -- <file.cpuprofile> ...');
  process.exit(2);
}
for (const file of files) summarize(file, Number(process.env.PROFILE_TOP ?? 25));
