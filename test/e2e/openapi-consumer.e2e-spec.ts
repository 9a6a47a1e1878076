import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createTestApp, type TestApp } from '../support/app';
import { visitorToken } from '../support/factories';

const ROOT = resolve(__dirname, '..', '..');
const CONSUMER = join(ROOT, 'test', 'consumer');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

describe('a consumer generating its types from the committed document (openapi-typescript)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('generates types, type-checks a client against them, and runs the survey journey', async () => {
    mkdirSync(join(CONSUMER, 'generated'), { recursive: true });
    execFileSync(
      bin('openapi-typescript'),
      [join(ROOT, 'openapi.json'), '-o', join(CONSUMER, 'generated', 'openapi.d.ts')],
      {
        stdio: 'pipe',
      },
    );
    // Throws with tsc's diagnostics when the client does not fit the generated types.
    execFileSync(bin('tsc'), ['-p', join(CONSUMER, 'tsconfig.json')], { encoding: 'utf8' });

    // Loaded by path: the client compiles only once its types are generated (above), so the
    // project's own type check must not follow it.
    const clientPath = join(CONSUMER, 'survey-client');
    const { surveyJourney } = (await import(clientPath)) as {
      surveyJourney: (base: string, token: string) => Promise<unknown>;
    };
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const result = await surveyJourney(`http://127.0.0.1:${port}`, visitorToken());
    expect(result).toEqual({
      rid: expect.any(String),
      data: { satisfaction: '5', additionalFeedback: 'Closed by visitor' },
      success: true,
    });
  });
});
