/**
 * Demo data for the survey reports, in the database the service uses (MONGODB_URI, else the
 * embedded default, which must be running: `npm start` first): about 2,000 livechat rooms over
 * the last 90 days, 5 agents, 3 departments, a realistic spread of answers and comments, some
 * erased visitors, a manager user and an API key. Prints the headers to use. Re-running
 * replaces the previous demo data (ids starting with "demo") but keeps the manager's token and
 * the API key (scripts/demo-credentials.ts).
 */
import { randomBytes } from 'node:crypto';
import { loadAppConfig, type AppConfig } from '../src/config/app.config';
import { scopesByDigest } from '../src/reports/api-keys';
import {
  apiKeyDigest,
  DEMO_CREDENTIALS_FILE,
  demoCredentials,
  hashedLoginToken,
} from './demo-credentials';
import { LINKS_COLLECTION } from '../src/survey-links/survey-link.schema';
import { connectSeedDatabase } from './seed-database';

const ROOMS = Number(process.env.DEMO_ROOMS ?? 2000);
const DAY = 86_400_000;
const AGENTS = ['alice', 'bruno', 'chen', 'dana', 'emeka'].map((username, i) => ({
  _id: `demoAgent00000${i + 1}`.padEnd(17, '0'),
  username,
  // Each agent has a typical level, so the report has something to show.
  skill: [0.9, 0.75, 0.6, 0.82, 0.45][i],
}));
const DEPARTMENTS = [
  { _id: 'demoDeptSales0001', name: 'Sales' },
  { _id: 'demoDeptSupport01', name: 'Support' },
  { _id: 'demoDeptBilling01', name: 'Billing' },
];
const COMMENTS = {
  good: [
    'Thanks, very helpful!',
    'Quick and kind.',
    'Solved my problem in minutes',
    'Great service 👍',
  ],
  bad: [
    'Took too long.',
    'Did not solve my issue',
    'I had to repeat myself',
    '=1+1 (a formula, neutralised in the CSV)',
  ],
};

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];
const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(17 - prefix.length, '0')}`;

function score(skill: number): string {
  const r = Math.random() * 0.6 + skill * 0.6;
  return String(Math.min(5, Math.max(1, Math.round(r * 5))));
}

function room(i: number, now: number) {
  const agent = Math.random() < 0.93 ? pick(AGENTS) : undefined;
  const department = Math.random() < 0.9 ? pick(DEPARTMENTS) : undefined;
  const ts = new Date(now - Math.random() * 90 * DAY);
  const erased = Math.random() < 0.08;
  const open = ts.getTime() > now - DAY && Math.random() < 0.5;
  const closedAt = open ? undefined : new Date(ts.getTime() + (5 + Math.random() * 40) * 60_000);
  const visitor = {
    _id: id('demoV', i),
    username: `guest-${1000 + i}`,
    token: randomBytes(16).toString('hex'),
  };
  const doc: Record<string, unknown> = {
    _id: id('demoR', i),
    t: 'l',
    ts,
    msgs: 4 + Math.floor(Math.random() * 30),
    v: erased ? { _id: visitor._id, status: 'online' } : { ...visitor, status: 'online' },
    ...(!erased && { fname: `Visitor ${i}` }),
    ...(agent && { servedBy: { _id: agent._id, username: agent.username, ts } }),
    ...(department && { departmentId: department._id }),
    source: { type: 'widget' },
    _updatedAt: closedAt ?? ts,
    ...(open ? { open: true } : { closedAt, closer: 'visitor', closedBy: { _id: visitor._id } }),
  };
  if (!open && Math.random() < 0.45) {
    const skill = agent?.skill ?? 0.6;
    const feedback: Record<string, string> = {};
    if (Math.random() < 0.95) feedback.satisfaction = score(skill);
    for (const item of ['agentKnowledge', 'agentResposiveness', 'agentFriendliness']) {
      if (Math.random() < 0.6) feedback[item] = score(skill);
    }
    if (Math.random() < 0.3) {
      const happy = Number(feedback.satisfaction ?? 3) >= 4;
      feedback.additionalFeedback = pick(happy ? COMMENTS.good : COMMENTS.bad);
    }
    if (Object.keys(feedback).length > 0) {
      doc.surveyFeedback = feedback;
      // One in five as Rocket.Chat stores them: no surveyFeedbackAt (counted at closedAt).
      if (Math.random() < 0.8)
        doc.surveyFeedbackAt = new Date(closedAt!.getTime() + Math.random() * 3_600_000);
    }
  }
  return { doc, visitor: { ...visitor, erased }, link: surveyLink(i, doc, erased) };
}

/**
 * Some closed rooms got a survey link when they closed (the room.closed flow): some were opened,
 * and the answers of half of those with surveyFeedbackAt came through it.
 */
function surveyLink(i: number, doc: Record<string, unknown>, erased: boolean) {
  const closedAt = doc.closedAt as Date | undefined;
  if (!closedAt || erased || Math.random() >= 0.4) return undefined;
  const answeredAt = doc.surveyFeedbackAt as Date | undefined;
  const viaLink = answeredAt !== undefined && Math.random() < 0.5;
  if (viaLink) doc.surveyFeedbackSource = 'link';
  const openedAt = viaLink || Math.random() < 0.3 ? new Date(closedAt.getTime() + 60_000) : null;
  return {
    _id: id('demoL', i),
    rid: doc._id,
    visitorId: (doc.v as { _id: string })._id,
    createdAt: closedAt,
    expiresAt: new Date(closedAt.getTime() + 14 * DAY),
    ...(openedAt && { openedAt }),
    ...(viaLink && { answeredAt }),
  };
}

async function seed(): Promise<void> {
  const config = loadAppConfig();
  const connection = await connectSeedDatabase(config);
  const db = connection.db!;
  const { rooms, visitors, users, departments } = config.collections;
  const demo = { _id: { $regex: '^demo' } };
  for (const name of [rooms, visitors, departments, LINKS_COLLECTION])
    await db.collection<{ _id: string }>(name).deleteMany(demo);
  // The manager is replaced in place, never removed: an open page stays signed in meanwhile.
  await db.collection<{ _id: string }>(users).deleteMany({ _id: { $regex: '^demoAgent' } });

  const now = Date.now();
  const generated = Array.from({ length: ROOMS }, (_, i) => room(i, now));
  for (let i = 0; i < generated.length; i += 500) {
    await db.collection(rooms).insertMany(generated.slice(i, i + 500).map((r) => r.doc));
  }
  const links = generated.flatMap((r) => (r.link ? [r.link] : []));
  if (links.length > 0) await db.collection(LINKS_COLLECTION).insertMany(links as never[]);
  await db.collection(visitors).insertMany(
    generated.map(({ visitor: v }) =>
      v.erased
        ? { _id: v._id, disabled: true, ts: new Date(now), status: 'online' }
        : {
            _id: v._id,
            username: v.username,
            token: v.token,
            name: `Visitor ${v.username}`,
            ts: new Date(now),
            status: 'online',
          },
    ) as never,
  );
  await db
    .collection(departments)
    .insertMany(DEPARTMENTS.map((d) => ({ ...d, enabled: true })) as never);
  const credentials = demoCredentials();
  await db.collection(users).insertMany(
    AGENTS.map(({ _id, username }) => ({
      _id,
      username,
      type: 'user',
      active: true,
      roles: ['user', 'livechat-agent'],
    })) as never,
  );
  await db.collection<{ _id: string }>(users).replaceOne(
    { _id: MANAGER_ID },
    {
      username: 'demo.manager',
      type: 'user',
      active: true,
      roles: ['user', 'livechat-manager'],
      services: {
        resume: {
          loginTokens: [
            { when: new Date(now), hashedToken: hashedLoginToken(credentials.managerToken) },
          ],
        },
      },
    },
    { upsert: true },
  );
  await connection.close();

  const surveyed = generated.filter((r) => r.doc.surveyFeedback).length;
  console.log(
    `seeded ${generated.length} rooms (${surveyed} with answers) over 90 days, ${AGENTS.length} agents, ${DEPARTMENTS.length} departments, ${generated.filter((r) => r.visitor.erased).length} erased visitors`,
  );
  printCredentials(credentials, config);
}

const MANAGER_ID = 'demoManager000001';

/** The headers to use, and what (if anything) the service needs before the API key works. */
function printCredentials(
  { managerToken, apiKey, created }: ReturnType<typeof demoCredentials>,
  config: AppConfig,
): void {
  const digest = apiKeyDigest(apiKey);
  const { apiKeyDigests, apiKeys } = config.reports;
  // The reports page only reads: follow-ups are written by managers, signed in as themselves.
  const accepted = scopesByDigest(apiKeyDigests, apiKeys).get(digest)?.has('reports:read');
  console.log('');
  console.log(
    created
      ? `New demo credentials (kept in ${DEMO_CREDENTIALS_FILE}: the next run reuses them).`
      : `The same demo credentials as the last run (${DEMO_CREDENTIALS_FILE}): open pages stay signed in.`,
  );
  console.log('Manager (works now):');
  console.log(`  X-User-Id: ${MANAGER_ID}`);
  console.log(`  X-Auth-Token: ${managerToken}`);
  console.log(
    accepted
      ? 'API key (accepted: the configuration lets it read reports):'
      : 'API key (NOT accepted yet: add API_KEYS below to .env, then restart the service):',
  );
  console.log(`  X-Api-Key: ${apiKey}`);
  console.log(`  API_KEYS=${digest}:reports:read`);
  console.log('');
  console.log('For the examples of docs/reports.md:');
  console.log(`export RC_USER=${MANAGER_ID} RC_TOKEN=${managerToken} API_KEY=${apiKey}`);
}

seed().catch((error: unknown) => {
  console.error(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
