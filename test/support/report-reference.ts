import type { Doc } from './factories';

/**
 * The survey reports computed the plainest way, for the brute-force reference test: a loop
 * over every room document, no code shared with the service.
 */
export const ITEMS = ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'];
export const VALUES = ['1', '2', '3', '4', '5'];
const SATISFIED = ['4', '5'];

type Room = Doc & {
  t: string;
  ts?: Date;
  closedAt?: Date;
  surveyFeedbackAt?: Date;
  servedBy?: { _id: string; username: string };
  departmentId?: string;
  surveyFeedback?: Record<string, unknown>;
  surveyFeedbackSource?: string;
};

/** A survey link as the hosted page leaves it. */
export interface Link {
  rid: string;
  createdAt: Date;
  openedAt?: Date;
  answeredAt?: Date;
}

export interface Query {
  from: Date;
  to: Date;
  tz: string;
  agentId?: string;
  departmentId?: string;
  groupBy?: 'agent' | 'department' | 'day';
}

export function dayIn(tz: string, instant: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return instant.toLocaleDateString('en-CA', { timeZone: tz });
}

export function kept(room: Room): { items: Record<string, string>; comment?: string } | null {
  const feedback = room.surveyFeedback ?? {};
  const items: Record<string, string> = {};
  let comment: string | undefined;
  let any = false;
  for (const [name, value] of Object.entries(feedback)) {
    if (typeof value !== 'string') continue;
    if (name === 'additionalFeedback') {
      comment = value;
      any = true;
    } else if (ITEMS.includes(name) && VALUES.includes(value)) {
      items[name] = value;
      any = true;
    }
  }
  return any ? { items, comment } : null;
}

export const submittedAt = (room: Room) => room.surveyFeedbackAt ?? room.closedAt ?? room.ts;

function emptyFigures() {
  return {
    responses: 0,
    roomsClosed: 0,
    comments: 0,
    widget: 0,
    link: 0,
    answers: {} as Record<string, string[]>,
  };
}

function figures(raw: ReturnType<typeof emptyFigures>) {
  const items: Record<string, unknown> = {};
  for (const item of ITEMS) {
    const answers = raw.answers[item] ?? [];
    const distribution: Record<string, number> = {};
    for (const value of VALUES) distribution[value] = answers.filter((a) => a === value).length;
    let total = 0;
    for (const a of answers) total += Number(a);
    items[item] = {
      count: answers.length,
      average: answers.length === 0 ? null : total / answers.length,
      distribution,
    };
  }
  const satisfaction = raw.answers.satisfaction ?? [];
  const n = satisfaction.length;
  const satisfied = satisfaction.filter((a) => SATISFIED.includes(a)).length;
  let interval: [number, number] | null = null;
  if (n > 0) {
    const p = satisfied / n;
    const z = 1.96;
    const d = 1 + (z * z) / n;
    const centre = (p + (z * z) / (2 * n)) / d;
    const margin = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
    interval = [Math.max(0, centre - margin), Math.min(1, centre + margin)];
  }
  return {
    responses: raw.responses,
    roomsClosed: raw.roomsClosed,
    responseRate: raw.roomsClosed === 0 ? null : Math.min(1, raw.responses / raw.roomsClosed),
    csat: n === 0 ? null : satisfied / n,
    csatInterval: interval,
    comments: raw.comments,
    bySource: { widget: raw.widget, link: raw.link },
    items,
  };
}

const sourceOf = (room: Room) => (room.surveyFeedbackSource === 'link' ? 'link' : 'widget');

/** The link funnel by brute force: links made in the period, of rooms that pass the filters. */
function referenceLinks(rooms: Room[], links: Link[], q: Query) {
  let created = 0;
  let opened = 0;
  let answered = 0;
  for (const link of links) {
    if (!(link.createdAt >= q.from && link.createdAt < q.to)) continue;
    if (q.agentId !== undefined || q.departmentId !== undefined) {
      const room = rooms.find((r) => r._id === link.rid);
      if (!room) continue;
      if (q.agentId !== undefined && room.servedBy?._id !== q.agentId) continue;
      if (q.departmentId !== undefined && room.departmentId !== q.departmentId) continue;
    }
    created++;
    if (link.openedAt || link.answeredAt) opened++;
    if (link.answeredAt) answered++;
  }
  return { created, opened, answered, responseRate: created === 0 ? null : answered / created };
}

/** survey.report by brute force. */
export function referenceReport(
  rooms: Room[],
  q: Query,
  departmentNames: Record<string, string>,
  links: Link[] = [],
) {
  const inPeriod = (d?: Date) => d !== undefined && d >= q.from && d < q.to;
  const summary = emptyFigures();
  // The follow-up queue (FOLLOWUP_MAX_SATISFACTION 2, no follow-up stored: every one open).
  let unhappy = 0;
  const groups = new Map<
    string | null,
    { raw: ReturnType<typeof emptyFigures>; label: string | null }
  >();
  const groupOf = (room: Room, at: Date) => {
    let key: string | null;
    let label: string | null;
    if (q.groupBy === 'day') key = label = dayIn(q.tz, at);
    else if (q.groupBy === 'department') {
      key = room.departmentId ?? null;
      label = key === null ? null : (departmentNames[key] ?? key);
    } else {
      key = room.servedBy?._id ?? null;
      label = room.servedBy?.username ?? null;
    }
    if (!groups.has(key)) groups.set(key, { raw: emptyFigures(), label });
    return groups.get(key)!.raw;
  };
  for (const room of rooms) {
    if (room.t !== 'l') continue;
    if (q.agentId !== undefined && room.servedBy?._id !== q.agentId) continue;
    if (q.departmentId !== undefined && room.departmentId !== q.departmentId) continue;
    if (inPeriod(room.closedAt)) {
      summary.roomsClosed++;
      if (q.groupBy) groupOf(room, room.closedAt!).roomsClosed++;
    }
    const answers = kept(room);
    const at = submittedAt(room);
    if (answers && inPeriod(at)) {
      if (Number(answers.items.satisfaction) <= 2) unhappy++;
      const targets = q.groupBy ? [summary, groupOf(room, at!)] : [summary];
      for (const target of targets) {
        target.responses++;
        target[sourceOf(room)]++;
        if (answers.comment !== undefined && answers.comment.trim() !== '') target.comments++;
        for (const [item, value] of Object.entries(answers.items)) {
          (target.answers[item] ??= []).push(value);
        }
      }
    }
  }
  let keys = [...groups.keys()];
  if (q.groupBy === 'day') {
    keys = [];
    for (
      let d = dayIn(q.tz, q.from), t = q.from.getTime();
      d <= dayIn(q.tz, new Date(q.to.getTime() - 1));
    ) {
      keys.push(d);
      while (dayIn(q.tz, new Date(t)) === d) t += 3600_000;
      d = dayIn(q.tz, new Date(t));
    }
  } else {
    keys.sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  }
  return {
    period: { from: q.from.toISOString(), to: q.to.toISOString(), tz: q.tz },
    summary: {
      ...figures(summary),
      followups: { open: unhappy, contacted: 0, resolved: 0, medianResolveMs: null },
    },
    links: referenceLinks(rooms, links, q),
    groups: q.groupBy
      ? keys.map((key) => ({
          key,
          label: q.groupBy === 'day' ? key : (groups.get(key)?.label ?? key),
          ...figures(groups.get(key)?.raw ?? emptyFigures()),
        }))
      : [],
    success: true,
  };
}

/** survey.responses' rows by brute force, newest first (ties: room id, descending). */
export function referenceRows(rooms: Room[], q: Query) {
  const rows = rooms
    .filter((room) => room.t === 'l')
    .filter((room) => q.agentId === undefined || room.servedBy?._id === q.agentId)
    .filter((room) => q.departmentId === undefined || room.departmentId === q.departmentId)
    .map((room) => ({ room, answers: kept(room), at: submittedAt(room) }))
    .filter(({ answers, at }) => answers !== null && at !== undefined && at >= q.from && at < q.to)
    .map(({ room, answers, at }) => ({
      rid: room._id,
      ts: room.ts?.toISOString() ?? null,
      closedAt: room.closedAt?.toISOString() ?? null,
      submittedAt: at!.toISOString(),
      agent: room.servedBy ? { _id: room.servedBy._id, username: room.servedBy.username } : null,
      departmentId: room.departmentId ?? null,
      items: answers!.items,
      comment: answers!.comment ?? null,
      source: sourceOf(room),
    }));
  return rows.sort((a, b) =>
    a.submittedAt !== b.submittedAt
      ? a.submittedAt < b.submittedAt
        ? 1
        : -1
      : a.rid < b.rid
        ? 1
        : a.rid > b.rid
          ? -1
          : 0,
  );
}
