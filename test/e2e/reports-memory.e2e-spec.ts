import { readFileSync } from 'node:fs';
import { MongoClient } from 'mongodb';
import {
  closedRocketChatRoom,
  rocketChatRoom,
  rocketChatVisitor,
  type Doc,
} from '../support/factories';
import { apiKey } from '../support/managers';
import { startService, type RunningService } from '../support/service';

/**
 * The reports routes' memory whatever their parameters, on the built service in its own process
 * (its RSS is the figure) over an answered set larger than the deepest page: ROOMS rooms, each
 * with a 2 KB comment. FerretDB scans the whole collection on every call (16 at once here), so
 * ROOMS stays small enough to keep this spec near a minute on a busy 2-core machine.
 */
jest.setTimeout(240_000);

const ROOMS = 1200;
const AT_ONCE = 16;
const COMMENT = 'x'.repeat(2000);
const BASE = Date.parse('2026-11-01T00:00:00Z');
const PERIOD = 'from=2026-11-01&to=2026-11-02';

/** The service's resident memory, in MB (Linux /proc). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** How far RSS rose above its level before `action`, sampled every 10 ms while it ran. */
async function rssRise<T>(pid: number, action: () => Promise<T>): Promise<[number, T]> {
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10);
  try {
    const result = await action();
    return [Math.max(peak, rssMb(pid)) - before, result];
  } finally {
    clearInterval(sampler);
  }
}

/** Room i answered at BASE + i s: newest first, row n of a page is room ROOMS - 1 - n. */
const answeredRoom = (visitor: ReturnType<typeof rocketChatVisitor>, i: number): Doc =>
  closedRocketChatRoom(visitor, {
    _id: `memoryRoom${String(i).padStart(7, '0')}`,
    closedAt: new Date(BASE + i * 1000),
    surveyFeedbackAt: new Date(BASE + i * 1000 + 500),
    surveyFeedback: { satisfaction: String((i % 5) + 1), additionalFeedback: `${i} ${COMMENT}` },
  });

describe('reports memory, bounded whatever the parameters', () => {
  const key = apiKey();
  const dbName = `reports_memory_${process.pid}`;
  const uri = `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/${dbName}`;
  const visitor = rocketChatVisitor();
  const open = rocketChatRoom(visitor);
  let service: RunningService;

  beforeAll(async () => {
    const client = await new MongoClient(uri).connect();
    const rooms = client.db().collection<Doc>('rocketchat_room');
    for (let start = 0; start < ROOMS; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, ROOMS - start) }, (_, j) =>
        answeredRoom(visitor, start + j),
      );
      await rooms.insertMany(batch);
    }
    await rooms.insertOne(open);
    await client.db().collection<Doc>('rocketchat_livechat_visitor').insertOne(visitor);
    await client.close();
    service = await startService({
      MONGODB_URI: uri,
      REPORTS_API_KEYS: key.digest,
      RATE_LIMIT_ENABLED: 'false',
      // 16 scans at once on FerretDB take far longer than one query may on a real MongoDB.
      DB_OPERATION_TIMEOUT_MS: '120000',
    });
    // Connections opened, code paths warm: later growth is the calls' own.
    await (await get('survey.responses', `${PERIOD}&count=100`)).text();
  });
  afterAll(async () => {
    await service?.stop();
    const client = await new MongoClient(uri).connect();
    await client.db().dropDatabase();
    await client.close();
  });

  const get = (route: string, query: string) =>
    fetch(`${service.url}/api/v1/livechat/${route}?${query}`, {
      headers: { 'X-Api-Key': key.key },
    });
  const atOnce = (route: string, query: string) =>
    Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        const res = await get(route, query);
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      }),
    );
  /** A survey answered while `calls` run: the intake must not wait for the reports. */
  const surveyDuring = async <T>(calls: Promise<T>) => {
    const sentAt = Date.now();
    const res = await fetch(`${service.url}/api/v1/livechat/room.survey`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        rid: open._id,
        token: visitor.token,
        data: [{ name: 'satisfaction', value: '4' }],
      }),
    });
    const survey = { status: res.status, body: await res.text() };
    return { survey, surveyMs: Date.now() - sentAt, results: await calls };
  };

  it(`${AT_ONCE} survey.responses at once with offset=1000000000 each answer 400 naming the export, RSS stays within 40 MB, a survey posted meanwhile answers 200`, async () => {
    const pid = service.child.pid!;
    const [rise, { survey, surveyMs, results }] = await rssRise(pid, () =>
      surveyDuring(atOnce('survey.responses', `${PERIOD}&count=1&offset=1000000000`)),
    );
    console.log(
      `offset=1000000000 ×${AT_ONCE}: RSS +${rise.toFixed(1)} MB; a survey meanwhile ${surveyMs} ms`,
    );
    expect(results).toEqual(
      Array.from({ length: AT_ONCE }, () => ({
        status: 400,
        body: {
          success: false,
          error:
            'offset + count must be at most 1000: survey.export.csv gives every row [invalid-params]',
          errorType: 'invalid-params',
        },
      })),
    );
    expect(survey).toEqual({
      status: 200,
      body: `{"rid":"${open._id}","data":{"satisfaction":"4"},"success":true}`,
    });
    expect(rise).toBeLessThan(40);
  });

  it(`${AT_ONCE} survey.responses at once on the deepest page allowed (offset 900, count 100) each answer its rows, RSS stays within 320 MB, a survey posted meanwhile answers 200`, async () => {
    const pid = service.child.pid!;
    const [rise, { survey, surveyMs, results }] = await rssRise(pid, () =>
      surveyDuring(atOnce('survey.responses', `${PERIOD}&count=100&offset=900`)),
    );
    console.log(
      `offset=900&count=100 ×${AT_ONCE}: RSS +${rise.toFixed(1)} MB; a survey meanwhile ${surveyMs} ms`,
    );
    const rids = Array.from({ length: 100 }, (_, n) => answeredRoom(visitor, ROOMS - 901 - n)._id);
    for (const { status, body } of results) {
      // The survey posted meanwhile is answered now, outside the period.
      expect([status, body.count, body.offset, body.total]).toEqual([200, 100, 900, ROOMS]);
      expect((body.responses as { rid: string }[]).map((row) => row.rid)).toEqual(rids);
    }
    expect(survey.status).toBe(200);
    // Per call: the 1,000 rows kept (~2.5 MB), the cursor's batch of up to 1,000 rooms, garbage.
    expect(rise).toBeLessThan(320);
  });

  it('report calls that each spell their time zone another way stop growing RSS: 3,000 more after 3,000 add under 15 MB', async () => {
    const pid = service.child.pid!;
    const zone = 'America/Argentina/Buenos_Aires';
    // The bits of n choose the case of each letter: as many spellings as needed, all accepted.
    const spelling = (n: number) =>
      [...zone].map((c, i) => ((n >> i) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
    const calls = async (first: number, count: number) => {
      for (let n = first; n < first + count; n += 50) {
        // from after to: 400 once the period is read, before any database call.
        const statuses = await Promise.all(
          Array.from({ length: 50 }, async (_, i) => {
            const tz = encodeURIComponent(spelling(n + i));
            const res = await get('survey.report', `from=2026-11-02&to=2026-11-01&tz=${tz}`);
            await res.text();
            return res.status;
          }),
        );
        expect(new Set(statuses)).toEqual(new Set([400]));
      }
    };
    // The first calls grow the heap to its working size, whatever is cached.
    await calls(0, 3000);
    const [rise] = await rssRise(pid, () => calls(3000, 3000));
    console.log(`3,000 more time zone spellings: RSS +${rise.toFixed(1)} MB`);
    expect(rise).toBeLessThan(15);
  });
});
