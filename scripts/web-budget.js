/**
 * The reports page's budget: the JavaScript loaded at start (the entry and its static imports,
 * from Vite's manifest) must stay within BUDGET_KB gzipped. Run after `vite build` on its output
 * directory (the argument; dist/web by default); exits 1 above it.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');

const BUDGET_KB = 150;
const dir = process.argv[2] ?? join(__dirname, '..', 'dist', 'web');
const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
entries.forEach(visit);

let total = 0;
for (const file of [...initial].filter((f) => f.endsWith('.js'))) {
  const size = gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
  total += size;
  console.log(`web-budget: ${file} ${(size / 1024).toFixed(1)} KB gzipped`);
}
const kb = total / 1024;
console.log(`web-budget: initial JavaScript ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (entries.length === 0 || kb > BUDGET_KB) {
  console.error(`web-budget: over budget or nothing built (${kb.toFixed(1)} KB > ${BUDGET_KB} KB)`);
  process.exit(1);
}
