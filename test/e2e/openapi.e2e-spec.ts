import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { generateOpenApi } from '../../scripts/openapi';
import { createTestApp, type TestApp } from '../support/app';
import { checkResponse, OPENAPI_PATH } from '../support/contract';

const committed = readFileSync(OPENAPI_PATH, 'utf8');

describe('the OpenAPI document', () => {
  it('is committed as the code generates it (else: run `npm run openapi` and commit openapi.json)', async () => {
    const generated = await generateOpenApi();
    if (generated !== committed) {
      throw new Error('openapi.json is out of date: run `npm run openapi` and commit openapi.json');
    }
  });

  it('is a valid OpenAPI 3.1 document for a standard validator (@apidevtools/swagger-parser)', () => {
    const script = resolve(__dirname, '..', '..', 'scripts', 'validate-openapi.js');
    const verdict = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    expect(verdict.trim()).toBe('openapi.json: valid OpenAPI 3.1.0, 23 operations, 0 errors');
    expect(committed).not.toContain('"nullable"');
  });

  it('documents every route with 200, its Rocket.Chat error shapes, 503, 429 and (POST, PATCH) 413', () => {
    const spec = JSON.parse(committed) as {
      paths: Record<string, Record<string, { responses: object }>>;
    };
    const operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(
        ([method, op]) => `${method.toUpperCase()} ${path} ${Object.keys(op.responses).join(',')}`,
      ),
    );
    expect(operations.sort()).toEqual([
      'DELETE /api/v1/livechat/survey.webhooks/{id} 200,401,403,404,429,503',
      'DELETE /api/v1/livechat/visitor/{token} 200,400,429,503',
      'GET /api/v1/livechat/config 200,400,429,503',
      'GET /api/v1/livechat/room 200,400,429,503',
      'GET /api/v1/livechat/survey.dashboard 200,400,401,403,429,503',
      'GET /api/v1/livechat/survey.export.csv 200,400,401,403,429,503',
      'GET /api/v1/livechat/survey.followups 200,400,401,403,429,503',
      'GET /api/v1/livechat/survey.report 200,400,401,403,429,503',
      'GET /api/v1/livechat/survey.responses 200,400,401,403,429,503',
      'GET /api/v1/livechat/survey.webhooks 200,401,403,429,503',
      'GET /api/v1/livechat/survey.webhooks/{id}/deliveries 200,400,401,403,404,429,503',
      'GET /api/v1/livechat/visitor/{token} 200,400,429,503',
      'PATCH /api/v1/livechat/survey.webhooks/{id} 200,400,401,403,404,413,429,503',
      'POST /api/v1/livechat/room.close 200,400,413,429,503',
      'POST /api/v1/livechat/room.survey 200,400,413,429,503',
      'POST /api/v1/livechat/survey.followup 200,400,401,403,404,413,429,503',
      'POST /api/v1/livechat/survey.link 200,400,401,403,404,413,429,503',
      'POST /api/v1/livechat/survey.webhooks 200,400,401,403,413,429,503',
      'POST /api/v1/livechat/survey.webhooks/{id}/deliveries/retry 200,400,401,403,404,413,429,503',
      'POST /api/v1/livechat/survey.webhooks/{id}/deliveries/{deliveryId}/retry 200,400,401,403,404,413,429,503',
      'POST /api/v1/livechat/survey.webhooks/{id}/ping 200,401,403,404,413,429,503',
      'POST /api/v1/livechat/survey.webhooks/{id}/rotate 200,400,401,403,404,413,429,503',
      'POST /api/v1/livechat/visitor 200,400,413,429,503',
    ]);
  });
});

describe('the contract check itself', () => {
  const json = {
    'content-type': 'application/json',
    'x-ratelimit-limit': '10',
    'x-ratelimit-remaining': '9',
    'x-ratelimit-reset': '1790000000000',
  };
  const survey = (status: number, body: object, headers: Record<string, unknown> = json) =>
    checkResponse('POST', '/api/v1/livechat/room.survey', status, headers, JSON.stringify(body));

  it('accepts a documented body and refuses a changed one, an undocumented status or media type', () => {
    expect(survey(200, { rid: 'r', data: { satisfaction: '5' }, success: true })).toEqual([]);
    expect(survey(200, { rid: 'r', data: { satisfaction: 5 }, success: true })[0]).toMatch(
      /must be string/,
    );
    expect(
      survey(400, {
        success: false,
        error: '[invalid-token]',
        errorType: 'invalid-token',
        extra: 1,
      })[0],
    ).toMatch(/additional properties/);
    expect(survey(400, { success: false, error: '[nope]', errorType: 'nope' })[0]).toMatch(
      /allowed values/,
    );
    expect(survey(418, {})).toEqual([
      'POST /api/v1/livechat/room.survey → 418: undocumented status',
    ]);
    expect(
      survey(
        200,
        { rid: 'r', data: {}, success: true },
        { ...json, 'content-type': 'text/html' },
      )[0],
    ).toMatch(/content-type text\/html/);
    expect(checkResponse('PUT', '/api/v1/livechat/room.survey', 404, json, '{}')).toEqual([
      'PUT /api/v1/livechat/room.survey → 404: undocumented method',
    ]);
  });
});

describe('the served documents', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves the committed document at /api-docs-json and /api-docs-yaml, and the UI at /api-docs', async () => {
    const json = await t.http().get('/api-docs-json');
    expect(json.status).toBe(200);
    expect(json.body).toEqual(JSON.parse(committed));
    const yaml = await t.http().get('/api-docs-yaml');
    expect(yaml.status).toBe(200);
    expect(parse(yaml.text)).toEqual(JSON.parse(committed));
    const ui = await t.http().get('/api-docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });
});

describe('API_DOCS_ENABLED=false', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ API_DOCS_ENABLED: 'false' });
  });
  afterAll(() => t.close());

  it('turns the UI off and keeps the JSON document', async () => {
    expect((await t.http().get('/api-docs')).status).toBe(404);
    expect((await t.http().get('/api-docs-json')).status).toBe(200);
  });
});
