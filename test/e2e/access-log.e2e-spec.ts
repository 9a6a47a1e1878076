import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unescape } from 'node:querystring';
import { buildAppConfig } from '../../src/config/app.config';
import { FerretDbProcess } from '../../src/database/ferretdb.process';
import { jsonLogLines, startService, type RunningService } from '../support/service';
import { visitorToken } from '../support/factories';

/** Every character percent-encoded, upper- or lower-case hex: what a client may send. */
const encodeAll = (text: string, lower = false) =>
  [...Buffer.from(text)]
    .map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
    .map((hex) => (lower ? hex : hex.toUpperCase()))
    .join('');

type LogLine = { msg?: string; req?: { url?: string } };

/**
 * The access log of the built service (`node dist/main.js`), read line by line: the visitor token
 * never shows, however the request spells it, in any form the service itself would decode.
 */
describe('the access log never carries a visitor token', () => {
  let service: RunningService;
  const token = `log-${visitorToken()}`;
  const room = `/api/v1/livechat/room`;
  // Requests sent so far: each gets one access-log line.
  let sent = 0;
  const visitor = `/api/v1/livechat/visitor`;

  beforeAll(async () => {
    service = await startService({
      MONGODB_URI: `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/access_log_${process.pid}`,
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'info',
    });
    sent++;
    const registered = await fetch(`${service.url}${visitor}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ visitor: { token, name: 'Logged' } }),
    });
    expect(registered.status).toBe(200);
  });
  afterAll(async () => {
    expect(await service.stop()).toBe(0);
  });

  const get = async (path: string) => {
    sent++;
    const res = await fetch(`${service.url}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** The access-log lines written so far for requests whose logged URL starts with `prefix`. */
  const accessLines = (prefix: string) =>
    jsonLogLines<LogLine>(service.output()).filter(
      (line) => line.msg === 'request completed' && line.req?.url?.startsWith(prefix),
    );

  /** Waits until `count` access-log lines match `prefix`: a line is written as its answer ends. */
  const loggedLines = async (prefix: string, count: number) => {
    const deadline = Date.now() + 5000;
    while (accessLines(prefix).length < count && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    return accessLines(prefix);
  };

  const expectNoTokenLogged = () => {
    const output = service.output();
    expect(output).not.toContain(token);
    expect(output.toLowerCase()).not.toContain(encodeAll(token, true));
    // Decoded as the service's own query parser and router would decode it.
    for (const line of accessLines('/')) expect(unescape(line.req!.url!)).not.toContain(token);
  };

  it('is answered for a percent-encoded query key, and logs the key as parsed, value redacted', async () => {
    for (const key of ['tok%65n', '%74oken', '%74%6F%6B%65%6E', '%74%6f%6b%65%6e']) {
      const res = await get(`${room}?${key}=${token}`);
      expect(res.status).toBe(200);
      expect(res.body.success).toBe(true);
    }
    const encodedValue = await get(`${room}?token=${encodeAll(token)}`);
    expect(encodedValue.status).toBe(200);
    const lowerValue = await get(`${room}?tok%65n=${encodeAll(token, true)}`);
    expect(lowerValue.status).toBe(200);
    const lines = await loggedLines(room, 6);
    expect(lines).toHaveLength(6);
    for (const line of lines)
      expect(line.req!.url).toMatch(/^\/api\/v1\/livechat\/room\?token=\[Redacted\]/);
    expectNoTokenLogged();
  });

  it('redacts bracketed, repeated and differently cased token keys', async () => {
    const forms = [
      `token[]=${token}`,
      `token%5B%5D=${token}`,
      `token[0]=${token}`,
      `token[$ne]=${token}`,
      `token=${token}&token=${token}`,
      `rid=r&TOKEN=${token}`,
      `rid=r&tOk%45n=${encodeAll(token)}`,
    ];
    for (const query of forms) {
      const res = await get(`${room}?${query}`);
      expect(res.status).toBe(400);
    }
    expect(await loggedLines('/', sent)).toHaveLength(sent);
    expectNoTokenLogged();
  });

  it('redacts a token in the visitor path, whatever its encoding or the path case', async () => {
    for (const path of [
      `${visitor}/${token}`,
      `${visitor}/${encodeAll(token)}`,
      `${visitor}/${encodeAll(token, true)}`,
      `/api/v1/livechat/VISITOR/${token}`,
      `/api/v1/livechat/Visitor/${encodeAll(token)}/`,
    ]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect((res.body.visitor as { token: string }).token).toBe(token);
    }
    // Not routes, but a client meaning one: still never logged in clear.
    for (const path of [
      `/api/v1/livechat/%76isitor/${token}`,
      `/api/v1/livechat/visitor%2F${token}`,
      `/api/v1//livechat/visitor/${token}`,
    ]) {
      expect((await get(path)).status).toBe(404);
    }
    expect(await loggedLines('/', sent)).toHaveLength(sent);
    expectNoTokenLogged();
  });

  it('never logs a room.survey body', async () => {
    const opened = await get(`${room}?token=${token}`);
    const rid = (opened.body.room as { _id: string })._id;
    sent++;
    const res = await fetch(`${service.url}/api/v1/livechat/room.survey`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rid, token, data: [{ name: 'satisfaction', value: '5' }] }),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(await loggedLines('/', sent)).toHaveLength(sent);
    expect(accessLines('/api/v1/livechat/room.survey')).toHaveLength(1);
    expectNoTokenLogged();
  });
});

describe('a 5xx access-log line: the status and its cause, no stack', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-log-down-'));
  let db: FerretDbProcess;
  let service: RunningService;

  beforeAll(async () => {
    db = await FerretDbProcess.start({
      binary: buildAppConfig({}).database.embedded.binary,
      dataDir,
      port: 0,
    });
    service = await startService({
      MONGODB_URI: `${db.uri}/access_log_down`,
      DB_SERVER_SELECTION_TIMEOUT_MS: '1000',
      RATE_LIMIT_ENABLED: 'false',
    });
  });
  afterAll(async () => {
    await service.stop();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs a 503 (database down) with its status and the database error, not a made-up stack', async () => {
    await db.stop();
    const token = `down-${visitorToken()}`;
    const res = await fetch(`${service.url}/api/v1/livechat/config?token=${token}`);
    expect(res.status).toBe(503);
    await res.arrayBuffer();
    const deadline = Date.now() + 5000;
    const failed = () =>
      service
        .output()
        .split('\n')
        .filter((line) => line.includes('"request failed'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    while (failed().length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const [line] = failed();
    expect(line).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: expect.any(Number),
      hostname: expect.any(String),
      req: {
        id: res.headers.get('x-request-id'),
        method: 'GET',
        url: '/api/v1/livechat/config?token=[Redacted]',
        remoteAddress: expect.any(String),
      },
      res: { statusCode: 503 },
      responseTime: expect.any(Number),
      cause: expect.stringMatching(/^database unavailable: Mongo\w*Error: \S/),
      msg: 'request failed with status 503',
    });
    expect(service.output()).not.toContain('onResFinished');
    expect(service.output()).not.toContain('failed with status code');
    expect(service.output()).not.toContain(token);
  });
});
