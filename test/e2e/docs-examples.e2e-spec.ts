/**
 * Examples that cannot drift: every shell example of README.md and docs/*.md that shows an answer
 * is run against the built service, and the answer it gives is compared with the one shown. The
 * convention (the `sh` block and its `output` block, each page's service and settings, the shell's
 * environment, the masking and `…`) is written once, in docs/development.md, "Examples in the docs
 * are tested".
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/database/ferretdb.process';
import { SCOPES } from '../../src/reports/scopes';
import {
  examplesOf,
  maskedLines,
  maskLine,
  normaliseAnswer,
  runBlocks,
  type BlockRun,
  type Example,
} from '../support/doc-examples';
import { startService, type RunningService } from '../support/service';

const ROOT = resolve(__dirname, '..', '..');
const SHOWN_URL = 'http://localhost:3000';
// The key the pages' `$KEY` holds; docs say it comes from `npm run api-key`.
const KEY = 'docsExampleKey-8QmZ4vJt2nWc7rYp3LkB6hDx9sFg5aTe1uNo0iVw';

const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
].map((page) => {
  const markdown = readFileSync(join(ROOT, page), 'utf8');
  const settings = [...markdown.matchAll(/^<!-- examples-env: (.*?) -->$/gm)].flatMap((match) =>
    match[1].split(/\s+/).filter(Boolean),
  );
  return { page, settings, ...examplesOf(page, markdown) };
});

describe('the examples of README.md and docs/', () => {
  it('finds runnable examples (an sh block with its output block) in README.md or docs/', () => {
    expect(pages.flatMap((page) => page.examples).length).toBeGreaterThan(0);
  });

  it('pairs every sh block with an output block, and every output block with an sh block', () => {
    expect(pages.flatMap((page) => page.mistakes)).toEqual([]);
  });
});

describe('how a shown answer is compared', () => {
  const matches = (actual: string, shown: string) => {
    const expected = maskedLines(shown);
    return (
      JSON.stringify(normaliseAnswer(maskedLines(actual), expected)) === JSON.stringify(expected)
    );
  };

  it('masks ISO times and Rocket.Chat ids on both sides, not other words of 17 characters', () => {
    expect(maskLine('{"_id":"fGjdBE2GSmGieTN5u","ts":"2026-12-02T09:33:37.809Z"}')).toBe(
      '{"_id":"<id>","ts":"<time>"}',
    );
    expect(maskLine('exampleVisitor001 demoManager000001 cf-token-1')).toBe(
      'exampleVisitor001 demoManager000001 cf-token-1',
    );
    expect(matches('{"rid":"n7ZAZWbmDcsJSDkoX"}\n', '{"rid":"gMMeBpWyLeowCrzBv"}')).toBe(true);
  });

  it('takes "…" for any JSON string, … for any text in a line, a line of … for any lines', () => {
    expect(matches('{"secret":"whsec_a\\"b","n":3}', '{"secret":"…","n":3}')).toBe(true);
    expect(matches('{"secret":"whsec_ab","n":3}', '{"secret":"…","n":4}')).toBe(false);
    expect(
      matches('{"webhook":{"a":1,"b":[2]},"success":true}', '{"webhook":{…},"success":true}'),
    ).toBe(true);
    expect(matches('a\nb\nc\nd', 'a\n…\nd')).toBe(true);
    expect(matches('a\nd', 'a\n…\nd')).toBe(true);
    expect(matches('a\nb\nc', 'a\n…\nd')).toBe(false);
  });

  it('fails on a changed answer, a missing line or an extra one, and shows only those lines', () => {
    expect(matches('{"satisfaction":"5"}', '{"satisfaction":"4"}')).toBe(false);
    expect(matches('a\nb', 'a')).toBe(false);
    expect(matches('a', 'a\nb')).toBe(false);
    expect(normaliseAnswer(['x 1', 'y'], ['x …', 'z'])).toEqual(['x …', 'y']);
    // A missing final newline and trailing blanks do not count.
    expect(matches('a  \n\n', 'a')).toBe(true);
  });

  it("runs a page's blocks in one shell, cutting out each block's stdout and stderr", async () => {
    const runs = await runBlocks(
      ['X=7; echo a', 'printf "$X"', 'echo oops >&2; false'],
      { PATH: process.env.PATH ?? '' },
      tmpdir(),
      10_000,
    );
    expect(runs).toEqual([
      { stdout: 'a\n', stderr: '', status: 0 },
      { stdout: '7', stderr: '', status: 0 },
      { stdout: '', stderr: 'oops\n', status: 1 },
    ]);
  });

  it('pairs sh blocks with the output block after them, in lists and around longer fences', () => {
    const page = [
      '```sh',
      'echo 1',
      '```',
      '',
      '```output',
      '1',
      '```',
      '- a step:',
      '  ```sh',
      '  echo 2',
      '  ```',
      '  ```output',
      '  2',
      '  ```',
      '````markdown',
      '```sh',
      'not run: inside a longer fence',
      '```',
      '````',
      '```sh',
      'echo alone',
      '```',
      'prose between',
      '```output',
      'alone',
      '```',
    ].join('\n');
    const { examples, mistakes } = examplesOf('page.md', page);
    expect(examples.map(({ line, script, shown }) => ({ line, script, shown }))).toEqual([
      { line: 1, script: 'echo 1', shown: '1' },
      { line: 9, script: 'echo 2', shown: '2' },
    ]);
    expect(mistakes).toEqual([
      'page.md:20: an sh block with no output block right after it (use bash for a block that is not run)',
      'page.md:24: an output block with no sh block right before it',
    ]);
  });
});

const withExamples = pages.filter((page) => page.examples.length > 0);

describe.each(withExamples)('the examples of $page', ({ page, settings, examples }) => {
  let service: RunningService | undefined;
  let runs: BlockRun[] = [];
  let dataDir: string | undefined;
  const pageTimeout = 20_000 + 15_000 * examples.length;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-docs-db-'));
    const dbPort = String(await freePort());
    const digest = createHash('sha256').update(KEY).digest('hex');
    service = await startService({
      EMBEDDED_DB_DIR: dataDir,
      EMBEDDED_DB_PORT: dbPort,
      API_KEYS: `${digest}:${SCOPES.join('+')}`,
      PUBLIC_URL: 'https://survey.example.com',
      ...(process.env.FERRETDB_BIN ? { FERRETDB_BIN: process.env.FERRETDB_BIN } : {}),
      ...Object.fromEntries(settings.map((setting) => setting.split(/=(.*)/s, 2))),
    });
    const url = service.url;
    runs = await runBlocks(
      examples.map((example) => example.script.split(SHOWN_URL).join(url)),
      {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        KEY,
        EMBEDDED_DB_PORT: dbPort,
        EMBEDDED_DB_DIR: dataDir,
      },
      ROOT,
      pageTimeout,
    );
    for (const run of runs) run.stdout = run.stdout.split(url).join(SHOWN_URL);
  }, 60_000 + pageTimeout);

  afterAll(async () => {
    await service?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(examples.map((example, index) => [`${page}:${example.line}`, example, index] as const))(
    '%s answers as shown',
    (_name: string, example: Example, index: number) => {
      const run = runs[index];
      const shown = maskedLines(example.shown);
      try {
        expect(normaliseAnswer(maskedLines(run.stdout), shown)).toEqual(shown);
      } catch (error) {
        const status = run.status === null ? 'not finished' : `exit status ${run.status}`;
        (error as Error).message += `\n\n${status}; stderr of the block:\n${run.stderr}`;
        throw error;
      }
    },
  );
});
