import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerStages } from './dockerfile';
import { root } from './tools';

const read = (file: string) => readFileSync(join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};

describe('one Node.js for everything that runs the project', () => {
  const pinned = pkg.devDependencies.node;
  const major = pinned.split('.')[0];

  it('runs the npm scripts (this test included) on the pinned node package', () => {
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
    expect(process.version).toBe(`v${pinned}`);
    // Its install script fetches the platform's binary: approved by name, nothing else runs.
    expect(pkg.allowScripts).toEqual({
      node: true,
      '@parcel/watcher': false,
      '@scarf/scarf': false,
    });
  });

  it('declares the same major in engines, .nvmrc and the image', () => {
    expect(pkg.engines.node).toBe(`>=${major}`);
    expect(read('.nvmrc').trim()).toBe(major);
    for (const stage of dockerStages(read('Dockerfile')))
      expect(stage.image).toBe(`node:${major}-bookworm-slim`);
  });
});
