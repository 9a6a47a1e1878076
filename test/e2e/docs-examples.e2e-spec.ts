/**
 * Examples that cannot drift: every shell example of README.md and docs/*.md that shows an answer
 * is run against the built service, and the answer it gives is compared with the one shown.
 *
 * The convention (docs/development.md, "Examples that cannot drift"):
 * - A fenced block with info string `sh`, followed (only blank lines between) by a fenced block
 *   with info string `output`, is run; the output block is its stdout, lines in order. An `sh`
 *   block without its `output` block, or an `output` block alone, fails this spec: commands that
 *   are not run are `bash` (or `nginx`, `yaml`, ...).
 * - Pages: README.md and docs/*.md (not those starting with `_`). Each page with runnable blocks
 *   gets its own service (`dist/main.js`) on a fresh embedded database, started with only
 *   API_KEYS (the digest of `$KEY`, every scope), PUBLIC_URL=https://survey.example.com and the
 *   page's own settings: a line `<!-- examples-env: NAME=value NAME=value -->` in the page.
 *   No demo data: a block runs `npm run seed --silent` (or `seed:demo`) itself.
 * - A page's blocks run in order in one bash process, in the repository, with only PATH, HOME,
 *   KEY (the API key in plain) and EMBEDDED_DB_PORT/EMBEDDED_DB_DIR (so `npm run seed` and
 *   `npm run settings` reach the service's database). `http://localhost:3000` in a block is the
 *   service's URL; in the stdout, the service's URL is written back as `http://localhost:3000`.
 * - Compared line by line, both sides masked: ISO date-times become `<time>`, Rocket.Chat ids
 *   (17 characters of its alphabet) `<id>`, trailing spaces and trailing blank lines dropped. In
 *   the output block `"…"` matches any JSON string, another `…` any text within its line, and a
 *   line that is only `…` any number of lines. stderr is not compared (the failure shows it).
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
    .filter((name) => name.endsWith('.md') && !name.startsWith('_'))
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

const withExamples = pages.filter((page) => page.examples.length > 0);

describe.each(withExamples)('the examples of $page', ({ page, settings, examples }) => {
  let service: RunningService | undefined;
  let runs: BlockRun[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-docs-db-'));
  const pageTimeout = 20_000 + 15_000 * examples.length;

  beforeAll(async () => {
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
    rmSync(dataDir, { recursive: true, force: true });
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
