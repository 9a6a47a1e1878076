/**
 * `npm run build`, and `npm start`'s build (`--if-changed`): the service (nest build) and the
 * reports page (vite, then its budget) into a fresh dist.next-<pid>/, which then replaces dist/ in
 * two renames. A running service keeps its files until the new ones are complete (never an
 * emptied dist/ under it), and a failed build leaves dist/ as it was. dist/.build-stamp holds a
 * digest of the inputs: with --if-changed, an unchanged tree is not rebuilt.
 */
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
// Beside dist/, at its depth (the source maps' relative paths stay right after the swap); one
// per build, should two run at once.
const NEXT = join(ROOT, `dist.next-${process.pid}`);
const OLD = join(ROOT, `dist.old-${process.pid}`);
const STAMP = '.build-stamp';
// What the build reads, besides node_modules (whose versions package-lock.json pins).
const INPUTS = [
  'src',
  'web',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
  'scripts/build.js',
  'scripts/web-budget.js',
];

/** Every file under `path` (or `path` itself, a file), in a stable order. */
function files(path) {
  if (!existsSync(path)) return [];
  try {
    return readdirSync(path, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((entry) => files(join(path, entry.name)));
  } catch (error) {
    if (error.code === 'ENOTDIR') return [path];
    throw error;
  }
}

/** A digest of every input file's path and content. */
function inputsDigest() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => files(join(ROOT, input)))) {
    hash
      .update(`${relative(ROOT, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  }
  return hash.digest('hex');
}

/** Runs a Node script of the project (on this Node), its output shown; throws when it fails. */
function run(script, args) {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`${script} ${args[0] ?? ''} failed`);
}

function build(digest) {
  rmSync(NEXT, { recursive: true, force: true });
  // A tsconfig that only moves the output (and its incremental state) to NEXT.
  const tsconfig = `${NEXT}.tsconfig.json`;
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: './tsconfig.build.json',
      compilerOptions: { outDir: NEXT, tsBuildInfoFile: join(NEXT, '.tsbuildinfo') },
    }),
  );
  try {
    run('node_modules/@nestjs/cli/bin/nest.js', ['build', '--path', relative(ROOT, tsconfig)]);
  } finally {
    rmSync(tsconfig, { force: true });
  }
  const web = join(NEXT, 'web');
  run('node_modules/vite/bin/vite.js', [
    'build',
    '--config',
    'web/vite.config.mts',
    '--outDir',
    web,
  ]);
  run('scripts/web-budget.js', [web]);
  writeFileSync(join(NEXT, STAMP), `${digest}\n`);
  rmSync(OLD, { recursive: true, force: true });
  if (existsSync(DIST)) renameSync(DIST, OLD);
  renameSync(NEXT, DIST);
  rmSync(OLD, { recursive: true, force: true });
}

const digest = inputsDigest();
const built = existsSync(join(DIST, 'main.js')) && existsSync(join(DIST, STAMP));
if (process.argv.includes('--if-changed') && built) {
  if (readFileSync(join(DIST, STAMP), 'utf8').trim() === digest) {
    console.log('build: dist/ is up to date with the sources, not rebuilt');
    process.exit(0);
  }
}
try {
  build(digest);
} catch (error) {
  rmSync(NEXT, { recursive: true, force: true });
  console.error(`build failed (${error.message}): dist/ is unchanged`);
  process.exit(1);
}
