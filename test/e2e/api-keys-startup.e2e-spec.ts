import { REPORTS_API_KEYS_WARNING } from '../../src/reports/api-keys';
import { apiKey, scopedApiKey } from '../support/managers';
import { jsonLogLines, startService, startServiceToExit } from '../support/service';

/** API_KEYS and REPORTS_API_KEYS as `node dist/main.js` (npm run build first) reads them. */
describe('API keys at start-up (node dist/main.js)', () => {
  const uri = () => `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/api_keys_startup`;

  it('warns once, in one JSON line, that REPORTS_API_KEYS keys only read now', async () => {
    const legacy = apiKey();
    const hooks = scopedApiKey('webhooks:manage');
    const service = await startService({
      MONGODB_URI: uri(),
      REPORTS_API_KEYS: legacy.digest,
      API_KEYS: hooks.entry,
      LOG_FORMAT: 'json',
      RATE_LIMIT_ENABLED: 'false',
    });
    try {
      for (const headers of [{ 'X-Api-Key': legacy.key }, hooks.header]) {
        const res = await fetch(`${service.url}/api/v1/livechat/survey.webhooks`, { headers });
        expect(res.status).toBe(headers === hooks.header ? 200 : 403);
      }
      const warnings = jsonLogLines(service.output()).filter(
        (line) => line.msg === REPORTS_API_KEYS_WARNING,
      );
      expect(warnings).toEqual([
        expect.objectContaining({ level: 40, context: 'ManagerAuthService' }),
      ]);
      expect(service.output()).not.toContain(legacy.key);
    } finally {
      expect(await service.stop()).toBe(0);
    }
  });

  it('refuses a bad API_KEYS: exit 1 and one message naming the entry', async () => {
    const { code, output } = await startServiceToExit({
      MONGODB_URI: uri(),
      API_KEYS: `${'a'.repeat(64)}:reports:read+webhooks:write`,
    });
    expect(code).toBe(1);
    expect(output).toMatch(
      /^Invalid configuration:\n {2}API_KEYS: entry 1 \(aaaaaaaaaaaa…\): unknown scope "webhooks:write" \(known: /,
    );
    expect(output.split('\n').filter(Boolean)).toHaveLength(2);
  });
});
