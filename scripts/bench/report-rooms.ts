/** The report benches' rooms: closed, surveyed, spread over 85 days before `now`. */
export const DAY = 86_400_000;
const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5'];

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
      departmentId: `dept${i % 3}`,
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
