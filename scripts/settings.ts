/**
 * `npm run settings -- <command>`: reads and changes the Rocket.Chat settings and livechat agents
 * this service reads from the database, where no MongoDB client is at hand (the embedded
 * database). Same database as the service: MONGODB_URI, else the running embedded one.
 */
import type { mongo } from 'mongoose';
import { loadAppConfig, type AppConfig } from '../src/config/app.config';
import {
  AGENT_ROLE,
  LIVECHAT_SETTINGS,
  type LivechatSetting,
} from '../src/livechat/settings/livechat-settings';
import { connectSeedDatabase } from './seed-database';

const USAGE = `usage: npm run settings -- <command>
  list                           every setting the service reads, with its value
  get <id>                       one setting
  set <id> <value>               true/false, a whole number or text, as the setting's type
  agent list                     users with the ${AGENT_ROLE} role
  agent add <userId> <username>  gives a user the role (creates the user when missing)
  agent remove <userId>          takes the role away (the user is kept)`;

/** A mistake in the command line: printed as is, exit 1. */
class UsageError extends Error {}

type Doc = { _id: string; [key: string]: unknown };
/** A Rocket.Chat user, as far as an agent goes. */
interface User {
  _id: string;
  username?: string;
  name?: string;
  type?: string;
  active?: boolean;
  roles?: string[];
  statusLivechat?: string;
  createdAt?: Date;
  _updatedAt?: Date;
}

function known(id: string | undefined): LivechatSetting {
  const setting = LIVECHAT_SETTINGS.find((candidate) => candidate.id === id);
  if (setting) return setting;
  const ids = LIVECHAT_SETTINGS.map((candidate) => candidate.id).join(', ');
  throw new UsageError(
    id === undefined
      ? `name a setting: ${ids}`
      : `unknown setting ${JSON.stringify(id)}: the service reads ${ids}`,
  );
}

/** The value typed as Rocket.Chat stores it for that setting. */
function typed(setting: LivechatSetting, text: string | undefined): boolean | number | string {
  if (text === undefined) throw new UsageError(`give a value for ${setting.id}`);
  if (setting.type === 'boolean') {
    if (text === 'true' || text === 'false') return text === 'true';
    throw new UsageError(`${setting.id} is true or false, given ${JSON.stringify(text)}`);
  }
  if (setting.type === 'int') {
    if (/^-?\d+$/.test(text)) return Number(text);
    throw new UsageError(`${setting.id} is a whole number, given ${JSON.stringify(text)}`);
  }
  return text;
}

function describe(setting: LivechatSetting, stored: Doc | null): string {
  if (!stored || stored.value === undefined)
    return `${setting.id}: ${JSON.stringify(setting.default)} (Rocket.Chat's default: not set)`;
  const value = JSON.stringify(stored.value);
  const expected = setting.type === 'int' ? 'number' : setting.type;
  // The service reads a value of another type as the default, as Rocket.Chat would not store it.
  return typeof stored.value === expected
    ? `${setting.id}: ${value}`
    : `${setting.id}: ${value} (not a ${setting.type}: the service uses ${JSON.stringify(setting.default)})`;
}

type Action = (db: mongo.Db) => Promise<string[]>;

/** The command, checked before any connection: a typo is told even with no database running. */
function parse(config: AppConfig, [command, ...rest]: string[]): Action {
  const settings = (db: mongo.Db) => db.collection<Doc>(config.collections.settings);
  if (command === 'list' && rest.length === 0) {
    return async (db) => {
      const stored = await settings(db)
        .find({ _id: { $in: LIVECHAT_SETTINGS.map((setting) => setting.id) } })
        .toArray();
      return LIVECHAT_SETTINGS.map(
        (setting) =>
          `${describe(setting, stored.find((doc) => doc._id === setting.id) ?? null)}\n    ${setting.effect}`,
      );
    };
  }
  if (command === 'get' && rest.length <= 1) {
    const setting = known(rest[0]);
    return async (db) => [describe(setting, await settings(db).findOne({ _id: setting.id }))];
  }
  if (command === 'set') {
    const setting = known(rest[0]);
    const value = typed(setting, rest[1]);
    if (rest.length > 2) throw new UsageError('set takes one value (quote text with spaces)');
    return async (db) => {
      const now = new Date();
      // A missing setting is created in Rocket.Chat's shape, as Rocket.Chat would at its start.
      await settings(db).updateOne(
        { _id: setting.id },
        {
          $set: { value, _updatedAt: now },
          $setOnInsert: {
            type: setting.type,
            packageValue: setting.default,
            group: setting.group,
            public: !setting.hidden,
            hidden: setting.hidden,
            blocked: false,
            ts: now,
          },
        },
        { upsert: true },
      );
      return [`${setting.id}: ${JSON.stringify(value)} (the service reads it at its next request)`];
    };
  }
  if (command === 'agent') {
    const action = agent(rest);
    return (db) => action(db.collection<User>(config.collections.users), new Date());
  }
  throw new UsageError(command ? `unknown command ${JSON.stringify(command)}\n${USAGE}` : USAGE);
}

function agent([command, userId, username, ...extra]: string[]) {
  if (command === 'list' && userId === undefined) {
    return async (users: mongo.Collection<User>): Promise<string[]> => {
      const agents = await users
        .find({ roles: AGENT_ROLE }, { projection: { username: 1 } })
        .sort({ _id: 1 })
        .toArray();
      if (agents.length === 0) return [`no user has the ${AGENT_ROLE} role`];
      return agents.map((user) => `${user._id} ${String(user.username)}`);
    };
  }
  if (command === 'add') {
    if (!userId || !username || extra.length > 0)
      throw new UsageError('usage: npm run settings -- agent add <userId> <username>');
    return (users: mongo.Collection<User>, now: Date) => addAgent(users, userId, username, now);
  }
  if (command === 'remove') {
    if (!userId || username !== undefined)
      throw new UsageError('usage: npm run settings -- agent remove <userId>');
    return async (users: mongo.Collection<User>, now: Date): Promise<string[]> => {
      const result = await users.updateOne(
        { _id: userId, roles: AGENT_ROLE },
        { $pull: { roles: AGENT_ROLE }, $set: { _updatedAt: now } },
      );
      if (result.matchedCount === 0)
        throw new UsageError(`no user ${JSON.stringify(userId)} with the ${AGENT_ROLE} role`);
      return [`${userId}: no longer a ${AGENT_ROLE} (the user is kept)`];
    };
  }
  throw new UsageError(USAGE);
}

/** `agent add`: the role for an existing user of that username, or a new user with it. */
async function addAgent(
  users: mongo.Collection<User>,
  userId: string,
  username: string,
  now: Date,
): Promise<string[]> {
  const user = await users.findOne({ _id: userId });
  if (user && user.username !== username)
    throw new UsageError(
      `user ${userId} exists with username ${JSON.stringify(user.username)}, not ${JSON.stringify(username)}`,
    );
  if (user) {
    await users.updateOne(
      { _id: userId },
      { $addToSet: { roles: AGENT_ROLE }, $set: { _updatedAt: now } },
    );
  } else {
    await assertUsernameFree(users, username);
    // A user in Rocket.Chat's shape, as its admin creates an agent (no password: no login).
    await users.insertOne({
      _id: userId,
      username,
      name: username,
      type: 'user',
      active: true,
      roles: ['user', AGENT_ROLE],
      statusLivechat: 'available',
      createdAt: now,
      _updatedAt: now,
    });
  }
  return [
    `${userId} ${username}: ${AGENT_ROLE}${user ? '' : ' (new user)'}; GET room?token=…&agentId=${userId} serves new rooms by them`,
  ];
}

/** Rocket.Chat's usernames are unique, whatever the case (its checkUsernameAvailability). */
async function assertUsernameFree(users: mongo.Collection<User>, username: string): Promise<void> {
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const taken = await users.findOne(
    { username: { $regex: `^${escaped}$`, $options: 'i' } },
    { projection: { username: 1 } },
  );
  if (!taken) return;
  throw new UsageError(
    `username ${JSON.stringify(taken.username)} is taken by user ${taken._id} (usernames are unique in ` +
      `Rocket.Chat): choose another, or give that user the role: npm run settings -- agent add ` +
      `${taken._id} ${String(taken.username)}`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length === 0 || ['-h', '--help', 'help'].includes(args[0])) {
    console.log(USAGE);
    return;
  }
  const config = loadAppConfig();
  const action = parse(config, args);
  const connection = await connectSeedDatabase(config);
  try {
    for (const line of await action(connection.db!)) console.log(line);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof UsageError ? message : `settings failed: ${message}`);
  process.exit(1);
});
