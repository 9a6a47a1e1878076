import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GENERATED_FILES, generatedFiles } from './config-docs';
import { SETTINGS_CLASSES, validateEnvironment } from './environment';
import { declaredBy } from './setting.decorator';
import { settingDeclarations } from './settings-catalogue';

const ROOT = resolve(__dirname, '..', '..');

describe('the configuration reference (npm run config:docs)', () => {
  const generated = generatedFiles();

  it.each(GENERATED_FILES)('%s is what the code generates', (file) => {
    const committed = readFileSync(resolve(ROOT, file), 'utf8');
    if (committed !== generated[file]) {
      throw new Error(
        `${file} differs from the settings declared in src/**/*.settings.ts: run npm run config:docs`,
      );
    }
  });
});

describe('the settings each feature declares', () => {
  const declarations = settingDeclarations();

  it('gives every setting a description and a feature that names the folder reading it', () => {
    for (const setting of declarations) {
      expect({ name: setting.name, description: setting.description.trim() }).toEqual({
        name: setting.name,
        description: expect.stringMatching(/\S/),
      });
      expect(setting.feature.title).toMatch(/\S/);
      expect(setting.feature.folder).toMatch(/^src\/[a-z-]+$/);
    }
  });

  it('declares every property the validation knows, once', () => {
    const names = declarations.map(({ name }) => name);
    expect(new Set(names).size).toBe(names.length);
    const validated = Object.keys(validateEnvironment({})).sort();
    const optional = declarations.filter((s) => s.default === undefined).map((s) => s.name);
    expect([...validated, ...optional].sort()).toEqual([...names].sort());
  });

  it('says what an unset setting means when it has no default of its own', () => {
    for (const setting of declarations.filter((s) => s.default === undefined)) {
      expect({ name: setting.name, unset: setting.unset }).toEqual({
        name: setting.name,
        unset: expect.stringMatching(/\S/),
      });
    }
  });

  it('describes each feature once, in its own class', () => {
    const titles = SETTINGS_CLASSES.map(
      (settingsClass) => declaredBy(settingsClass).feature?.title,
    );
    expect(new Set(titles).size).toBe(SETTINGS_CLASSES.length);
  });

  it('marks as secret exactly what may hold a password or a key (the Helm chart keeps them in a Secret)', () => {
    const secrets = declarations.filter((s) => s.secret).map((s) => s.name);
    expect(secrets).toEqual(['MONGODB_URI', 'REDIS_URL', 'API_KEYS', 'REPORTS_API_KEYS']);
  });
});
