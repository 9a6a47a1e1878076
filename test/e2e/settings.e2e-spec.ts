import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort } from '../../src/database/ferretdb.process';
import { visitorToken } from '../support/factories';
import { startService, type RunningService } from '../support/service';

const ROOT = resolve(__dirname, '..', '..');

/** `npm run settings -- <args>`, with only the environment given. */
function settings(env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(
    process.execPath,
    [
      resolve(ROOT, 'node_modules/ts-node/dist/bin.js'),
      '--transpile-only',
      'scripts/settings.ts',
    ].concat(args),
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run settings: the database settings and agents, through the API', () => {
  const uri = `${(process.env.TEST_MONGODB_URL ?? '').replace(/\/$/, '')}/settings_cli`;
  const env = { MONGODB_URI: uri };
  let service: RunningService;
  let client: MongoClient;
  // A connection per call: settings() blocks this process for seconds (spawnSync), past the
  // service's keep-alive timeout, and a kept connection was then found closed ("other side closed").
  const api = (path: string, init?: RequestInit) =>
    fetch(`${service.url}/api/v1/livechat/${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', Connection: 'close' },
    });

  beforeAll(async () => {
    service = await startService({ ...env, RATE_LIMIT_ENABLED: 'false' });
    client = await MongoClient.connect(uri);
  });
  afterAll(async () => {
    await client?.db().dropDatabase();
    await client?.close();
    await service?.stop();
  });

  it('set Livechat_enabled false: GET config answers enabled false at the next request; true again', async () => {
    expect(settings(env, 'get', 'Livechat_enabled')).toEqual({
      status: 0,
      stdout: "Livechat_enabled: true (Rocket.Chat's default: not set)\n",
      stderr: '',
    });
    expect(settings(env, 'set', 'Livechat_enabled', 'false')).toEqual({
      status: 0,
      stdout: 'Livechat_enabled: false (the service reads it at its next request)\n',
      stderr: '',
    });
    expect(await (await api('config')).text()).toBe('{"config":{"enabled":false},"success":true}');
    // Stored in Rocket.Chat's shape: a boolean value, with the setting's type and default.
    expect(
      await client
        .db()
        .collection('rocketchat_settings')
        .findOne({ _id: 'Livechat_enabled' as never }),
    ).toMatchObject({
      value: false,
      type: 'boolean',
      packageValue: true,
      group: 'Omnichannel',
      public: true,
      hidden: false,
      blocked: false,
      ts: expect.any(Date),
      _updatedAt: expect.any(Date),
    });
    expect(settings(env, 'get', 'Livechat_enabled').stdout).toBe('Livechat_enabled: false\n');

    expect(settings(env, 'set', 'Livechat_enabled', 'true').status).toBe(0);
    const config = (await (await api('config')).json()) as { config: { enabled: boolean } };
    expect(config.config.enabled).toBe(true);
  });

  it('set Omnichannel_allow_visitors_to_close_conversation false: room.close is refused', async () => {
    const token = visitorToken();
    await api('visitor', { method: 'POST', body: JSON.stringify({ visitor: { token } }) });
    const opened = (await (await api(`room?token=${token}`)).json()) as { room: { _id: string } };
    expect(
      settings(env, 'set', 'Omnichannel_allow_visitors_to_close_conversation', 'false').status,
    ).toBe(0);
    const close = () =>
      api('room.close', { method: 'POST', body: JSON.stringify({ rid: opened.room._id, token }) });
    const refused = await close();
    expect(refused.status).toBe(400);
    expect(await refused.text()).toBe(
      '{"success":false,"error":"error-not-allowed-to-close-conversation"}',
    );
    expect(
      settings(env, 'set', 'Omnichannel_allow_visitors_to_close_conversation', 'true').status,
    ).toBe(0);
    expect((await close()).status).toBe(200);
  });

  it('set Livechat_guest_count: the next new visitor is guest-<n+1>', async () => {
    expect(settings(env, 'set', 'Livechat_guest_count', '41').stdout).toBe(
      'Livechat_guest_count: 41 (the service reads it at its next request)\n',
    );
    const res = await api('visitor', {
      method: 'POST',
      body: JSON.stringify({ visitor: { token: visitorToken() } }),
    });
    expect(((await res.json()) as { visitor: { username: string } }).visitor.username).toBe(
      'guest-42',
    );
  });

  it('list shows every setting the service reads, with its value and what it changes', () => {
    expect(settings(env, 'list')).toEqual({
      status: 0,
      stdout: [
        'Livechat_enabled: true',
        '    false: GET config answers {"config":{"enabled":false},"success":true}',
        'Omnichannel_allow_visitors_to_close_conversation: true',
        '    false: POST room.close answers error-not-allowed-to-close-conversation',
        'Livechat_guest_count: 42',
        '    the last guest number given: the next new visitor without a username is guest-<n+1>',
        "Accounts_LoginExpiration: 90 (Rocket.Chat's default: not set)",
        '    days a login token lasts on the report and webhook routes (0 or less: 90; personal access tokens never expire)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('agent add: GET room?agentId= serves new rooms by that user; agent remove: no longer', async () => {
    expect(settings(env, 'agent', 'list').stdout).toBe('no user has the livechat-agent role\n');
    expect(settings(env, 'agent', 'add', 'agent0000000001', 'alice')).toEqual({
      status: 0,
      stdout:
        'agent0000000001 alice: livechat-agent (new user); GET room?token=…&agentId=agent0000000001 serves new rooms by them\n',
      stderr: '',
    });
    expect(settings(env, 'agent', 'list').stdout).toBe('agent0000000001 alice\n');
    const served = async () => {
      const token = visitorToken();
      await api('visitor', { method: 'POST', body: JSON.stringify({ visitor: { token } }) });
      const res = await api(`room?token=${token}&agentId=agent0000000001`);
      return ((await res.json()) as { room: { servedBy?: unknown } }).room.servedBy;
    };
    expect(await served()).toEqual({
      _id: 'agent0000000001',
      username: 'alice',
      ts: expect.any(String),
    });

    expect(settings(env, 'agent', 'add', 'agent0000000001', 'bob')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'user agent0000000001 exists with username "alice", not "bob"\n',
    });
    expect(settings(env, 'agent', 'remove', 'agent0000000001')).toEqual({
      status: 0,
      stdout: 'agent0000000001: no longer a livechat-agent (the user is kept)\n',
      stderr: '',
    });
    expect(await served()).toBeUndefined();
    // The user stays, without the role: adding it again gives the role back.
    expect(
      await client
        .db()
        .collection('users')
        .findOne({ _id: 'agent0000000001' as never }),
    ).toMatchObject({ username: 'alice', roles: ['user'] });
    expect(settings(env, 'agent', 'add', 'agent0000000001', 'alice').stdout).toBe(
      'agent0000000001 alice: livechat-agent; GET room?token=…&agentId=agent0000000001 serves new rooms by them\n',
    );
    expect(await served()).toMatchObject({ _id: 'agent0000000001', username: 'alice' });
  });

  it('agent add refuses a username another user has, whatever its case: exit 1, nothing written', async () => {
    const users = client.db().collection('users');
    await users.insertOne({
      _id: 'demoAgent00000100',
      username: 'carol.d',
      roles: ['user'],
    } as never);
    const before = await users.find().sort({ _id: 1 }).toArray();
    for (const username of ['carol.d', 'Carol.D']) {
      expect(settings(env, 'agent', 'add', 'agent0000000002', username)).toEqual({
        status: 1,
        stdout: '',
        stderr:
          'username "carol.d" is taken by user demoAgent00000100 (usernames are unique in Rocket.Chat): ' +
          'choose another, or give that user the role: npm run settings -- agent add demoAgent00000100 carol.d\n',
      });
    }
    expect(await users.find().sort({ _id: 1 }).toArray()).toEqual(before);
    // The name is matched as text, not as a pattern: "carolXd" is another name.
    expect(settings(env, 'agent', 'add', 'agent0000000003', 'carolXd').status).toBe(0);
  });

  it.each([
    [
      ['get', 'Livechat_Enabled'],
      'unknown setting "Livechat_Enabled": the service reads Livechat_enabled, Omnichannel_allow_visitors_to_close_conversation, Livechat_guest_count, Accounts_LoginExpiration',
    ],
    [['set', 'Livechat_enabled', 'no'], 'Livechat_enabled is true or false, given "no"'],
    [['set', 'Livechat_guest_count', '4.5'], 'Livechat_guest_count is a whole number, given "4.5"'],
    [['agent', 'remove', 'nobody'], 'no user "nobody" with the livechat-agent role'],
  ])('refuses %j, exit 1: %s', (args, message) => {
    expect(settings(env, ...args)).toEqual({ status: 1, stdout: '', stderr: `${message}\n` });
  });

  it('says to start the service first when the embedded database is not running', async () => {
    const port = String(await freePort());
    expect(settings({ EMBEDDED_DB_PORT: port }, 'get', 'Livechat_enabled')).toEqual({
      status: 1,
      stdout: '',
      stderr: `settings failed: the embedded database is not running on 127.0.0.1:${port}: start the service first (npm start, in another terminal), or set MONGODB_URI\n`,
    });
  });
});

describe('npm run settings on the embedded database of a running service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-settings-'));
  let service: RunningService;
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reaches it on EMBEDDED_DB_PORT, as the service does, with no MongoDB client', async () => {
    const env = { EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: String(await freePort()) };
    service = await startService({ ...env, RATE_LIMIT_ENABLED: 'false' });
    expect(settings(env, 'set', 'Livechat_enabled', 'false').status).toBe(0);
    const res = await fetch(`${service.url}/api/v1/livechat/config`);
    expect(await res.text()).toBe('{"config":{"enabled":false},"success":true}');
  });
});
