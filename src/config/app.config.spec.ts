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
      departments: 'rocketchat_livechat_department',
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

  // The README's documented message, for an empty list however it is written.
  it.each(['', ',', ' , '])('refuses SURVEY_ITEMS=%j as an empty list', (items) => {
    expect(() => buildAppConfig({ SURVEY_ITEMS: items })).toThrow(
      'Invalid configuration:\n  SURVEY_ITEMS: SURVEY_ITEMS must list at least one item name',
    );
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a port number (1 to 65535), given "abc"'],
    [{ PORT: '' }, 'PORT must be a port number (1 to 65535), given ""'],
    [{ PORT: '0' }, 'PORT must be a port number (1 to 65535), given "0"'],
    [{ PORT: '70000' }, 'PORT must be a port number (1 to 65535), given "70000"'],
    [{ PORT: '80.5' }, 'PORT must be a port number (1 to 65535), given "80.5"'],
    [{ EMBEDDED_DB_PORT: 'x' }, 'EMBEDDED_DB_PORT must be a port number (1 to 65535), given "x"'],
    [{ RATE_LIMIT_MAX: 'ten' }, 'RATE_LIMIT_MAX must be a whole number of at least 1, given "ten"'],
    [
      { SHUTDOWN_DELAY_MS: '5s' },
      'SHUTDOWN_DELAY_MS must be a whole number from 0 to 120000, given "5s"',
    ],
    [
      { DB_MAX_POOL_SIZE: '2000' },
      'DB_MAX_POOL_SIZE must be a whole number from 1 to 1000, given "2000"',
    ],
    [
      { DB_STARTUP_TIMEOUT_MS: '30s' },
      'DB_STARTUP_TIMEOUT_MS must be a whole number of at least 1000, given "30s"',
    ],
    [
      { EMBEDDED_DB_MAX_RESTARTS: '-1' },
      'EMBEDDED_DB_MAX_RESTARTS must be a whole number from 0 to 100, given "-1"',
    ],
  ])('says what a number variable must be and what was given: %j', (env, message) => {
    const [variable] = Object.keys(env);
    expect(() => buildAppConfig(env)).toThrow(`Invalid configuration:\n  ${variable}: ${message}`);
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

  describe('METRICS_PORT', () => {
    it('serves metrics on 9464 by default, on any other port, or on a free one with 0', () => {
      expect(buildAppConfig({}).metricsPort).toBe(9464);
      expect(buildAppConfig({ METRICS_PORT: '9100' }).metricsPort).toBe(9100);
      expect(buildAppConfig({ METRICS_PORT: '0' }).metricsPort).toBe(0);
    });

    it.each([
      [
        { METRICS_PORT: '3000' },
        'METRICS_PORT must differ from PORT: metrics are kept off the API port',
      ],
      [
        { PORT: '8080', METRICS_PORT: '8080' },
        'METRICS_PORT must differ from PORT: metrics are kept off the API port',
      ],
      [{ METRICS_PORT: '' }, 'METRICS_PORT must be a port number (0 to 65535), given ""'],
      [{ METRICS_PORT: 'off' }, 'METRICS_PORT must be a port number (0 to 65535), given "off"'],
      [{ METRICS_PORT: '70000' }, 'METRICS_PORT must be a port number (0 to 65535), given "70000"'],
    ])('stops start-up on %j', (env, message) => {
      expect(() => buildAppConfig(env)).toThrow(
        `Invalid configuration:\n  METRICS_PORT: ${message}`,
      );
    });
  });

  describe('the database named by MONGODB_URI', () => {
    const atlas = 'mongodb+srv://survey:s3cret@cluster0.example.mongodb.net/?retryWrites=true';

    it.each([
      atlas,
      'mongodb+srv://survey:s3cret@cluster0.example.mongodb.net',
      'mongodb://survey:s3cret@db1:27017,db2:27017/?replicaSet=rs0',
      'mongodb://db.example:27017?replicaSet=rs0',
    ])('stops start-up when %s names none, without quoting the URI', (uri) => {
      let message = '';
      try {
        buildAppConfig({ MONGODB_URI: uri });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe(
        'Invalid configuration:\n  MONGODB_URI: MONGODB_URI names no database (the driver would ' +
          'silently use "test"): put it in the path (mongodb+srv://host/<database>?...) or set ' +
          'MONGODB_DATABASE',
      );
      expect(message).not.toContain('s3cret');
      expect(message).not.toContain('survey:');
    });

    it('uses the path of the URI, percent-decoded, when MONGODB_DATABASE is unset', () => {
      const named = (uri: string) => buildAppConfig({ MONGODB_URI: uri }).database.dbName;
      expect(named('mongodb://db1,db2,db3/rocketchat?replicaSet=rs0')).toBeUndefined();
      expect(() => named('mongodb://user:p%2Fw@db/rocket%2Dchat')).not.toThrow();
    });

    it('lets MONGODB_DATABASE name the database, over the path of the URI too', () => {
      expect(
        buildAppConfig({ MONGODB_URI: atlas, MONGODB_DATABASE: 'rocketchat' }).database,
      ).toMatchObject({
        uri: atlas,
        dbName: 'rocketchat',
      });
      expect(
        buildAppConfig({ MONGODB_URI: 'mongodb://db/other', MONGODB_DATABASE: 'rocketchat' })
          .database.dbName,
      ).toBe('rocketchat');
    });

    it.each(['', 'rocket.chat', 'a/b', 'a b', '$x', 'x'.repeat(64)])(
      'refuses MONGODB_DATABASE=%j as a database name',
      (name) => {
        expect(() => buildAppConfig({ MONGODB_URI: atlas, MONGODB_DATABASE: name })).toThrow(
          'Invalid configuration:\n  MONGODB_DATABASE: MONGODB_DATABASE must be a database name',
        );
      },
    );
  });

  it('slows the idle webhook dispatcher to WEBHOOKS_IDLE_POLL_MAX_MS, 10 s by default', () => {
    const max = (env: Record<string, string>) => buildAppConfig(env).webhooks.idlePollMaxMs;
    expect(max({})).toBe(10_000);
    expect(max({ WEBHOOKS_IDLE_POLL_MAX_MS: '3000' })).toBe(3000);
    // Never shorter than the brisk interval it doubles from.
    expect(max({ WEBHOOKS_IDLE_POLL_MAX_MS: '100', WEBHOOKS_POLL_INTERVAL_MS: '500' })).toBe(500);
    expect(() => buildAppConfig({ WEBHOOKS_IDLE_POLL_MAX_MS: '10' })).toThrow(
      /^Invalid configuration:\n {2}WEBHOOKS_IDLE_POLL_MAX_MS: /,
    );
  });

  it('gives the background work a pool of its own, 1 connection by default', () => {
    expect(buildAppConfig({}).database.backgroundPoolSize).toBe(1);
    expect(buildAppConfig({ DB_BACKGROUND_POOL_SIZE: '3' }).database.backgroundPoolSize).toBe(3);
    expect(() => buildAppConfig({ DB_BACKGROUND_POOL_SIZE: '0' })).toThrow(
      /^Invalid configuration:\n {2}DB_BACKGROUND_POOL_SIZE: /,
    );
  });

  it('slows the idle room.closed poll to ROOM_CLOSED_POLL_MAX_MS: 30 s on a MongoDB, 5 min embedded', () => {
    const uri = 'mongodb://db.example/rocketchat';
    const max = (env: Record<string, string>) => buildAppConfig(env).webhooks.roomClosedPollMaxMs;
    expect(max({ MONGODB_URI: uri })).toBe(30_000);
    expect(max({})).toBe(300_000);
    expect(max({ ROOM_CLOSED_POLL_MAX_MS: '2000' })).toBe(2000);
    // Never shorter than the brisk interval it doubles from.
    expect(max({ ROOM_CLOSED_POLL_MAX_MS: '100', WEBHOOKS_POLL_INTERVAL_MS: '500' })).toBe(500);
    expect(() => buildAppConfig({ ROOM_CLOSED_POLL_MAX_MS: '10' })).toThrow(
      /^Invalid configuration:\n {2}ROOM_CLOSED_POLL_MAX_MS: /,
    );
  });

  it('bounds database operations: DB_OPERATION_TIMEOUT_MS, default 3 s (10 s embedded), at least 100 ms', () => {
    const uri = 'mongodb://db.example/rocketchat';
    expect(buildAppConfig({ MONGODB_URI: uri }).database.operationTimeoutMS).toBe(3000);
    expect(buildAppConfig({}).database.operationTimeoutMS).toBe(10_000);
    expect(buildAppConfig({ DB_OPERATION_TIMEOUT_MS: '1500' }).database.operationTimeoutMS).toBe(
      1500,
    );
    for (const value of ['0', '99', 'soon'])
      expect(() => buildAppConfig({ DB_OPERATION_TIMEOUT_MS: value })).toThrow(
        /^Invalid configuration:\n {2}DB_OPERATION_TIMEOUT_MS: /,
      );
  });

  it("bounds the rate limiter's Redis calls: RATE_LIMIT_REDIS_TIMEOUT_MS, default 250, 10 to 1000", () => {
    expect(buildAppConfig({}).rateLimit.redisTimeoutMs).toBe(250);
    expect(buildAppConfig({ RATE_LIMIT_REDIS_TIMEOUT_MS: '800' }).rateLimit.redisTimeoutMs).toBe(
      800,
    );
    for (const value of ['9', '1001', 'fast'])
      expect(() => buildAppConfig({ RATE_LIMIT_REDIS_TIMEOUT_MS: value })).toThrow(
        /^Invalid configuration:\n {2}RATE_LIMIT_REDIS_TIMEOUT_MS: /,
      );
  });

  it('reads SHUTDOWN_DELAY_MS: serving on after SIGTERM, default 0, at most 120 s', () => {
    expect(buildAppConfig({}).shutdownDelayMs).toBe(0);
    expect(buildAppConfig({ SHUTDOWN_DELAY_MS: '5000' }).shutdownDelayMs).toBe(5000);
    for (const value of ['-1', '120001', 'later'])
      expect(() => buildAppConfig({ SHUTDOWN_DELAY_MS: value })).toThrow(
        /^Invalid configuration:\n {2}SHUTDOWN_DELAY_MS: /,
      );
  });
});

describe('buildAppConfig: reports', () => {
  const digest = 'a'.repeat(64);

  it('defaults: no API key, 366 days, satisfied 4 and 5, 120 calls per credential', () => {
    expect(buildAppConfig({}).reports).toEqual({
      apiKeyDigests: [],
      apiKeys: [],
      maxRangeDays: 366,
      satisfiedValues: ['4', '5'],
      rateLimitMax: 120,
      rocketChatUrl: undefined,
      // The embedded pool of 2: one report pass, one connection left for the survey path.
      slots: { maxConcurrent: 1, queueMax: 20, queueWaitMs: 30_000 },
    });
  });

  it('reads the report bound; its default follows the pool', () => {
    const slots = (env: Record<string, string>) => buildAppConfig(env).reports.slots;
    expect(slots({ DB_MAX_POOL_SIZE: '3' }).maxConcurrent).toBe(2);
    expect(slots({ MONGODB_URI: 'mongodb://db.invalid/x' }).maxConcurrent).toBe(4);
    expect(
      slots({ REPORTS_MAX_CONCURRENT: '3', REPORTS_QUEUE_MAX: '0', REPORTS_QUEUE_WAIT_MS: '500' }),
    ).toEqual({ maxConcurrent: 3, queueMax: 0, queueWaitMs: 500 });
    expect(() => buildAppConfig({ REPORTS_MAX_CONCURRENT: '0' })).toThrow('REPORTS_MAX_CONCURRENT');
  });

  it('reads digests (lower-cased), the range, the satisfied set and the limit', () => {
    const config = buildAppConfig({
      REPORTS_API_KEYS: ` ${digest.toUpperCase()}, ${'b'.repeat(64)} `,
      REPORTS_MAX_RANGE_DAYS: '31',
      REPORTS_SATISFIED_VALUES: '5',
      REPORTS_RATE_LIMIT_MAX: '30',
    });
    expect(config.reports).toEqual({
      apiKeyDigests: [digest, 'b'.repeat(64)],
      apiKeys: [],
      maxRangeDays: 31,
      satisfiedValues: ['5'],
      rateLimitMax: 30,
      rocketChatUrl: undefined,
      slots: { maxConcurrent: 1, queueMax: 20, queueWaitMs: 30_000 },
    });
  });

  it('reads FOLLOWUP_MAX_SATISFACTION: 2 by default, else the first value; refused outside SURVEY_VALUES', () => {
    expect(buildAppConfig({}).followups.maxSatisfaction).toBe('2');
    expect(buildAppConfig({ FOLLOWUP_MAX_SATISFACTION: '3' }).followups.maxSatisfaction).toBe('3');
    expect(buildAppConfig({ SURVEY_VALUES: 'bad,ok,good' }).followups.maxSatisfaction).toBe('bad');
    expect(() => buildAppConfig({ FOLLOWUP_MAX_SATISFACTION: '6' })).toThrow(
      'FOLLOWUP_MAX_SATISFACTION: 6 not in SURVEY_VALUES',
    );
  });

  it('keeps the default satisfied set within SURVEY_VALUES', () => {
    expect(buildAppConfig({ SURVEY_VALUES: 'good,bad' }).reports.satisfiedValues).toEqual([]);
  });

  it('refuses a key that is not a digest, and satisfied values outside SURVEY_VALUES', () => {
    expect(() => buildAppConfig({ REPORTS_API_KEYS: 'my-secret-key' })).toThrow(
      'REPORTS_API_KEYS: REPORTS_API_KEYS must be comma-separated SHA-256 digests in hex',
    );
    expect(() => buildAppConfig({ REPORTS_SATISFIED_VALUES: '5,6' })).toThrow(
      'REPORTS_SATISFIED_VALUES: 6 not in SURVEY_VALUES',
    );
    expect(() => buildAppConfig({ REPORTS_MAX_RANGE_DAYS: '0' })).toThrow('REPORTS_MAX_RANGE_DAYS');
  });
});
