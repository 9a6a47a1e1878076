import { createTestApp, type TestApp } from '../support/app';
import { API_EXAMPLE, apiExampleDocuments } from '../support/api-example';

describe('the example call of the room.survey API page', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const { visitor, room } = apiExampleDocuments();
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
  });
  afterAll(() => t.close());

  it('returns the page success body, byte for byte', async () => {
    // The page's curl: --header 'Content-type: application/json' --data-raw '{...}'
    const raw = `{
    "rid": "gMMeBpWyLeowCrzBv",
    "token": "d4a8338e5a7d98b6750b4f839431b34a3f4813b2c43f7d89597948f21f607bb4",
    "data": [
        {
            "name": "additionalFeedback",
            "value": "Thankszzzzz"
        } 
    ]
}`;
    const res = await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .set('Content-type', 'application/json')
      .send(raw);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.text).toBe(JSON.stringify(API_EXAMPLE.response));
    expect((await t.rooms.findOne({ _id: API_EXAMPLE.rid }))!.surveyFeedback).toEqual({
      additionalFeedback: 'Thankszzzzz',
    });
  });

  it('returns the page error body for an invalid token', async () => {
    const res = await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({
        ...API_EXAMPLE.request,
        token: 'd4a8338e5a7d98b6750b4f839431b34a3f4813b2c43f7d89597948f21f607bb5',
      });
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      '{"success":false,"error":"[invalid-token]","errorType":"invalid-token"}',
    );
  });
});
