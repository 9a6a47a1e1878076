import { rocketChatRoom, rocketChatVisitor } from './factories';

/** The example call and success body of shared/api/room.survey.md, the product's contract. */
export const API_EXAMPLE = {
  rid: 'gMMeBpWyLeowCrzBv',
  token: 'd4a8338e5a7d98b6750b4f839431b34a3f4813b2c43f7d89597948f21f607bb4',
  request: {
    rid: 'gMMeBpWyLeowCrzBv',
    token: 'd4a8338e5a7d98b6750b4f839431b34a3f4813b2c43f7d89597948f21f607bb4',
    data: [{ name: 'additionalFeedback', value: 'Thankszzzzz' }],
  },
  response: {
    rid: 'gMMeBpWyLeowCrzBv',
    data: { additionalFeedback: 'Thankszzzzz' },
    success: true,
  },
};

/** The visitor and closed-chat room the example call needs, in Rocket.Chat's shape. */
export function apiExampleDocuments() {
  const visitor = rocketChatVisitor({
    _id: 'exampleVisitor001',
    username: 'guest-1',
    token: API_EXAMPLE.token,
  });
  const room = rocketChatRoom(visitor, { _id: API_EXAMPLE.rid });
  return { visitor, room };
}
