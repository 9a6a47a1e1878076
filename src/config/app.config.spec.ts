import { buildAppConfig } from './app.config';

describe('buildAppConfig', () => {
  it('uses Rocket.Chat defaults when nothing is set', () => {
    const config = buildAppConfig({});
    expect(config.port).toBe(3000);
    expect(config.nodeEnv).toBe('development');
    expect(config.database.uri).toBeUndefined();
    expect(config.database.serverSelectionTimeoutMS).toBe(2000);
    expect(config.database.monitorCommands).toBe(false);
    expect(config.survey.items).toEqual([
      'satisfaction',
      'agentKnowledge',
      'agentResposiveness',
      'agentFriendliness',
    ]);
    expect(config.survey.values).toEqual(['1', '2', '3', '4', '5']);
    expect(config.collections).toEqual({
      rooms: 'rocketchat_room',
      visitors: 'rocketchat_livechat_visitor',
      settings: 'rocketchat_settings',
      users: 'users',
      messages: 'rocketchat_message',
    });
    expect(config.visitors.eraseClosesOpenRooms).toBe(false);
    expect(config.visitors.customFields).toEqual({ max: 50, keyLength: 100, valueLength: 10000 });
  });

  it('bounds custom fields by VISITOR_MAX_CUSTOM_FIELDS, the key and MAX_STRING_LENGTH', () => {
    const config = buildAppConfig({
      VISITOR_MAX_CUSTOM_FIELDS: '5',
      VISITOR_CUSTOM_FIELD_KEY_MAX_LENGTH: '20',
      MAX_STRING_LENGTH: '300',
    });
    expect(config.visitors.customFields).toEqual({ max: 5, keyLength: 20, valueLength: 300 });
  });

  it('reads lists, numbers and booleans from their text', () => {
    const config = buildAppConfig({
      PORT: '8080',
      SURVEY_ITEMS: 'speed, quality',
      SURVEY_VALUES: 'good,bad',
      DB_MONITOR_COMMANDS: 'true',
      ROOMS_COLLECTION: 'rooms',
    });
    expect(config.port).toBe(8080);
    expect(config.survey).toEqual({ items: ['speed', 'quality'], values: ['good', 'bad'] });
    expect(config.database.monitorCommands).toBe(true);
    expect(config.collections.rooms).toBe('rooms');
    expect(buildAppConfig({ DB_MONITOR_COMMANDS: 'false' }).database.monitorCommands).toBe(false);
  });

  it.each([
    [{ SURVEY_ITEMS: '' }, 'SURVEY_ITEMS'],
    [{ SURVEY_ITEMS: 'a,,b' }, 'SURVEY_ITEMS'],
    [{ SURVEY_ITEMS: '__proto__' }, 'SURVEY_ITEMS'],
    [{ SURVEY_ITEMS: 'a,a' }, 'SURVEY_ITEMS'],
    [{ SURVEY_VALUES: '' }, 'SURVEY_VALUES'],
    [{ SURVEY_VALUES: '1, ,3' }, 'SURVEY_VALUES'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production' }, 'MONGODB_URI'],
    [{ MONGODB_URI: 'postgres://x' }, 'MONGODB_URI'],
    [{ DB_MONITOR_COMMANDS: 'yes' }, 'DB_MONITOR_COMMANDS'],
    [{ VISITOR_MAX_CUSTOM_FIELDS: '0' }, 'VISITOR_MAX_CUSTOM_FIELDS'],
    [{ VISITOR_CUSTOM_FIELD_KEY_MAX_LENGTH: 'long' }, 'VISITOR_CUSTOM_FIELD_KEY_MAX_LENGTH'],
  ])('stops start-up on %j with a message naming %s', (env, variable) => {
    expect(() => buildAppConfig(env)).toThrow(
      new RegExp(`^Invalid configuration:\\n  ${variable}: `),
    );
  });

  it('requires MONGODB_URI in production and accepts one', () => {
    expect(() => buildAppConfig({ NODE_ENV: 'production' })).toThrow(
      'MONGODB_URI is required when NODE_ENV=production',
    );
    const config = buildAppConfig({
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db.example:27017/rocketchat?replicaSet=rs0',
    });
    expect(config.database.uri).toBe('mongodb://db.example:27017/rocketchat?replicaSet=rs0');
  });
});
