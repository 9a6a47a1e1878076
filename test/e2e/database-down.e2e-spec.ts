import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAppConfig } from '../../src/config/app.config';
import { FerretDbProcess } from '../../src/database/ferretdb.process';
import { createTestApp, type TestApp } from '../support/app';
import { rocketChatRoom, rocketChatVisitor } from '../support/factories';
import { rocketChatUser, scopedApiKey } from '../support/managers';

const UNAVAILABLE =
  '{"success":false,"error":"[service-unavailable]","errorType":"service-unavailable"}';

describe('every route while the database is unreachable (its own FerretDB)', () => {
  const binary = buildAppConfig({}).database.embedded.binary;
  const dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-down-'));
  let db: FerretDbProcess;
  let t: TestApp;
  const visitor = rocketChatVisitor();
  const room = rocketChatRoom(visitor);
  const key = scopedApiKey('reports:read', 'webhooks:manage');
  // Never stored: with the database down, signing a user in is what fails.
  const manager = rocketChatUser(['user', 'livechat-manager']);

  beforeAll(async () => {
    db = await FerretDbProcess.start({ binary, dataDir, port: 0 });
    t = await createTestApp({
      MONGODB_URI: `${db.uri}/down`,
      DB_SERVER_SELECTION_TIMEOUT_MS: '1000',
      API_KEYS: key.entry,
    });
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
  });
  afterAll(async () => {
    await t.close();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 service-unavailable within 3 s on every route, then recovers by itself', async () => {
    await db.stop();
    const token = visitor.token;
    const requests = [
      () => t.http().get('/api/v1/livechat/room').query({ token }),
      () => t.http().post('/api/v1/livechat/room.close').send({ rid: room._id, token }),
      () =>
        t
          .http()
          .post('/api/v1/livechat/room.survey')
          .send({ rid: room._id, token, data: [{ name: 'satisfaction', value: '5' }] }),
      () => t.http().post('/api/v1/livechat/visitor').send({ visitor: { token } }),
      () => t.http().get(`/api/v1/livechat/visitor/${token}`),
      () => t.http().delete(`/api/v1/livechat/visitor/${token}`),
      () => t.http().get('/api/v1/livechat/config').query({ token }),
      ...['survey.report', 'survey.responses', 'survey.export.csv', 'survey.followups'].map(
        (route) => () =>
          t
            .http()
            .get(`/api/v1/livechat/${route}`)
            .query({ from: '2026-11-01', to: '2026-12-01' })
            .set('X-Api-Key', key.key),
      ),
      // A public address literal: no DNS, no address refusal, so the database is reached.
      () =>
        t
          .http()
          .post('/api/v1/livechat/survey.webhooks')
          .send({ url: 'https://93.184.215.14/hook' })
          .set('X-Api-Key', key.key),
      () => t.http().get('/api/v1/livechat/survey.webhooks').set('X-Api-Key', key.key),
      () => t.http().delete('/api/v1/livechat/survey.webhooks/x').set('X-Api-Key', key.key),
      () => t.http().get('/api/v1/livechat/survey.webhooks/x/deliveries').set('X-Api-Key', key.key),
      () =>
        t
          .http()
          .post('/api/v1/livechat/survey.webhooks/x/deliveries/y/retry')
          .set('X-Api-Key', key.key),
      () =>
        t
          .http()
          .post('/api/v1/livechat/survey.followup')
          .send({ rid: room._id, status: 'contacted' })
          .set(manager.headers),
      // A manager's credentials: the user's lookup meets the outage first.
      ...[
        ['patch', 'x', { active: false }],
        ['post', 'x/ping', {}],
        ['post', 'x/rotate', {}],
        ['post', 'x/deliveries/retry', { status: 'failed' }],
      ].map(
        ([method, path, body]) =>
          () =>
            t
              .http()
              [method as 'patch' | 'post'](`/api/v1/livechat/survey.webhooks/${path as string}`)
              .send(body as object)
              .set(manager.headers),
      ),
    ];
    const started = Date.now();
    const responses = await Promise.all(requests.map((send) => send()));
    expect(Date.now() - started).toBeLessThan(3000);
    for (const res of responses) {
      expect(res.status).toBe(503);
      expect(res.text).toBe(UNAVAILABLE);
    }
    // Not ready (the ping fails within its 1.5 s timeout), still live.
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    expect((await t.http().get('/health/live')).status).toBe(200);
    // Params are still judged without the database.
    const params = await t.http().post('/api/v1/livechat/room.survey').send({});
    expect(params.body.errorType).toBe('invalid-params');

    db = await FerretDbProcess.start({ binary, dataDir, port: db.port });
    const restarted = Date.now();
    let res = await requests[4]();
    while (res.status !== 200 && Date.now() - restarted < 5000) res = await requests[4]();
    expect(res.status).toBe(200);
    expect(res.body.visitor._id).toBe(visitor._id);
    expect((await t.http().get('/health/ready')).status).toBe(200);
  });
});
