import { get as httpGet, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatRoom, rocketChatVisitor } from '../support/factories';
import { apiKey } from '../support/managers';
import { ReportSlots } from '../../src/reports/report-slots';

const PERIOD = { from: '2026-11-01', to: '2026-11-02' };
const BUSY = {
  success: false,
  error: 'Too many reports are running; try again in a moment [service-busy]',
  errorType: 'service-busy',
};

/** Polls `condition` until it holds (no fixed sleeps: the machine is shared and slow). */
async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('report passes bounded per instance (REPORTS_MAX_CONCURRENT, REPORTS_QUEUE_MAX)', () => {
  let t: TestApp;
  let slots: ReportSlots;
  const key = apiKey();
  const visitor = rocketChatVisitor();
  const room = rocketChatRoom(visitor);

  beforeAll(async () => {
    t = await createTestApp({
      REPORTS_API_KEYS: key.digest,
      REPORTS_MAX_CONCURRENT: '1',
      REPORTS_QUEUE_MAX: '1',
      REPORTS_QUEUE_WAIT_MS: '60000',
    });
    slots = t.app.get(ReportSlots);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertMany([
      room,
      closedRocketChatRoom(visitor, { surveyFeedback: { satisfaction: '5' } }),
    ]);
  });
  afterAll(() => t.close());

  const get = (route: string, query: Record<string, unknown> = PERIOD) =>
    t.http().get(`/api/v1/livechat/${route}`).query(query).set('X-Api-Key', key.key);

  /** Holds the one slot as a long report pass would, until released. */
  function occupy() {
    let release!: () => void;
    const held = slots.run(() => new Promise<void>((resolve) => (release = resolve)));
    return { release: () => (release(), held) };
  }

  it('queues the call beyond N, refuses the one beyond the queue, and the survey still answers', async () => {
    const pass = occupy();
    expect(slots.load).toEqual({ running: 1, waiting: 0 });
    // The N+1st call waits for the slot.
    let queuedStatus: number | undefined;
    const queued = get('survey.dashboard').then((res) => {
      queuedStatus = res.status;
      return res;
    });
    await until(() => slots.load.waiting === 1);

    // Over the queue bound: the documented 503, with Retry-After, on every report route.
    for (const route of [
      'survey.report',
      'survey.responses',
      'survey.export.csv',
      'survey.followups',
      'survey.dashboard',
    ]) {
      const busy = await get(route);
      expect([route, busy.status]).toEqual([route, 503]);
      expect(busy.body).toEqual(BUSY);
      expect(busy.headers['retry-after']).toBe('60');
    }
    expect(slots.load).toEqual({ running: 1, waiting: 1 });
    // A bad parameter is judged before any wait: 400, even with every pass taken.
    for (const route of ['survey.report', 'survey.dashboard', 'survey.followups']) {
      const bad = await get(route, { ...PERIOD, to: '2026-10-01' });
      expect([route, bad.status, bad.body.errorType]).toEqual([route, 400, 'invalid-params']);
    }
    const badExport = await get('survey.export.csv', { ...PERIOD, satisfaction: '9' });
    expect(badExport.status).toBe(400);

    // The survey path takes no slot: it answers meanwhile (generous bound, a loaded machine).
    const started = Date.now();
    const survey = await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({ rid: room._id, token: visitor.token, data: [{ name: 'satisfaction', value: '4' }] });
    expect(survey.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(queuedStatus).toBeUndefined();

    // The slot freed, the queued call runs and answers as usual.
    await pass.release();
    const res = await queued;
    expect(res.status).toBe(200);
    expect(res.body.summary.responses).toBe(1);
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });

  it('a bad parameter takes no slot', async () => {
    const res = await get('survey.dashboard', { ...PERIOD, compare: 'next' });
    expect(res.status).toBe(400);
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe('a report call that waits past REPORTS_QUEUE_WAIT_MS', () => {
  let t: TestApp;
  const key = apiKey();

  beforeAll(async () => {
    t = await createTestApp({
      REPORTS_API_KEYS: key.digest,
      REPORTS_MAX_CONCURRENT: '1',
      REPORTS_QUEUE_WAIT_MS: '300',
    });
  });
  afterAll(() => t.close());

  it('answers 503 service-busy and leaves the queue empty', async () => {
    const slots = t.app.get(ReportSlots);
    let release!: () => void;
    const held = slots.run(() => new Promise<void>((resolve) => (release = resolve)));
    const res = await t
      .http()
      .get('/api/v1/livechat/survey.report')
      .query(PERIOD)
      .set('X-Api-Key', key.key);
    expect(res.status).toBe(503);
    expect(res.body).toEqual(BUSY);
    expect(res.headers['retry-after']).toBe('1');
    expect(slots.load).toEqual({ running: 1, waiting: 0 });
    release();
    await held;
  });
});

describe('a CSV export read slowly', () => {
  let t: TestApp;
  const key = apiKey();
  const visitor = rocketChatVisitor();

  beforeAll(async () => {
    t = await createTestApp({
      REPORTS_API_KEYS: key.digest,
      REPORTS_MAX_CONCURRENT: '1',
      REPORTS_QUEUE_WAIT_MS: '60000',
    });
    // ~8 MB of CSV: more than the sockets' buffers hold, so a reader that stops stalls the stream.
    const comment = 'slow reader '.repeat(350);
    for (let batch = 0; batch < 4; batch++) {
      await t.rooms.insertMany(
        Array.from({ length: 500 }, () =>
          closedRocketChatRoom(visitor, {
            surveyFeedback: { satisfaction: '3', additionalFeedback: comment },
          }),
        ),
      );
    }
  }, 60_000);
  afterAll(() => t.close());

  it('holds no report slot while its reader stalls: a report meanwhile answers at once', async () => {
    const server = t.app.getHttpServer() as import('node:http').Server;
    if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const query = new URLSearchParams(PERIOD).toString();
    let stalled!: IncomingMessage;
    const request = httpGet(`http://127.0.0.1:${port}/api/v1/livechat/survey.export.csv?${query}`, {
      headers: { 'X-Api-Key': key.key },
    });
    await new Promise<void>((done) =>
      request.on('response', (res) => {
        stalled = res;
        res.pause(); // the reader stops after the headers
        done();
      }),
    );
    try {
      expect(stalled.statusCode).toBe(200);
      const slots = t.app.get(ReportSlots);
      await until(() => slots.load.running === 0);
      const report = await t
        .http()
        .get('/api/v1/livechat/survey.report')
        .query(PERIOD)
        .set('X-Api-Key', key.key);
      expect(report.status).toBe(200);
      expect(report.body.summary.responses).toBe(2000);
      expect(stalled.complete).toBe(false); // still mid-file: the stall was real
    } finally {
      request.destroy(); // a failed check must not leave the stream open
    }
  }, 60_000);
});
