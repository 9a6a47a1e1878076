import type { AddressInfo } from 'node:net';
import ApiLivechat from '@rocket.chat/sdk/lib/api/Livechat';
import { createTestApp, type TestApp } from '../support/app';
import { visitorToken } from '../support/factories';

describe('the whole survey journey, standalone', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('register → open room → close → survey → stored; erase → survey kept, anonymised, token dead', async () => {
    const token = visitorToken();
    const registered = await t
      .http()
      .post('/api/v1/livechat/visitor')
      .send({ visitor: { token, name: 'Jo' } });
    expect(registered.status).toBe(200);
    const visitorId = registered.body.visitor._id as string;

    const opened = await t.http().get('/api/v1/livechat/room').query({ token });
    expect(opened.body).toMatchObject({
      newRoom: true,
      success: true,
      room: { t: 'l', open: true },
    });
    const rid = opened.body.room._id as string;

    const closed = await t.http().post('/api/v1/livechat/room.close').send({ rid, token });
    expect(closed.body).toEqual({ rid, comment: 'Closed by visitor', success: true });

    const data = [
      { name: 'satisfaction', value: '5' },
      { name: 'agentResposiveness', value: '4' },
      { name: 'additionalFeedback', value: 'Great help' },
    ];
    const surveyed = await t.http().post('/api/v1/livechat/room.survey').send({ rid, token, data });
    expect(surveyed.text).toBe(
      `{"rid":"${rid}","data":{"satisfaction":"5","agentResposiveness":"4","additionalFeedback":"Great help"},"success":true}`,
    );
    expect(await t.rooms.findOne({ _id: rid })).toMatchObject({
      closer: 'visitor',
      surveyFeedback: {
        satisfaction: '5',
        agentResposiveness: '4',
        additionalFeedback: 'Great help',
      },
    });

    const erased = await t.http().delete(`/api/v1/livechat/visitor/${token}`);
    expect(erased.body).toEqual({
      visitor: { _id: visitorId, ts: expect.any(String) },
      success: true,
    });
    const room = (await t.rooms.findOne({ _id: rid }))!;
    expect(room.surveyFeedback).toEqual({
      satisfaction: '5',
      agentResposiveness: '4',
      additionalFeedback: 'Great help',
    });
    expect(room).not.toHaveProperty('fname');
    expect(room.v).toEqual({ _id: visitorId, status: 'online' });
    const again = await t.http().post('/api/v1/livechat/room.survey').send({ rid, token, data });
    expect(again.body).toEqual({
      success: false,
      error: '[invalid-token]',
      errorType: 'invalid-token',
    });
    expect((await t.http().get(`/api/v1/livechat/visitor/${token}`)).status).toBe(400);
  });
});

describe("the journey driven by Rocket.Chat's own SDK (@rocket.chat/sdk ApiLivechat)", () => {
  let t: TestApp;
  let api: ApiLivechat;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    api = new ApiLivechat({ host: `http://127.0.0.1:${port}` });
    api.logger = undefined as never;
  });
  afterAll(() => t.close());

  it('grantVisitor → config → room → closeChat → chatSurvey → visitor → deleteVisitor', async () => {
    const token = visitorToken();
    const visitor = await api.grantVisitor({ visitor: { token, name: 'Sdk Visitor' } });
    expect(visitor).toMatchObject({
      token,
      name: 'Sdk Visitor',
      username: expect.stringMatching(/^guest-\d+$/),
    });

    const config = await api.config({ token });
    expect(config.survey.items).toContain('agentResposiveness');
    expect(config.guest._id).toBe(visitor._id);

    const room = await api.room();
    expect(room).toMatchObject({ t: 'l', open: true, v: { token } });

    const closed = await api.closeChat({ rid: room._id });
    expect(closed).toEqual({ rid: room._id, comment: 'Closed by visitor', success: true });

    const survey = await api.chatSurvey({
      rid: room._id,
      data: [{ name: 'satisfaction', value: '4' }],
    } as never);
    expect(survey).toEqual({ rid: room._id, data: { satisfaction: '4' }, success: true });

    const fetched = await api.visitor();
    expect(fetched.visitor._id).toBe(visitor._id);

    const erased = await api.deleteVisitor();
    expect(erased).toEqual({ _id: visitor._id, ts: expect.any(String) });
    expect((await t.rooms.findOne({ _id: room._id }))!.surveyFeedback).toEqual({
      satisfaction: '4',
    });
    await expect(api.visitor()).rejects.toMatchObject({
      status: 400,
      data: { success: false, error: '[invalid-token]', errorType: 'invalid-token' },
    });
  });
});
