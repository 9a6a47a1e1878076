import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { EMBEDDED_DB_OPERATION_TIMEOUT_MS } from '../../src/config/app.config';
import { freePort } from '../../src/database/ferretdb.process';
import { PRODUCTION_NODE_OPTIONS } from './servers';

export interface ReportService {
  /** The livechat API's base URL. */
  url: string;
  child: ChildProcess;
}

/**
 * The built service as the report benches run it: the image's Node options, a reports:read API
 * key, no rate limits, and (on the bench's own FerretDB) the embedded default's operation bound;
 * resolves once it answers /health/live.
 */
export async function startReportService(options: {
  uri: string;
  key: string;
  /** The checkout whose dist/main.js runs (default this one). */
  dir?: string;
  ownFerretDb: boolean;
  env?: Record<string, string>;
}): Promise<ReportService> {
  const dir = options.dir ?? resolve(__dirname, '..', '..');
  const port = await freePort();
  const child = spawn(process.execPath, [join(dir, 'dist', 'main.js')], {
    cwd: dir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NODE_OPTIONS: PRODUCTION_NODE_OPTIONS,
      MONGODB_URI: options.uri,
      PORT: String(port),
      // METRICS_PORT 0: never clashes with a running `npm start`.
      METRICS_PORT: '0',
      // On its own FerretDB, the embedded default's bound (a MongoDB URI would get 3 s).
      ...(options.ownFerretDb && {
        DB_OPERATION_TIMEOUT_MS: String(EMBEDDED_DB_OPERATION_TIMEOUT_MS),
      }),
      API_KEYS: `${createHash('sha256').update(options.key).digest('hex')}:reports:read`,
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/health/live`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) break;
    await new Promise((done) => setTimeout(done, 250));
  }
  return { url: `http://127.0.0.1:${port}/api/v1/livechat`, child };
}
