import { Logger } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ensureDeclaredIndexes } from '../../src/database/indexes';
import { Visitor } from '../../src/livechat/visitor/visitor.schema';
import { createTestApp, type TestApp } from '../support/app';

describe('indexes beside an existing Rocket.Chat database', () => {
  let t: TestApp;
  let visitors: Model<Visitor>;
  const logger = new Logger('test');

  beforeAll(async () => {
    t = await createTestApp();
    visitors = t.app.get<Model<Visitor>>(getModelToken(Visitor.name));
    jest.spyOn(logger, 'log').mockImplementation(() => undefined);
  });
  afterAll(() => t.close());

  const indexes = async () =>
    (await t.visitors.indexes()).map(({ name, key, unique }) => ({ name, key, unique }));

  it("creates Rocket.Chat's token_1 index at start-up, not unique", async () => {
    expect(await indexes()).toContainEqual({
      name: 'token_1',
      key: { token: 1 },
      unique: undefined,
    });
  });

  it('keeps an existing index on the same keys as it is, under its own name and options', async () => {
    await t.visitors.dropIndex('token_1');
    await t.visitors.createIndex({ token: 1 }, { name: 'rc_token', sparse: true });
    const before = await t.visitors.indexes();
    await ensureDeclaredIndexes(visitors, logger);
    expect(await t.visitors.indexes()).toEqual(before);
  });

  it('creates only what is missing and drops nothing', async () => {
    await t.visitors.createIndex({ username: 1 }, { name: 'username_1' });
    await t.visitors.dropIndex('rc_token');
    await ensureDeclaredIndexes(visitors, logger);
    const names = (await indexes()).map((index) => index.name).sort();
    expect(names).toEqual(['_id_', 'token_1', 'username_1']);
  });
});
