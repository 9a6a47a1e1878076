/**
 * Writes docs/configuration.md and .env.example from the settings each feature declares
 * (`src/**\/*.settings.ts`). `--check`: writes nothing, exits 1 naming each committed file that
 * differs from what the code generates (the drift test in src/config/config-docs.spec.ts too).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatedFiles } from '../src/config/config-docs';

const root = resolve(__dirname, '..');
const check = process.argv.includes('--check');
const stale: string[] = [];
for (const [file, text] of Object.entries(generatedFiles())) {
  const path = resolve(root, file);
  let committed: string | undefined;
  try {
    committed = readFileSync(path, 'utf8');
  } catch {
    committed = undefined;
  }
  if (committed === text) continue;
  if (check) stale.push(file);
  else {
    writeFileSync(path, text);
    console.log(`wrote ${file}`);
  }
}
for (const file of stale) {
  console.error(`${file} differs from the settings the code declares: run npm run config:docs`);
}
if (stale.length > 0) process.exit(1);
if (check) console.log('docs/configuration.md and .env.example match the code');
