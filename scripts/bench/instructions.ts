/**
 * `npm run bench:instructions`: CPU instructions per request of POST room.survey on A, B and C,
 * counted by valgrind's callgrind: the same figure on a busy or a quiet machine, unlike requests/s.
 * Each server runs under callgrind on the bench's own FerretDB; per path, BENCH_INSTR_WARMUP
 * requests warm it up (JIT, caches), its counters are zeroed, BENCH_INSTR_REQUESTS requests are
 * sent, and the counters dumped: instructions of the whole process (every thread: GC helpers,
 * libuv, the JIT) divided by the requests. The split by owner is the self cost of each function: the
 * garbage collector, V8's builtins and runtime, JIT-compiled JavaScript (which callgrind cannot
 * name: see `npm run bench:profile` for that), and the rest (libuv, Node, libc, OpenSSL).
 *
 * Settings: BENCH_INSTR_SERVERS (default A,B,C), BENCH_INSTR_PATHS (default all three),
 * BENCH_INSTR_REQUESTS (default 1000), BENCH_INSTR_WARMUP (default 2000), BENCH_INSTR_DB_REQUESTS and
 * BENCH_INSTR_DB_WARMUP (default 300 each, for the database paths),
 * BENCH_INSTR_A_SCRIPT (another build of A, e.g. a copy of an older dist/main.js, to compare),
 * BENCH_INSTR_OUT (a directory to keep the callgrind files in), BENCH_NODE_OPTIONS.
 * Needs valgrind (with its callgrind_control). With file arguments, tabulates dumps already made
 * (BENCH_INSTR_REQUESTS must then say how many requests each holds).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { withDatabaseName } from './database-uri';
import { readOptions } from './options';
import { HOT_PATHS, requestBodies, type PathName } from './paths';
import { ensurePrerequisites } from './prerequisites';
import { Seeder } from './seed';
import { serverEnvironment, startServer, SURVEY_PATH, type ServerId } from './servers';
import { BenchSession } from './session';

const env = process.env;
const REQUESTS = Number(env.BENCH_INSTR_REQUESTS ?? 1000);
const WARMUP = Number(env.BENCH_INSTR_WARMUP ?? 2000);
// The database paths are FerretDB's speed (a few requests/s): fewer, after the code they share
// with invalid-params is warm.
const DB_REQUESTS = Number(env.BENCH_INSTR_DB_REQUESTS ?? 300);
const DB_WARMUP = Number(env.BENCH_INSTR_DB_WARMUP ?? 300);
const IDLE_MS = 10_000;
/**
 * BENCH_INSTR_TOOL=cputime: no valgrind; the server's own CPU time (user + system, from
 * /proc/<pid>/stat) per request instead, BENCH_INSTR_ROUNDS (2) rounds of the servers in turn:
 * less exact than instructions, but it counts memory stalls, which instructions do not.
 */
const CPU_TIME = env.BENCH_INSTR_TOOL === 'cputime';
const CPU_ROUNDS = Number(env.BENCH_INSTR_ROUNDS ?? 2);
const SERVER_IDS = (env.BENCH_INSTR_SERVERS ?? 'A,B,C').split(',') as ServerId[];
// The cheapest path first: it warms up the code the others share.
const PATHS = (env.BENCH_INSTR_PATHS ?? 'invalid-params,invalid-token,success').split(
  ',',
) as PathName[];

interface Count {
  server: string;
  path: PathName;
  perRequest: number;
  byOwner: Record<string, number>;
  /** The JIT-compiled JavaScript's share, by package (node_modules/<name>, node:, the project). */
  byPackage: Record<string, number>;
}

async function main(): Promise<void> {
  const options = readOptions();
  const { ferretDbBinary } = ensurePrerequisites(true);
  const session = new BenchSession(options.keepTemp);
  const outDir = env.BENCH_INSTR_OUT ? resolve(env.BENCH_INSTR_OUT) : join(session.dir, 'cg');
  mkdirSync(outDir, { recursive: true });
  const counts: Count[] = [];
  try {
    const database = await session.startDatabase(ferretDbBinary);
    const { env: serverEnv, config } = serverEnvironment(
      withDatabaseName(database.uri, 'bench'),
      true,
      options.nodeOptions,
    );
    // The webhooks' outbox polls (every second by default) are the idle service's work, not a
    // request's; under valgrind a window lasts ~50 times longer, and they would count ~50 times.
    serverEnv.WEBHOOKS_POLL_INTERVAL_MS = String(3_600_000);
    const seeder = await Seeder.connect(config.database.uri!, config.collections);
    await seeder.resize(200);
    if (CPU_TIME) return await measureCpuTime(session, serverEnv, seeder);
    for (const id of SERVER_IDS) {
      const name = id === 'A' && env.BENCH_INSTR_A_SCRIPT ? 'A-other' : id;
      console.log(`starting ${name} under callgrind`);
      const server = await startServer(session, id, name, serverEnv, {
        script: id === 'A' ? env.BENCH_INSTR_A_SCRIPT : undefined,
        // V8 lists its compiled code (address, size, function and file) in /tmp/perf-<pid>.map.
        nodeArgs: ['--perf-basic-prof'],
        launcher: [
          'valgrind',
          '--tool=callgrind',
          // V8 writes and patches machine code: callgrind must see every change.
          '--smc-check=all-non-file',
          `--callgrind-out-file=${join(outDir, `${name}.%p`)}`,
        ],
      });
      const pid = server.child.pid!;
      let idle: Costs | undefined;
      try {
        for (const path of PATHS) {
          const spec = HOT_PATHS.find((p) => p.name === path)!;
          const bodies = requestBodies(path, seeder.rooms);
          const connections =
            spec.databaseCommands > 0 ? options.dbConnections : options.connections;
          const db = spec.databaseCommands > 0;
          await send(server.url, bodies, db ? DB_WARMUP : WARMUP, connections, spec.expectedStatus);
          // What the server does with no request, per ms, printed beside the figures: under
          // valgrind a window lasts ~50 times longer than it would, and timers count as often.
          // Not taken off: right after a load V8 finishes its collections and compilations, which
          // belong to the requests (measured: A's idle 10 s after warm-up was 85 % GC).
          idle ??= await idleCost(outDir, name, pid);
          execFileSync('callgrind_control', ['-z', String(pid)], { stdio: 'ignore' });
          const started = Date.now();
          const answered = await send(
            server.url,
            bodies,
            db ? DB_REQUESTS : REQUESTS,
            connections,
            spec.expectedStatus,
          );
          const windowMs = Date.now() - started;
          execFileSync('callgrind_control', ['-d', path, String(pid)], { stdio: 'ignore' });
          const file = latestDump(outDir, name, pid);
          copyFileSync(`/tmp/perf-${pid}.map`, `${file}.perf.map`);
          const count = {
            server: name,
            path,
            ...perRequest(costs(file), answered),
          };
          const background = (idle.total * windowMs) / answered;
          counts.push(count);
          console.log(
            `  ${name} ${path}: ${Math.round(count.perRequest).toLocaleString('en')} instructions/request, of which at most ${Math.round(background).toLocaleString('en')} the idle rate's (${file})`,
          );
        }
      } finally {
        await session.stop(server.child);
        rmSync(`/tmp/perf-${pid}.map`, { force: true });
      }
    }
    await seeder.close();
  } finally {
    await session.close();
  }
  console.log(`\n${table(counts)}\n\n${packageTable(counts)}`);
}

/** CPU µs per request of each server and path, rounds of the servers in turn (fresh each time). */
async function measureCpuTime(
  session: BenchSession,
  serverEnv: NodeJS.ProcessEnv,
  seeder: Seeder,
): Promise<void> {
  const options = readOptions();
  const rows: string[] = [];
  for (let round = 1; round <= CPU_ROUNDS; round++) {
    // `A-other` in BENCH_INSTR_SERVERS: A from BENCH_INSTR_A_SCRIPT, beside A itself.
    for (const name of SERVER_IDS as string[]) {
      const id = (name === 'A-other' ? 'A' : name) as ServerId;
      const server = await startServer(session, id, `${name}-${round}`, serverEnv, {
        script: name === 'A-other' ? env.BENCH_INSTR_A_SCRIPT : undefined,
      });
      try {
        for (const path of PATHS) {
          const spec = HOT_PATHS.find((p) => p.name === path)!;
          const bodies = requestBodies(path, seeder.rooms);
          const db = spec.databaseCommands > 0;
          const connections = db ? options.dbConnections : options.connections;
          await send(server.url, bodies, db ? DB_WARMUP : WARMUP, connections, spec.expectedStatus);
          const before = cpuTicks(server.child.pid!);
          const answered = await send(
            server.url,
            bodies,
            db ? DB_REQUESTS : REQUESTS,
            connections,
            spec.expectedStatus,
          );
          const us = ((cpuTicks(server.child.pid!) - before) * 1e6) / CLOCK_TICKS / answered;
          const row = `| ${path} | ${name} | ${round} | ${us.toFixed(1)} |`;
          rows.push(row);
          console.log(row);
        }
      } finally {
        await session.stop(server.child);
      }
    }
  }
  console.log(
    ['', '| path | server | round | CPU µs / request |', '| --- | --- | --- | --- |', ...rows].join(
      '\n',
    ),
  );
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** utime + stime of a process, in clock ticks (/proc/<pid>/stat fields 14 and 15). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * `amount` requests; returns how many got the path's status (a connection error under valgrind's
 * slowness is reported, not fatal); throws on any other status.
 */
async function send(
  url: string,
  bodies: string[],
  amount: number,
  connections: number,
  expected: number,
): Promise<number> {
  let next = 0;
  const result = await autocannon({
    url: url + SURVEY_PATH,
    connections,
    amount,
    timeout: 600,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
      },
    ],
  });
  const stats = Object.entries(result.statusCodeStats ?? {});
  const other = stats.filter(([code]) => +code !== expected);
  if (other.length > 0) throw new Error(`unexpected answers: ${JSON.stringify(other)}`);
  if (result.errors > 0) console.log(`  (${result.errors} connection errors, not counted)`);
  return stats.reduce((sum, [, { count }]) => sum + (count ?? 0), 0);
}

/** callgrind names its dumps <prefix>.<pid>.<n>: the highest n is the last. */
function latestDump(dir: string, name: string, pid: number): string {
  const out = execFileSync('ls', ['-1v', dir], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.startsWith(`${name}.${pid}.`));
  return join(dir, out.at(-1)!);
}

const OWNERS: Array<[string, RegExp]> = [
  [
    'garbage collector',
    /v8::internal::(heap::|.*(Heap|Scaveng|MarkCompact|Marking|Sweep|Evacuat|GCTracer|MinorMS|Compactor|RememberedSet|SlotSet|ConcurrentMark|Worklist|LocalAllocat|MemoryAllocator|PagedSpace|NewSpace|SemiSpace|LargeObject|MemoryChunk|Page::|MutablePage|Young))/,
  ],
  ['V8 builtins (interpreter, ICs, JSON, RegExp)', /(^|\s)Builtins_|RegExp|irregexp|Runtime_/],
  ['JIT-compiled JavaScript (unnamed)', /^0x[0-9a-f]+$/],
  [
    'V8 compiler (Sparkplug, Maglev, TurboFan)',
    /v8::internal::(compiler|maglev|baseline|Compiler|Parser|interpreter::Bytecode)/,
  ],
  ['other V8', /v8::/],
  ['libuv, Node, libc, kernel calls', /./],
];

/** Instructions in a callgrind dump: in all, by owner, compiled JavaScript by package. */
interface Costs {
  total: number;
  byOwner: Record<string, number>;
  byPackage: Record<string, number>;
}

/**
 * The self cost of each function in the dump (cost lines after `fn=`; the line after `calls=` is
 * a call's inclusive cost, skipped), summed by owner.
 */
function costs(file: string): Costs {
  const names = new Map<string, string>();
  const self = new Map<string, number>();
  let fn = '';
  let skipNext = false;
  let total = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (skipNext) {
      skipNext = false;
      continue;
    }
    // Names are compressed: `(id) name` the first time, in fn= or cfn= lines, then `(id)`.
    const named = /^c?fn=\((\d+)\) (.*)$/.exec(line);
    if (named) names.set(named[1], named[2]);
    if (line.startsWith('fn=')) {
      const id = /^fn=\((\d+)\)/.exec(line);
      fn = id ? (names.get(id[1]) ?? id[1]) : line.slice(3);
    } else if (line.startsWith('calls=')) {
      skipNext = true;
    } else if (/^[+\-*\d]/.test(line)) {
      const ir = Number(line.split(' ').at(-1));
      self.set(fn, (self.get(fn) ?? 0) + ir);
      total += ir;
    }
  }
  const byOwner: Record<string, number> = {};
  const byPackage: Record<string, number> = {};
  const code = existsSync(`${file}.perf.map`) ? compiledCode(`${file}.perf.map`) : [];
  for (const [name, ir] of self) {
    const owner = OWNERS.find(([, pattern]) => pattern.test(name))![0];
    byOwner[owner] = (byOwner[owner] ?? 0) + ir;
    if (owner !== OWNERS[2][0]) continue;
    const pkg = packageOf(code, parseInt(name, 16));
    byPackage[pkg] = (byPackage[pkg] ?? 0) + ir;
  }
  return { total, byOwner, byPackage };
}

function perRequest(c: Costs, requests = REQUESTS): Omit<Count, 'server' | 'path'> {
  const per = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v / requests]));
  return { perRequest: c.total / requests, byOwner: per(c.byOwner), byPackage: per(c.byPackage) };
}

/** The server's instructions per ms while no request comes (IDLE_MS of nothing). */
async function idleCost(outDir: string, name: string, pid: number): Promise<Costs> {
  execFileSync('callgrind_control', ['-z', String(pid)], { stdio: 'ignore' });
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  execFileSync('callgrind_control', ['-d', 'idle', String(pid)], { stdio: 'ignore' });
  const ms = Date.now() - started;
  const file = latestDump(outDir, name, pid);
  copyFileSync(`/tmp/perf-${pid}.map`, `${file}.perf.map`);
  const idle = perRequest(costs(file), ms);
  console.log(
    `  ${name} idle: ${Math.round(idle.perRequest).toLocaleString('en')} instructions/ms`,
  );
  return { total: idle.perRequest, byOwner: idle.byOwner, byPackage: idle.byPackage };
}

interface CodeRange {
  start: number;
  end: number;
  name: string;
}

/** V8's perf map: `<hex start> <hex size> JS:*fn /path/file.js:line:col`, sorted by start. */
function compiledCode(mapFile: string): CodeRange[] {
  return readFileSync(mapFile, 'utf8')
    .split('\n')
    .map((line) => /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, start, size, name]) => ({
      start: parseInt(start, 16),
      end: parseInt(start, 16) + parseInt(size, 16),
      name,
    }))
    .sort((a, b) => a.start - b.start);
}

/** Whose code holds an address: node_modules/<package>, node:<module>, or the project's file. */
function packageOf(code: CodeRange[], address: number): string {
  let low = 0;
  let high = code.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (code[mid].end <= address) low = mid + 1;
    else if (code[mid].start > address) high = mid - 1;
    else {
      // The latest code at that address wins (V8 reuses freed code space).
      const name = code[mid].name;
      const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(name);
      if (inModules) return inModules[1];
      const nodeModule = /(node:[\w/]+)/.exec(name);
      if (nodeModule) return nodeModule[1];
      const project = /\/(dist|scripts)\/([^:]+)/.exec(name);
      return project ? `${project[1]}/${project[2]}` : '(other compiled code)';
    }
  }
  return '(unknown compiled code)';
}

/** Each dump's compiled JavaScript by package, the largest first. */
function packageTable(counts: Count[]): string {
  return counts
    .map((c) => {
      const rows = Object.entries(c.byPackage)
        .sort((a, b) => b[1] - a[1])
        .filter(([, ir]) => ir >= 500)
        .map(([pkg, ir]) => `| ${pkg} | ${(ir / 1000).toFixed(1)}k |`);
      return [
        `${c.server} ${c.path}:`,
        '',
        '| package | instructions / request |',
        '| --- | --- |',
        ...rows,
      ].join('\n');
    })
    .join('\n\n');
}

function table(counts: Count[]): string {
  const k = (n: number) => `${(n / 1000).toFixed(0)}k`;
  const owners = OWNERS.map(([name]) => name);
  const head = `| path | server | instructions / request | ${owners.join(' | ')} |`;
  const rule = `| ${['---', '---', '---', ...owners.map(() => '---')].join(' | ')} |`;
  const rows = counts.map(
    (c) =>
      `| ${c.path} | ${c.server} | ${k(c.perRequest)} | ${owners.map((o) => k(c.byOwner[o] ?? 0)).join(' | ')} |`,
  );
  return [
    `valgrind --tool=callgrind: invalid-params ${REQUESTS} requests after ${WARMUP} of warm-up, the database paths ${DB_REQUESTS} after ${DB_WARMUP}:`,
    '',
    head,
    rule,
    ...rows,
  ].join('\n');
}

// `npm run bench:instructions -- <callgrind file>...`: the table of dumps already made.
const files = process.argv.slice(2);
const run = files.length
  ? () => {
      const counts = files.map((file) => ({
        server: file,
        path: '' as PathName,
        ...perRequest(costs(file)),
      }));
      console.log(`${table(counts)}\n\n${packageTable(counts)}`);
      return Promise.resolve();
    }
  : main;

run().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `\nbench:instructions failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
