import { createTestApp, type TestApp } from '../support/app';
import { rocketChatRoom, rocketChatVisitor } from '../support/factories';

const CONFIG = '/api/v1/livechat/config';

describe('GET /api/v1/livechat/config', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SURVEY_ITEMS: 'satisfaction,speed', SURVEY_VALUES: '1,2,3' });
  });
  afterAll(() => t.close());

  it('gives the widget its survey form from the configured items and values', async () => {
    const res = await t.http().get(CONFIG);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['config', 'success']);
    expect(res.body.config).toMatchObject({
      enabled: true,
      online: true,
      survey: { items: ['satisfaction', 'speed'], values: ['1', '2', '3'] },
      settings: { visitorsCanCloseChat: true },
    });
    expect(res.body.config).not.toHaveProperty('guest');
  });

  it('adds the guest and their open room for a known token; nothing for an unknown one', async () => {
    const visitor = rocketChatVisitor({ activity: ['2026-11'] });
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    const res = await t.http().get(CONFIG).query({ token: visitor.token });
    const { activity: _activity, ...guest } = visitor;
    expect(res.body.config.guest).toEqual(JSON.parse(JSON.stringify(guest)));
    expect(res.body.config.room).toEqual(JSON.parse(JSON.stringify(room)));
    const unknown = await t.http().get(CONFIG).query({ token: 'secret-unknown' });
    expect(unknown.status).toBe(200);
    expect(unknown.body.config).not.toHaveProperty('guest');
  });

  it('answers unknown query keys with invalid-params, as Rocket.Chat validates the query', async () => {
    const res = await t.http().get(`${CONFIG}?foo=1`);
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      '{"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}',
    );
  });

  it('answers {enabled:false} when Livechat_enabled is off', async () => {
    await t.db
      .collection('rocketchat_settings')
      .insertOne({ _id: 'Livechat_enabled' as never, value: false });
    const res = await t.http().get(CONFIG);
    expect(res.text).toBe('{"config":{"enabled":false},"success":true}');
  });
});
