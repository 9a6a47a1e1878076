import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The runnable examples of README.md and docs/*.md (the convention: docs/development.md, "Examples
 * in the docs are tested"): finding them, and comparing what a block printed with the answer the
 * page shows.
 */

/** A fenced block of a page: its info string, the line of its opening fence, its text. */
export interface Fence {
  info: string;
  line: number;
  endLine: number;
  text: string;
}

/** A runnable example: an `sh` block and the `output` block right after it. */
export interface Example {
  page: string;
  line: number;
  script: string;
  shown: string;
}

/** Every fenced block of a Markdown page (backticks or tildes, indented or not, nested longer fences). */
export function fences(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const found: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[j]);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      // The fence's indentation is not part of the text (a block inside a list item).
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    found.push({ info, line: i + 1, endLine: j + 1, text: body.join('\n') });
    i = j;
  }
  return found;
}

/** A page's examples, and its convention mistakes (an `sh` block alone, an `output` block alone). */
export function examplesOf(page: string, markdown: string) {
  const blocks = fences(markdown);
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  const mistakes: string[] = [];
  const paired = new Set<Fence>();
  blocks.forEach((block, index) => {
    if (block.info !== 'sh') return;
    const next = blocks[index + 1];
    const between = next ? lines.slice(block.endLine, next.line - 1) : [];
    if (next?.info === 'output' && between.every((line) => line.trim() === '')) {
      paired.add(next);
      examples.push({ page, line: block.line, script: block.text, shown: next.text });
    } else {
      mistakes.push(
        `${page}:${block.line}: an sh block with no output block right after it (use bash for a block that is not run)`,
      );
    }
  });
  for (const block of blocks) {
    if (block.info === 'output' && !paired.has(block)) {
      mistakes.push(`${page}:${block.line}: an output block with no sh block right before it`);
    }
  }
  return { examples, mistakes };
}

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;
// Rocket.Chat's Random.id(): 17 characters of this alphabet (no 0, 1, I, O, U, V, l).
const ROCKET_CHAT_ID =
  /(?<![\w-])[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}(?![\w-])/g;
const ELLIPSIS = '…';

/** One line with what varies from run to run masked: times, Rocket.Chat ids, trailing spaces. */
export const maskLine = (line: string) =>
  line.replace(ISO_TIME, '<time>').replace(ROCKET_CHAT_ID, '<id>').trimEnd();

/** Text as compared lines: split, masked, without the trailing blank lines. */
export function maskedLines(text: string): string[] {
  const lines = text.replace(/\n$/, '').split('\n').map(maskLine);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A shown line as a pattern: `"…"` any JSON string value, another `…` any text in the line. */
function linePattern(shown: string): RegExp {
  const escaped = shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = escaped
    .split(`"${ELLIPSIS}"`)
    .map((part) => part.split(ELLIPSIS).join('.*?'))
    .join('"(?:[^"\\\\]|\\\\.)*"');
  return new RegExp(`^${pattern}$`);
}

/**
 * The actual lines as the comparison should show them: each line that matches its shown line
 * replaced by the shown one (a line that is only `…` stands for any number of lines), so that
 * `expect(normalised).toEqual(shown)` passes exactly when the answer matches, and a diff shows
 * only the lines that do not.
 */
export function normaliseAnswer(actual: string[], shown: string[]): string[] {
  const patterns = shown.map((line) => (line === ELLIPSIS ? undefined : linePattern(line)));
  const memo = new Map<string, boolean>();
  const fits = (i: number, j: number): boolean => {
    if (j === shown.length) return i === actual.length;
    const key = `${i},${j}`;
    if (memo.has(key)) return memo.get(key)!;
    const pattern = patterns[j];
    const result = pattern
      ? i < actual.length && pattern.test(actual[i]) && fits(i + 1, j + 1)
      : fits(i, j + 1) || (i < actual.length && fits(i + 1, j));
    memo.set(key, result);
    return result;
  };
  if (fits(0, 0)) return [...shown];
  // No match: line by line, for a readable diff (a `…` line swallows up to the next line that fits).
  const out: string[] = [];
  let i = 0;
  for (let j = 0; j < shown.length && i < actual.length; j++) {
    const pattern = patterns[j];
    if (pattern) {
      out.push(pattern.test(actual[i]) ? shown[j] : actual[i]);
      i++;
      continue;
    }
    const next = patterns[j + 1];
    while (i < actual.length && !(next && next.test(actual[i]))) i++;
    out.push(ELLIPSIS);
  }
  return [...out, ...actual.slice(i)];
}

/** What one block printed, and how its last command ended. */
export interface BlockRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * A page's blocks, in order, in one bash process (variables of one block seen by the next), with
 * `cwd` and only `env`; a marker after each block cuts its stdout and stderr out. Blocks the
 * process did not reach (killed after `timeoutMs`) end with status null.
 */
export async function runBlocks(
  scripts: string[],
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
): Promise<BlockRun[]> {
  const mark = `@@doc-example-${randomBytes(6).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'livechat-survey-doc-examples-'));
  const file = join(dir, 'page.sh');
  writeFileSync(
    file,
    scripts
      .map(
        (script) =>
          `${script}\n__status=$?\nprintf '\\n${mark} %s\\n' "$__status"\nprintf '\\n${mark}\\n' >&2\n`,
      )
      .join(''),
  );
  // A file, not stdin: a command of a block that reads stdin must not read the blocks after it.
  const child = spawn('bash', ['--noprofile', '--norc', file], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: whatever a block left running in the background is stopped with it.
    detached: true,
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const closed = new Promise((done) => child.once('close', done));
  const timer = setTimeout(killGroup, timeoutMs);
  await new Promise((done) => child.once('exit', done));
  clearTimeout(timer);
  // What a block left in the background would keep the pipes open: stopped, then the pipes are
  // read to their end (what it wrote before stays in them).
  killGroup();
  await closed;
  rmSync(dir, { recursive: true, force: true });
  const stdout = Buffer.concat(out)
    .toString()
    .split(new RegExp(`\\n${mark} (\\d+)\\n`));
  const stderr = Buffer.concat(err).toString().split(`\n${mark}\n`);
  return scripts.map((_, index) => ({
    stdout: stdout[2 * index] ?? '',
    status: index < (stdout.length - 1) / 2 ? Number(stdout[2 * index + 1]) : null,
    stderr: stderr[index] ?? '',
  }));
}
