import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PRODUCTION_NODE_OPTIONS } from '../../scripts/bench/servers';
import { argsOf, dockerStages } from './dockerfile';
import { composeCommand, root, TOOL_BUILD_TIMEOUT_MS } from './tools';

const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('Dockerfile', () => {
  const stages = dockerStages(read('Dockerfile'));
  const runtime = stages[stages.length - 1];
  const copiedFrom = (path: string) =>
    argsOf(runtime, 'COPY')
      .filter((args) => args.includes(path))
      .map((args) => stages.find((stage) => stage.name === /--from=(\S+)/.exec(args)?.[1]));

  it('compiles in a build stage and runs the output on node:24-bookworm-slim (Node 24 LTS, the runtime of every npm script)', () => {
    const [build] = copiedFrom('/app/dist');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime.image).toBe('node:24-bookworm-slim');
    expect(build ? argsOf(build, 'RUN') : []).toEqual(
      expect.arrayContaining([expect.stringMatching(/^npm ci/), 'npm run build']),
    );
  });

  it('ships production dependencies only, installed without lifecycle scripts', () => {
    const installers = [runtime, ...copiedFrom('node_modules')].filter((s) => s !== undefined);
    const installs = installers
      .flatMap((stage) => argsOf(stage, 'RUN'))
      .filter((run) => /npm (ci|i|install)\b/.test(run));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs)
      expect(install).toMatch(/npm ci .*--omit=dev.*--ignore-scripts/);
    expect(argsOf(runtime, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
  });

  it('caps the V8 heap and sizes its young generation with the Node options the bench measures the service with', () => {
    expect(argsOf(runtime, 'ENV').join(' ')).toContain(`NODE_OPTIONS="${PRODUCTION_NODE_OPTIONS}"`);
  });

  it('runs as a non-root user, under an init that forwards signals', () => {
    const user = argsOf(runtime, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(JSON.parse(argsOf(runtime, 'ENTRYPOINT')[0])).toEqual(['/usr/bin/tini', '--']);
  });

  it('exposes 3000 and the metrics port, checks /health/live with node itself and starts dist/main.js', () => {
    const [healthcheck] = argsOf(runtime, 'HEALTHCHECK');
    const env = argsOf(runtime, 'ENV').join(' ');
    expect(env).toMatch(/\bPORT=3000\b/);
    expect(env).toMatch(/\bMETRICS_PORT=9464\b/);
    expect(argsOf(runtime, 'EXPOSE')).toEqual(['3000 9464']);
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/health\/live/);
    expect(healthcheck).not.toMatch(/curl|wget/);
    expect(JSON.parse(argsOf(runtime, 'CMD')[0])).toEqual(['node', 'dist/main.js']);
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of [
      'node_modules',
      'dist',
      '.cache',
      '.data',
      '.git',
      'coverage',
      'test',
      '*.log',
      '.env',
    ])
      expect(ignored).toContain(entry);
  });
});

interface Service {
  image?: string;
  expose?: string[];
  command?: string[];
  deploy?: { replicas?: number };
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}

describe('docker-compose.yml', () => {
  // merge: the three MongoDB members share one definition through a YAML merge key.
  const { services } = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, Service>;
  };
  const env = services.app.environment ?? {};

  it('runs 2 app replicas without host ports, behind nginx on one port', () => {
    expect(services.app.deploy?.replicas).toBe(2);
    expect(services.app.ports).toBeUndefined();
    expect(services.lb.ports).toHaveLength(1);
    expect(services.lb.volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(read('deploy/nginx.conf')).toContain(`server app:${env.PORT} resolve;`);
  });

  it('keeps the metrics port off the load balancer: nginx proxies PORT alone', () => {
    const nginx = read('deploy/nginx.conf');
    expect(env.METRICS_PORT).toBe('9464');
    expect(env.METRICS_PORT).not.toBe(env.PORT);
    expect(services.app.expose).toEqual([env.PORT, env.METRICS_PORT]);
    expect([...nginx.matchAll(/server app:(\d+)/g)].map((m) => m[1])).toEqual([env.PORT]);
    expect(nginx).not.toContain(`:${env.METRICS_PORT}`);
    expect(services.lb.ports).toEqual(['${LB_PORT:-8080}:8080']);
  });

  it('connects to a 3-member replica set with majority writes, once it is initiated', () => {
    const [, hosts, query] = /^mongodb:\/\/([^/]+)\/\w+\?(.+)$/.exec(env.MONGODB_URI) ?? [];
    const members = hosts.split(',').map((host) => host.split(':')[0]);
    const initScript = services['mongo-init'].command?.join(' ') ?? '';
    expect(members).toHaveLength(3);
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({
      replicaSet: 'rs0',
      w: 'majority',
      retryWrites: 'true',
    });
    for (const member of members) {
      expect(services[member].command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
      expect(services[member].healthcheck).toBeDefined();
      expect(services['mongo-init'].depends_on?.[member]).toEqual({ condition: 'service_healthy' });
      expect(initScript).toContain(`host: '${member}:27017'`);
    }
    expect(initScript).toContain('rs.initiate');
    expect(services.app.depends_on?.['mongo-init']).toEqual({
      condition: 'service_completed_successfully',
    });
  });

  it('uses Redis, trusts the load balancer, and drains before it is killed', () => {
    expect(env).toMatchObject({ NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379' });
    expect(env.TRUST_PROXY).toBeTruthy();
    expect(services.redis.healthcheck).toBeDefined();
    const stopGraceMs = Number(/^(\d+)s$/.exec(services.app.stop_grace_period ?? '')?.[1]) * 1000;
    expect(stopGraceMs).toBeGreaterThan(Number(env.SHUTDOWN_GRACE_MS));
  });

  describe('docker compose config (the Compose Specification schema)', () => {
    // Fails here, naming what is missing, when no docker compose can be had.
    let compose: string[];
    beforeAll(() => {
      compose = composeCommand();
    }, TOOL_BUILD_TIMEOUT_MS);

    const validate = ([command, ...prefix]: string[], file: string) =>
      execFileSync(command, [...prefix, '-f', file, '--project-directory', root, 'config', '-q'], {
        stdio: 'pipe',
      });

    it('accepts docker-compose.yml and rejects a broken copy', () => {
      expect(() => validate(compose, join(root, 'docker-compose.yml'))).not.toThrow();
      // A broken copy must fail, so a validator that accepts anything cannot pass.
      const broken = join(mkdtempSync(join(tmpdir(), 'compose-')), 'docker-compose.yml');
      writeFileSync(broken, read('docker-compose.yml').replace('    expose:', '    exposes:'));
      expect(() => validate(compose, broken)).toThrow(/exposes/);
    });
  });
});
