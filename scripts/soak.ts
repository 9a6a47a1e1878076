/**
 * npm run soak: SOAK_SECONDS (default 60) of survey traffic with autocannon against the built
 * service on its embedded database (FerretDB, SQLite), then prints requests, errors, p99 and the
 * service's RSS at the start and the end. A script to read, not a timed test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { MongoClient } from 'mongodb';
import { buildAppConfig } from '../src/config/app.config';
import { FerretDbProcess } from '../src/database/ferretdb.process';
import { rocketChatRoom, rocketChatVisitor, type Doc } from '../test/support/factories';
import { startService } from '../test/support/service';

const ROOT = resolve(__dirname, '..');
const seconds = Number(process.env.SOAK_SECONDS ?? 60);
// Small defaults: FerretDB scans every query, so larger data or more connections measure it.
const rooms = Number(process.env.SOAK_ROOMS ?? 200);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 4);

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function main(): Promise<void> {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync('bash', ['scripts/ferretdb-build.sh'], { cwd: ROOT, stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-soak-'));
  const db = await FerretDbProcess.start({
    binary: buildAppConfig({}).database.embedded.binary,
    dataDir,
    port: 0,
  });
  try {
    const uri = `${db.uri}/soak`;
    const client = await new MongoClient(uri).connect();
    const visitors = Array.from({ length: rooms }, () => rocketChatVisitor());
    const roomDocs = visitors.map((visitor) => rocketChatRoom(visitor));
    await client.db().collection<Doc>('rocketchat_livechat_visitor').insertMany(visitors);
    await client.db().collection<Doc>('rocketchat_room').insertMany(roomDocs);
    await client.close();

    const service = await startService({
      MONGODB_URI: uri,
      NODE_ENV: 'production',
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    });
    const pid = service.child.pid!;
    const rssStart = rssMb(pid);
    let n = 0;
    const result = await autocannon({
      url: `${service.url}/api/v1/livechat/room.survey`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections,
      duration: seconds,
      requests: [
        {
          setupRequest: (request) => {
            const i = n++ % rooms;
            const value = String((n % 5) + 1);
            return {
              ...request,
              body: JSON.stringify({
                rid: roomDocs[i]._id,
                token: visitors[i].token,
                data: [{ name: 'satisfaction', value }],
              }),
            };
          },
        },
      ],
    });
    const rssEnd = rssMb(pid);
    await service.stop();
    const non200 = result.non2xx;
    console.log(
      `soak: ${seconds} s, ${connections} connections, ${rooms} rooms (FerretDB/SQLite-bound)`,
    );
    console.log(`  requests: ${result.requests.total} (${result.requests.average} req/s average)`);
    console.log(
      `  errors: ${result.errors} connection errors, ${result.timeouts} timeouts, ${non200} non-2xx`,
    );
    console.log(
      `  latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
    );
    console.log(
      `  service RSS: ${rssStart.toFixed(1)} MB at start, ${rssEnd.toFixed(1)} MB at end (${(rssEnd - rssStart).toFixed(1)} MB)`,
    );
    if (result.errors + result.timeouts + non200 > 0) process.exitCode = 1;
  } finally {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
