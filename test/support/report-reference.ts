import type { Doc } from './factories';
import { dayIn, daysOf, newcombe, previousPeriod, welch } from './report-reference-compare';

export { dayIn };

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
  groupBy?: 'agent' | 'department' | 'day' | 'hour' | 'weekday' | 'weekday-hour';
  compare?: 'previous';
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const clocks = new Map<string, Intl.DateTimeFormat>();

/** The ISO weekday and hour the zone's clocks show at `instant`. */
function clockIn(tz: string, instant: Date): [number, number] {
  if (!clocks.has(tz)) {
    const options = { timeZone: tz, weekday: 'short', hour: '2-digit', hourCycle: 'h23' } as const;
    clocks.set(tz, new Intl.DateTimeFormat('en-US', options));
  }
  const parts = clocks.get(tz)!.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return [WEEKDAYS.indexOf(part('weekday')) + 1, Number(part('hour'))];
}

/** The keys of the groups listed whatever the data, in order. */
function fixedKeys(q: Query): string[] | null {
  const hours = Array.from({ length: 24 }, (_, h) => String(h));
  const weekdays = ['1', '2', '3', '4', '5', '6', '7'];
  if (q.groupBy === 'day') return daysOf(q.tz, q.from, q.to);
  if (q.groupBy === 'hour') return hours;
  if (q.groupBy === 'weekday') return weekdays;
  if (q.groupBy === 'weekday-hour') return weekdays.flatMap((w) => hours.map((h) => `${w}-${h}`));
  return null;
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

function figures(raw: Raw) {
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

type Raw = ReturnType<typeof emptyFigures>;

/** One period's raw answers: the summary's, and each group's in listing order. */
function rawReport(rooms: Room[], q: Query, departmentNames: Record<string, string>) {
  const inPeriod = (d?: Date) => d !== undefined && d >= q.from && d < q.to;
  const summary = emptyFigures();
  // The follow-up queue (FOLLOWUP_MAX_SATISFACTION 2, no follow-up stored: every one open).
  let unhappy = 0;
  const groups = new Map<string | null, { raw: Raw; label: string | null }>();
  const groupOf = (room: Room, at: Date) => {
    let key: string | null;
    let label: string | null;
    const [weekday, hour] = clockIn(q.tz, at);
    if (q.groupBy === 'day') key = label = dayIn(q.tz, at);
    else if (q.groupBy === 'hour') key = label = String(hour);
    else if (q.groupBy === 'weekday') key = label = String(weekday);
    else if (q.groupBy === 'weekday-hour') key = label = `${weekday}-${hour}`;
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
  const fixed = fixedKeys(q);
  const keys =
    fixed ??
    [...groups.keys()].sort((a, b) =>
      a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0,
    );
  return { summary, groups, keys, fixed: fixed !== null, unhappy };
}

/** compare=previous's additions to one summary or group. */
function compared(now: Raw, before: Raw) {
  const satisfied = (raw: Raw) =>
    (raw.answers.satisfaction ?? []).filter((a) => SATISFIED.includes(a)).length;
  const answered = (raw: Raw) => (raw.answers.satisfaction ?? []).length;
  const kept = (raw: Raw) => Math.min(raw.responses, raw.roomsClosed);
  const values = (raw: Raw, item: string) => (raw.answers[item] ?? []).map(Number);
  return {
    previous: figures(before),
    change: {
      csat: newcombe(satisfied(now), answered(now), satisfied(before), answered(before)),
      responseRate: newcombe(kept(now), now.roomsClosed, kept(before), before.roomsClosed),
      items: Object.fromEntries(
        ITEMS.map((item) => [item, welch(values(now, item), values(before, item))]),
      ),
    },
  };
}

/** survey.report by brute force. */
export function referenceReport(
  rooms: Room[],
  q: Query,
  departmentNames: Record<string, string>,
  links: Link[] = [],
) {
  const current = rawReport(rooms, q, departmentNames);
  const before = q.compare ? previousPeriod(q.tz, q.from, q.to) : null;
  const previous = before && rawReport(rooms, { ...q, ...before }, departmentNames);
  // A day's previous is the day at the same position; other keys are the same key.
  const previousOf = (key: string | null, index: number) =>
    previous!.groups.get(q.groupBy === 'day' ? previous!.keys[index] : key)?.raw ?? emptyFigures();
  return {
    period: { from: q.from.toISOString(), to: q.to.toISOString(), tz: q.tz },
    ...(before && { previous: { from: before.from.toISOString(), to: before.to.toISOString() } }),
    summary: {
      ...figures(current.summary),
      followups: { open: current.unhappy, contacted: 0, resolved: 0, medianResolveMs: null },
      ...(previous && compared(current.summary, previous.summary)),
    },
    links: referenceLinks(rooms, links, q),
    groups: q.groupBy
      ? current.keys.map((key, index) => {
          const raw = current.groups.get(key)?.raw ?? emptyFigures();
          return {
            key,
            label: current.fixed ? key : (current.groups.get(key)?.label ?? key),
            ...figures(raw),
            ...(previous && compared(raw, previousOf(key, index))),
          };
        })
      : [],
    success: true,
  };
}

/** survey.responses' rows by brute force, newest first (ties: room id, descending). */
export function referenceRows(
  rooms: Room[],
  q: Query,
  names: { agents: Record<string, string>; departments: Record<string, string> },
) {
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
      agent: room.servedBy
        ? {
            _id: room.servedBy._id,
            username: room.servedBy.username,
            name: names.agents[room.servedBy._id] ?? null,
          }
        : null,
      departmentId: room.departmentId ?? null,
      department: room.departmentId
        ? { _id: room.departmentId, name: names.departments[room.departmentId] ?? null }
        : null,
      items: answers!.items,
      comment: answers!.comment ?? null,
      source: sourceOf(room),
      link: null,
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
