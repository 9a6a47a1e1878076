import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { preProcessFile } from 'typescript';

const ROOT = resolve(__dirname, '..');
const FOLDERS = ['src', 'scripts', 'test', 'web/src'];
const EXTENSIONS = ['.ts', '.tsx', '.js'];

function sources(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return EXTENSIONS.some((extension) => name.endsWith(extension)) ? [path] : [];
  });
}

/** The project file a relative import names (with or without its extension, or a folder's index). */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [
    base,
    ...EXTENSIONS.map((extension) => base + extension),
    ...EXTENSIONS.map((extension) => join(base, `index${extension}`)),
  ].find((path) => existsSync(path) && statSync(path).isFile());
}

/** Each cycle of imports once, as the files in order (type-only imports count: they tie the files too). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        found.set([...cycle].sort().join(' '), cycle);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return [...found.values()];
}

describe('imports', () => {
  it('form no cycle in src/, scripts/, test/ or web/src/', () => {
    const files = FOLDERS.flatMap((folder) => sources(join(ROOT, folder)));
    const graph = new Map(
      files.map((file) => [
        file,
        preProcessFile(readFileSync(file, 'utf8'), true, true)
          .importedFiles.map(({ fileName }) => fileName)
          .filter((specifier) => specifier.startsWith('.'))
          .map((specifier) => resolveImport(file, specifier))
          .filter((path): path is string => path !== undefined),
      ]),
    );
    expect(files.length).toBeGreaterThan(100);
    const named = cycles(graph).map((cycle) =>
      [...cycle, cycle[0]].map((file) => relative(ROOT, file)).join(' -> '),
    );
    expect(named).toEqual([]);
  });
});
