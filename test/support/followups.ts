import type { TestApp } from './app';
import { closedRocketChatRoom, rocketChatVisitor, type Doc } from './factories';
import { apiKey, rocketChatUser } from './managers';

export const FOLLOWUP = '/api/v1/livechat/survey.followup';
export const QUEUE = '/api/v1/livechat/survey.followups';
export const PERIOD = { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' };
export const FOLLOWUPS_COLLECTION = 'livechat_survey_followups';
export const at = (time: string) => new Date(`2026-11-01T${time}Z`);
export const invalid = (message: string) => ({
  success: false,
  error: `${message} [invalid-params]`,
  errorType: 'invalid-params',
});

/**
 * The follow-up specs' world: a manager, an agent, an API key, and four rooms of 2026-11-01:
 * `unhappy` (1, a comment, the agent, department Sales), `meh` (2, the threshold; no agent, no
 * department), `happy` (5, outside the queue), `unanswered`.
 */
export function followupWorld() {
  const key = apiKey();
  const manager = rocketChatUser(['user', 'livechat-manager'], { name: 'Manager One' });
  const agentUser = rocketChatUser(['user', 'livechat-agent'], { name: 'Agent Smith' });
  const visitor = rocketChatVisitor();
  const servedBy = { _id: agentUser.user._id, username: agentUser.user.username };
  const rooms: Record<'unhappy' | 'meh' | 'happy' | 'unanswered', Doc> = {
    unhappy: closedRocketChatRoom(visitor, {
      closedAt: at('10:00:00'),
      servedBy,
      departmentId: 'salesDeptId000001',
      surveyFeedback: { satisfaction: '1', additionalFeedback: 'nobody answered' },
      surveyFeedbackAt: at('10:05:00'),
    }),
    meh: closedRocketChatRoom(visitor, {
      closedAt: at('11:00:00'),
      servedBy: undefined,
      departmentId: undefined,
      surveyFeedback: { satisfaction: '2' },
      surveyFeedbackAt: at('11:05:00'),
    }),
    happy: closedRocketChatRoom(visitor, {
      closedAt: at('12:00:00'),
      surveyFeedback: { satisfaction: '5' },
      surveyFeedbackAt: at('12:05:00'),
    }),
    unanswered: closedRocketChatRoom(visitor, { closedAt: at('13:00:00') }),
  };
  const seed = async (t: TestApp) => {
    await t.rooms.insertMany(Object.values(rooms));
    await t.db.collection('users').insertMany([manager.user, agentUser.user] as never);
    await t.db
      .collection('rocketchat_livechat_department')
      .insertOne({ _id: 'salesDeptId000001', name: 'Sales' } as never);
  };
  const by = { _id: manager.user._id, username: manager.user.username };
  return { key, manager, agentUser, rooms, seed, by };
}
