/**
 * What one room.closed poll costs on the embedded database (FerretDB, SQLite) at ROOMS rooms
 * (default 10,000): the watcher's own query (RoomReportRepository.closedAfter), idle (no room
 * closed since the checkpoint) and with 10 new closes. Prints the figures; changes nothing of
 * the service's data (its own FerretDB in a temporary directory).
 *
 *   npx ts-node --transpile-only scripts/room-closed-poll-cost.ts [ROOMS]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { buildAppConfig } from '../src/config/app.config';
import { FerretDbProcess } from '../src/database/ferretdb.process';
import { RoomReportRepository } from '../src/livechat/room/room-report.repository';
import { createRoomSchema } from '../src/livechat/room/room.schema';
import { closedRocketChatRoom, rocketChatVisitor } from '../test/support/factories';

const ROOMS = Number(process.argv[2] ?? 10_000);
const RUNS = 10;

async function timed(runs: number, task: () => Promise<unknown>): Promise<number[]> {
  const took: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    took.push(performance.now() - started);
  }
  return took.sort((a, b) => a - b);
}

const summary = (ms: number[]) =>
  `p50 ${ms[Math.floor(ms.length / 2)].toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'room-closed-poll-'));
  const binary = buildAppConfig({}).database.embedded.binary;
  const ferretdb = await FerretDbProcess.start({ binary, dataDir, port: 0 });
  const connection = await mongoose.createConnection(`${ferretdb.uri}/poll_cost`).asPromise();
  try {
    const model = connection.model('Room', createRoomSchema('rocketchat_room'));
    await model.createIndexes();
    const old = new Date(Date.now() - 86_400_000);
    const visitor = rocketChatVisitor();
    for (let done = 0; done < ROOMS; done += 1000) {
      const batch = Array.from({ length: Math.min(1000, ROOMS - done) }, () =>
        closedRocketChatRoom(visitor, { closedAt: old }),
      );
      await model.collection.insertMany(batch as never[]);
    }
    const repository = new RoomReportRepository(model as never, connection);
    const since = new Date(Date.now() - 60_000);
    const idle = await timed(RUNS, () => repository.closedAfter(since, 200));
    const fresh = Array.from({ length: 10 }, () =>
      closedRocketChatRoom(visitor, { closedAt: new Date() }),
    );
    await model.collection.insertMany(fresh as never[]);
    const found = await timed(RUNS, () => repository.closedAfter(since, 200));
    console.log(
      `room.closed poll on FerretDB v1.24.2 (SQLite), ${ROOMS} closed rooms, ${RUNS} runs each: ` +
        `idle ${summary(idle)}; with 10 new closes ${summary(found)}`,
    );
  } finally {
    await connection.close();
    await ferretdb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
