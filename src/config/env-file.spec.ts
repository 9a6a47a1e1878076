import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvironment } from './env-file';

describe('readEnvironment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'livechat-survey-env-'));
  const file = join(dir, '.env');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads .env, with the process environment winning over it', () => {
    writeFileSync(
      file,
      '# a comment\nEMBEDDED_DB_PORT=27140\nMONGODB_DATABASE="from file"\nPORT=3001 # inline\n',
    );
    expect(readEnvironment(file, { MONGODB_DATABASE: 'from environment' })).toEqual({
      EMBEDDED_DB_PORT: '27140',
      MONGODB_DATABASE: 'from environment',
      PORT: '3001',
    });
  });

  it('is the process environment alone without a .env', () => {
    expect(readEnvironment(join(dir, 'missing.env'), { PORT: '3002' })).toEqual({ PORT: '3002' });
  });
});
