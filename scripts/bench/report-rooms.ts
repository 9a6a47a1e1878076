import type { Db } from 'mongodb';

/**
 * The surveyed rooms the report benches seed: five agents, three departments. Room i is answered
 * i × 7.919 s before `now` (the modulo of 85 days never bites below 900,000 rooms): 10,000 rooms
 * fall within the last 22 hours.
 */
export const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5'];
export const DEPARTMENTS = ['dept0', 'dept1', 'dept2'];
export const DAY = 86_400_000;

/** Rooms `start` to `start + count - 1`, answered before `now`; one in four with a comment. */
export function rooms(start: number, count: number, now: number) {
  return Array.from({ length: count }, (_, k) => {
    const i = start + k;
    const ts = new Date(now - ((i * 7919) % (85 * DAY)));
    const closedAt = new Date(ts.getTime() + 600_000);
    return {
      _id: `bench${String(i).padStart(12, '0')}`,
      t: 'l',
      ts,
      closedAt,
      v: { _id: `v${i}`, token: `t${i}`, username: `guest-${i}` },
      fname: `Visitor ${i}`,
      servedBy: { _id: AGENTS[i % 5], username: `agent-${i % 5}`, ts },
      departmentId: DEPARTMENTS[i % 3],
      msgs: 12,
      source: { type: 'widget' },
      surveyFeedback: {
        satisfaction: String((i % 5) + 1),
        agentKnowledge: String(((i * 3) % 5) + 1),
        ...(i % 4 === 0 && { additionalFeedback: `Comment number ${i}, with "quotes"` }),
      },
      surveyFeedbackAt: new Date(closedAt.getTime() + 60_000),
      _updatedAt: closedAt,
    };
  });
}

/** Rooms up to `to` in rocketchat_room (from as many as it holds), 2,000 an insert. */
export async function insertRooms(db: Db, to: number, now: number): Promise<void> {
  const collection = db.collection('rocketchat_room');
  for (let n = await collection.countDocuments(); n < to; n += 2000) {
    await collection.insertMany(rooms(n, Math.min(2000, to - n), now) as never[]);
  }
}
