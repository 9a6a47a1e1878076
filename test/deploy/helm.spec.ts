import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Environment } from '../../src/config/environment';
import { SCOPES } from '../../src/reports/scopes';
import {
  all,
  chartDir,
  helmTemplate,
  helmTemplateError,
  memoryBytes,
  only,
  portNumber,
  REQUIRED,
  selects,
  type Kinds,
  type Manifest,
} from './k8s';
import { buildTool, TOOL_BUILD_TIMEOUT_MS } from './tools';

let helm: string;

beforeAll(() => {
  helm = buildTool('helm-build.sh');
}, TOOL_BUILD_TIMEOUT_MS);

/** The app's own defaults (what a variable left out of the ConfigMap means). */
const appDefaults = new Environment();
const [MONGODB_URI_SET, REDIS_URL_SET] = REQUIRED;
const REDIS_PASSWORD = 's3cret-pw';
/** The bench's peak RSS of the service under load on Node 24 (docs/PERFORMANCE.md). */
const BENCH_PEAK_RSS_BYTES = 163e6;
/** A MongoDB replica-set election: the longest outage readiness must ride out. */
const ELECTION_SECONDS = 12;

function podOf(manifests: Manifest[]) {
  const deployment = only(manifests, 'Deployment');
  const [container] = deployment.spec.template.spec.containers;
  return { deployment, pod: deployment.spec.template, container };
}

function envRef(manifests: Manifest[], name: string) {
  const { container } = podOf(manifests);
  return container.env.find((variable) => variable.name === name)?.valueFrom?.secretKeyRef;
}

function configOf(manifests: Manifest[]) {
  return only(manifests, 'ConfigMap').data;
}

/** The Service whose name is the Deployment's: the one an Ingress routes to. */
function mainService(manifests: Manifest[]) {
  const name = podOf(manifests).deployment.metadata.name;
  return (all(manifests, 'Service') as Kinds['Service'][]).find((s) => s.metadata.name === name)!;
}

function secretValue(manifests: Manifest[], ref: { name: string; key: string } | undefined) {
  const secret = (all(manifests, 'Secret') as Kinds['Secret'][]).find(
    (s) => s.metadata.name === ref?.name,
  );
  return secret && Buffer.from(secret.data[ref?.key ?? ''], 'base64').toString();
}

describe('helm lint --strict', () => {
  it('passes with the values an install needs', () => {
    const sets = REQUIRED.flatMap((set) => ['--set', set]);
    const output = execFileSync(helm, ['lint', '--strict', chartDir, ...sets], {
      encoding: 'utf8',
    });
    expect(output).toContain('1 chart(s) linted, 0 chart(s) failed');
  });
});

describe('without a MongoDB URI (item 7)', () => {
  it('fails the render, saying what to set: there is no placeholder default', () => {
    expect(helmTemplateError(helm, REDIS_URL_SET)).toContain(
      'MONGODB_URI is required: set mongodb.uri (a replica set: mongodb://db1,db2,db3/livechat?replicaSet=rs0) or mongodb.existingSecret',
    );
    // The chart's own values alone: the same first message.
    expect(helmTemplateError(helm)).toContain('MONGODB_URI is required');
  });
});

describe('with default values (and the required MongoDB URI and Redis URL)', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = helmTemplate(helm, ...REQUIRED);
  });

  it('probes /health/live and /health/ready on the port the app listens on', () => {
    const { container } = podOf(manifests);
    const port = Number(configOf(manifests).PORT);
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(portNumber(container, container.livenessProbe.httpGet.port)).toBe(port);
    expect(portNumber(container, container.readinessProbe.httpGet.port)).toBe(port);
  });

  it('keeps pods ready through a database election: (failureThreshold - 1) x period >= 12 s (item 9)', () => {
    const { readinessProbe } = podOf(manifests).container;
    const toleratedSeconds =
      ((readinessProbe.failureThreshold ?? 3) - 1) * (readinessProbe.periodSeconds ?? 10);
    expect(toleratedSeconds).toBeGreaterThanOrEqual(ELECTION_SECONDS);
    expect(readinessProbe).toMatchObject({ periodSeconds: 5, failureThreshold: 4 });
  });

  it('requests the memory the bench peaked at, and caps the V8 heap from the limit (item 8)', () => {
    const { resources } = podOf(manifests).container;
    for (const bound of [resources.requests, resources.limits]) {
      expect(bound).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    }
    const request = memoryBytes(resources.requests!.memory);
    const limit = memoryBytes(resources.limits!.memory);
    expect(request).toBeGreaterThanOrEqual(BENCH_PEAK_RSS_BYTES);
    expect(limit).toBeGreaterThan(request);
    expect(resources).toMatchObject({ requests: { memory: '192Mi' }, limits: { memory: '256Mi' } });
    // Half the limit, in MiB: 128, the cap the bench ran with, and its young generation (16 MB).
    expect(configOf(manifests).NODE_OPTIONS).toBe(
      `--max-old-space-size=${Math.floor(limit / 2 ** 20 / 2)} --max-semi-space-size=16`,
    );
    expect(configOf(manifests).NODE_OPTIONS).toBe(
      '--max-old-space-size=128 --max-semi-space-size=16',
    );
  });

  it("reads MONGODB_URI and REDIS_URL from the chart's own Secret, never the ConfigMap (item 2)", () => {
    const secret = only(manifests, 'Secret');
    const configMap = only(manifests, 'ConfigMap');
    expect(envRef(manifests, 'MONGODB_URI')).toEqual({
      name: secret.metadata.name,
      key: 'mongodb-uri',
    });
    expect(envRef(manifests, 'REDIS_URL')).toEqual({
      name: secret.metadata.name,
      key: 'redis-url',
    });
    expect(secretValue(manifests, envRef(manifests, 'MONGODB_URI'))).toBe(
      MONGODB_URI_SET.replace('mongodb.uri=', ''),
    );
    expect(secretValue(manifests, envRef(manifests, 'REDIS_URL'))).toBe(
      REDIS_URL_SET.replace('redis.url=', ''),
    );
    expect(configMap.data).not.toHaveProperty('MONGODB_URI');
    expect(configMap.data).not.toHaveProperty('REDIS_URL');
    expect(JSON.stringify(configMap)).not.toContain(REDIS_PASSWORD);
    expect(configMap.data.NODE_ENV).toBe('production');
    expect(podOf(manifests).container.envFrom).toContainEqual({
      configMapRef: { name: configMap.metadata.name },
    });
  });

  it("keeps Rocket.Chat's rate limits, the app's own defaults: 10, and 5 on the strict routes, per 60 s (item 3)", () => {
    const config = configOf(manifests);
    expect(config).toMatchObject({
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_MAX: '10',
      RATE_LIMIT_STRICT_MAX: '5',
      RATE_LIMIT_WINDOW_MS: '60000',
    });
    expect(Number(config.RATE_LIMIT_MAX)).toBe(appDefaults.RATE_LIMIT_MAX);
    expect(Number(config.RATE_LIMIT_STRICT_MAX)).toBe(appDefaults.RATE_LIMIT_STRICT_MAX);
    expect(Number(config.RATE_LIMIT_WINDOW_MS)).toBe(appDefaults.RATE_LIMIT_WINDOW_MS);
  });

  it('rolls the pods when the ConfigMap or the Secret changes, and asks no reloader (item 6)', () => {
    const { deployment, pod } = podOf(manifests);
    expect(pod.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    expect(pod.metadata.annotations['checksum/secret']).toMatch(/^[0-9a-f]{64}$/);
    expect(deployment.metadata.annotations ?? {}).not.toHaveProperty(
      'secret.reloader.stakater.com/reload',
    );
    const otherPassword = helmTemplate(
      helm,
      MONGODB_URI_SET,
      'redis.url=redis://:rotated@redis.example.com:6379',
    );
    expect(podOf(otherPassword).pod.metadata.annotations['checksum/secret']).not.toBe(
      pod.metadata.annotations['checksum/secret'],
    );
  });

  it('runs as a non-root user on a read-only root filesystem', () => {
    const { pod, container } = podOf(manifests);
    expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(container.securityContext.runAsUser).toBeGreaterThan(0);
  });

  it('pauses in preStop before SIGTERM, and the grace period covers pause, delay and drain (item 1)', () => {
    const { pod, container } = podOf(manifests);
    expect(container.lifecycle?.preStop?.exec?.command).toEqual(['sleep', '5']);
    const config = configOf(manifests);
    expect(config).toMatchObject({ SHUTDOWN_DELAY_MS: '0', SHUTDOWN_GRACE_MS: '10000' });
    const shutdownMs = 5000 + Number(config.SHUTDOWN_DELAY_MS) + Number(config.SHUTDOWN_GRACE_MS);
    expect(pod.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(shutdownMs);
  });

  it('runs preStop on an image that has the sleep binary (a Debian node image)', () => {
    const nodeImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(
      readFileSync(join(chartDir, '..', '..', 'Dockerfile'), 'utf8'),
    )?.[1];
    expect(nodeImage).toMatch(/^node:\d+-(bookworm|trixie)(-slim)?$/);
  });

  it('autoscales the Deployment from 2 to 10 replicas on CPU, leaving replicas to the HPA', () => {
    const { deployment } = podOf(manifests);
    const hpa = only(manifests, 'HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toMatchObject({
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
    expect(hpa.spec.metrics).toContainEqual(
      expect.objectContaining({
        resource: { name: 'cpu', target: expect.objectContaining({ averageUtilization: 70 }) },
      }),
    );
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it('keeps one pod through voluntary disruptions, fewer than the 2 the HPA keeps (item 4)', () => {
    const pdb = only(manifests, 'PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(pdb.spec.minAvailable).toBeLessThan(
      only(manifests, 'HorizontalPodAutoscaler').spec.minReplicas,
    );
    expect(selects(pdb.spec.selector.matchLabels, podOf(manifests).pod.metadata.labels)).toBe(true);
  });

  it('prefers spreading the pods over nodes and zones, never leaving one pending for it (item 5)', () => {
    const { pod } = podOf(manifests);
    const constraints = pod.spec.topologySpreadConstraints ?? [];
    expect(constraints.map((c) => c.topologyKey)).toEqual([
      'kubernetes.io/hostname',
      'topology.kubernetes.io/zone',
    ]);
    for (const constraint of constraints) {
      expect(constraint).toMatchObject({ maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' });
      expect(selects(constraint.labelSelector.matchLabels, pod.metadata.labels)).toBe(true);
    }
  });

  it("trusts no proxy without the chart's Ingress, and renders none (item 10)", () => {
    expect(configOf(manifests).TRUST_PROXY).toBe('false');
    expect(all(manifests, 'Ingress')).toEqual([]);
  });

  it("routes the Service to the pods' container port", () => {
    const { pod, container } = podOf(manifests);
    const service = only(manifests, 'Service');
    expect(selects(service.spec.selector, pod.metadata.labels)).toBe(true);
    expect(portNumber(container, service.spec.ports[0].targetPort)).toBe(
      container.ports[0].containerPort,
    );
  });

  it('renders no ServiceMonitor', () => {
    expect(all(manifests, 'ServiceMonitor')).toEqual([]);
  });

  it('serves metrics on a container port of their own, which the Service does not route to (item 11)', () => {
    const { container } = podOf(manifests);
    const data = configOf(manifests);
    const metricsPort = Number(data.METRICS_PORT);
    expect(metricsPort).toBe(9464);
    expect(metricsPort).not.toBe(Number(data.PORT));
    expect(portNumber(container, 'metrics')).toBe(metricsPort);
    const service = only(manifests, 'Service');
    expect(service.spec.ports.map((port) => portNumber(container, port.targetPort))).toEqual([
      Number(data.PORT),
    ]);
  });

  it("points Prometheus's pod annotations at the metrics port", () => {
    const { pod } = podOf(manifests);
    expect(pod.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': configOf(manifests).METRICS_PORT,
      'prometheus.io/path': '/metrics',
    });
  });
});

describe('several replicas without Redis (item 3)', () => {
  const message = (max: number) =>
    `up to ${max} replicas without Redis: each pod would count rate limits alone (${max} x the limit per client). Set redis.url or redis.existingSecret, or run one replica (autoscaling.enabled=false, replicaCount=1), or config.RATE_LIMIT_ENABLED=false`;

  it('fails the render with the HPA (up to 10) and with a fixed count of 3', () => {
    expect(helmTemplateError(helm, MONGODB_URI_SET)).toContain(message(10));
    expect(
      helmTemplateError(helm, MONGODB_URI_SET, 'autoscaling.enabled=false', 'replicaCount=3'),
    ).toContain(message(3));
    // An HPA that may only scale to 1 is not several replicas.
    expect(
      helmTemplateError(
        helm,
        MONGODB_URI_SET,
        'autoscaling.minReplicas=1',
        'autoscaling.maxReplicas=1',
      ),
    ).toBeUndefined();
  });

  it('renders when rate limiting is off: there is nothing to share', () => {
    const manifests = helmTemplate(helm, MONGODB_URI_SET, 'config.RATE_LIMIT_ENABLED=false');
    expect(configOf(manifests).RATE_LIMIT_ENABLED).toBe('false');
    expect(envRef(manifests, 'REDIS_URL')).toBeUndefined();
  });
});

describe('one replica, autoscaling off, no Redis', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = helmTemplate(helm, MONGODB_URI_SET, 'autoscaling.enabled=false', 'replicaCount=1');
  });

  it('runs one replica with in-memory rate limits: no HPA, no REDIS_URL', () => {
    expect(podOf(manifests).deployment.spec.replicas).toBe(1);
    expect(all(manifests, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(envRef(manifests, 'REDIS_URL')).toBeUndefined();
    expect(only(manifests, 'Secret').data).toEqual({ 'mongodb-uri': expect.any(String) });
  });

  it('renders no PodDisruptionBudget, which would block every drain (item 4)', () => {
    expect(all(manifests, 'PodDisruptionBudget')).toEqual([]);
  });

  it('renders a PodDisruptionBudget again once two replicas can satisfy it', () => {
    const two = helmTemplate(helm, ...REQUIRED, 'autoscaling.enabled=false', 'replicaCount=2');
    expect(podOf(two).deployment.spec.replicas).toBe(2);
    expect(only(two, 'PodDisruptionBudget').spec.minAvailable).toBe(1);
    const hpaFromOne = helmTemplate(helm, ...REQUIRED, 'autoscaling.minReplicas=1');
    expect(all(hpaFromOne, 'PodDisruptionBudget')).toEqual([]);
  });
});

describe('several replicas, Redis URL from a Secret of yours', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = helmTemplate(
      helm,
      MONGODB_URI_SET,
      'redis.existingSecret=redis-credentials',
      'redis.existingSecretKey=url',
    );
  });

  it("reads REDIS_URL from that Secret; the chart's Secret holds the MongoDB URI only (item 2)", () => {
    expect(envRef(manifests, 'REDIS_URL')).toEqual({ name: 'redis-credentials', key: 'url' });
    const secret = only(manifests, 'Secret');
    expect(Object.keys(secret.data)).toEqual(['mongodb-uri']);
    expect(configOf(manifests)).not.toHaveProperty('REDIS_URL');
  });

  it('names that Secret for stakater Reloader only when reloader.enabled (item 6)', () => {
    expect(podOf(manifests).deployment.metadata.annotations ?? {}).not.toHaveProperty(
      'secret.reloader.stakater.com/reload',
    );
    const reloaded = helmTemplate(
      helm,
      MONGODB_URI_SET,
      'redis.existingSecret=redis-credentials',
      'reloader.enabled=true',
    );
    expect(podOf(reloaded).deployment.metadata.annotations).toEqual({
      'secret.reloader.stakater.com/reload': 'redis-credentials',
    });
  });
});

describe('with mongodb.existingSecret (and Redis from the same Secret)', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = helmTemplate(
      helm,
      'mongodb.existingSecret=survey-db',
      'redis.existingSecret=survey-db',
      'reloader.enabled=true',
    );
  });

  it('reads both from that Secret and makes none of its own, so no checksum/secret', () => {
    expect(envRef(manifests, 'MONGODB_URI')).toEqual({ name: 'survey-db', key: 'mongodb-uri' });
    expect(envRef(manifests, 'REDIS_URL')).toEqual({ name: 'survey-db', key: 'redis-url' });
    expect(all(manifests, 'Secret')).toEqual([]);
    expect(podOf(manifests).pod.metadata.annotations).not.toHaveProperty('checksum/secret');
  });

  it('asks Reloader to roll the pods when it changes, naming it once (item 6)', () => {
    expect(podOf(manifests).deployment.metadata.annotations).toEqual({
      'secret.reloader.stakater.com/reload': 'survey-db',
    });
  });

  it("reads REPORTS_API_KEYS from a Secret too, the chart's or yours", () => {
    const own = helmTemplate(helm, ...REQUIRED, 'reports.apiKeyDigests=abc123');
    expect(envRef(own, 'REPORTS_API_KEYS')).toEqual({
      name: podOf(own).deployment.metadata.name,
      key: 'reports-api-keys',
    });
    expect(secretValue(own, envRef(own, 'REPORTS_API_KEYS'))).toBe('abc123');
    const yours = helmTemplate(helm, ...REQUIRED, 'reports.existingSecret=report-keys');
    expect(envRef(yours, 'REPORTS_API_KEYS')).toEqual({
      name: 'report-keys',
      key: 'reports-api-keys',
    });
  });
});

describe('scoped API keys (API_KEYS, issue 37)', () => {
  const digest = 'a'.repeat(64);

  it("reads API_KEYS from a Secret, the chart's or yours, and has Reloader watch yours", () => {
    const entries = `${digest}:reports:read+webhooks:manage`;
    const own = helmTemplate(helm, ...REQUIRED, `apiKeys.entries=${entries}`);
    expect(envRef(own, 'API_KEYS')).toEqual({
      name: podOf(own).deployment.metadata.name,
      key: 'api-keys',
    });
    expect(secretValue(own, envRef(own, 'API_KEYS'))).toBe(entries);
    const yours = helmTemplate(
      helm,
      ...REQUIRED,
      'apiKeys.existingSecret=scoped-keys',
      'reloader.enabled=true',
    );
    expect(envRef(yours, 'API_KEYS')).toEqual({ name: 'scoped-keys', key: 'api-keys' });
    expect(podOf(yours).deployment.metadata.annotations).toEqual({
      'secret.reloader.stakater.com/reload': 'scoped-keys',
    });
    expect(envRef(helmTemplate(helm, ...REQUIRED), 'API_KEYS')).toBeUndefined();
  });

  it('accepts every scope the app knows', () => {
    const entries = SCOPES.map((scope, i) => `${String(i).repeat(64)}:${scope}`).join('\\,');
    const manifests = helmTemplate(helm, ...REQUIRED, `apiKeys.entries=${entries}`);
    expect(secretValue(manifests, envRef(manifests, 'API_KEYS'))?.split(',')).toHaveLength(
      SCOPES.length,
    );
  });

  it.each([
    ['an unknown scope', `${digest}:reports:write`, 1],
    ['no scope', digest, 1],
    ['a key instead of its digest', `${digest}:reports:read\\,my-key:reports:read`, 2],
  ])('refuses %s, naming the entry (the app would crash-loop)', (_, entries, entry) => {
    expect(helmTemplateError(helm, ...REQUIRED, `apiKeys.entries=${entries}`)).toContain(
      `apiKeys.entries: entry ${entry} is not <SHA-256 digest>:<scope>+<scope> (scopes: ${SCOPES.join(', ')};`,
    );
  });
});

describe('values that would put a secret in the ConfigMap (item 2)', () => {
  it.each([
    ['REDIS_URL', 'redis.url or redis.existingSecret'],
    ['MONGODB_URI', 'mongodb.uri or mongodb.existingSecret'],
    ['REPORTS_API_KEYS', 'reports.apiKeyDigests or reports.existingSecret'],
    ['API_KEYS', 'apiKeys.entries or apiKeys.existingSecret'],
  ])('refuses config.%s, pointing at %s', (key, how) => {
    expect(helmTemplateError(helm, ...REQUIRED, `config.${key}=x`)).toContain(
      `config.${key} is not allowed: a ConfigMap is readable by anyone who may read the namespace's config; set ${how} (kept in a Secret)`,
    );
  });
});

describe('TRUST_PROXY and the Ingress (item 10)', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = helmTemplate(helm, ...REQUIRED, 'ingress.enabled=true', 'ingress.className=nginx');
  });

  it("trusts one hop, the ingress controller, with the chart's Ingress", () => {
    expect(configOf(manifests).TRUST_PROXY).toBe('1');
  });

  it('routes the Ingress to the main Service, which does not carry the metrics port (item 11)', () => {
    const ingress = only(manifests, 'Ingress');
    const service = mainService(manifests);
    const { container } = podOf(manifests);
    const backends = ingress.spec.rules.flatMap((rule) => rule.http.paths.map((p) => p.backend));
    expect(backends).toEqual([
      { service: { name: service.metadata.name, port: { name: 'http' } } },
    ]);
    expect(service.spec.ports.map((port) => port.name)).toEqual(['http']);
    expect(service.spec.ports.map((port) => portNumber(container, port.targetPort))).toEqual([
      Number(configOf(manifests).PORT),
    ]);
  });

  it('takes trustProxy over the default (a cloud load balancer in front of the ingress: 2 hops)', () => {
    const lb = helmTemplate(helm, ...REQUIRED, 'ingress.enabled=true', 'trustProxy=2');
    expect(configOf(lb).TRUST_PROXY).toBe('2');
  });

  it('refuses config.TRUST_PROXY, which would compete with trustProxy', () => {
    expect(helmTemplateError(helm, ...REQUIRED, 'config.TRUST_PROXY=1')).toContain(
      'config.TRUST_PROXY is not allowed: set trustProxy',
    );
  });
});

describe('with a ServiceMonitor (item 11)', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = helmTemplate(helm, ...REQUIRED, 'metrics.serviceMonitor.enabled=true');
  });

  it("scrapes /metrics on the pods' metrics port, through a metrics Service of its own", () => {
    const monitor = only(manifests, 'ServiceMonitor');
    const { pod, container } = podOf(manifests);
    const metricsPort = Number(configOf(manifests).METRICS_PORT);
    const services = all(manifests, 'Service') as Kinds['Service'][];
    const scraped = services.filter((service) =>
      selects(monitor.spec.selector.matchLabels, service.metadata.labels ?? {}),
    );
    expect(scraped).toHaveLength(1);
    const [metricsService] = scraped;
    expect(metricsService.metadata.name).not.toBe(mainService(manifests).metadata.name);
    expect(metricsService.spec.type).toBe('ClusterIP');
    expect(selects(metricsService.spec.selector, pod.metadata.labels)).toBe(true);
    expect(metricsService.spec.ports).toHaveLength(1);
    expect(portNumber(container, metricsService.spec.ports[0].targetPort)).toBe(metricsPort);
    expect(monitor.spec.endpoints).toEqual([
      expect.objectContaining({ port: metricsService.spec.ports[0].name, path: '/metrics' }),
    ]);
  });

  it('keeps the metrics port off the Service that ingress traffic reaches', () => {
    const { container } = podOf(manifests);
    expect(
      mainService(manifests).spec.ports.map((port) => portNumber(container, port.targetPort)),
    ).toEqual([Number(configOf(manifests).PORT)]);
  });
});

describe('the termination grace period against the effective shutdown settings (item 1)', () => {
  const refusal =
    /terminationGracePeriodSeconds must be greater than preStopSleepSeconds \+ \(config.SHUTDOWN_DELAY_MS \+ config.SHUTDOWN_GRACE_MS\) \/ 1000 = (\d+)/;

  it('counts a removed SHUTDOWN_GRACE_MS with the app default (10 s), and writes it out', () => {
    expect(appDefaults.SHUTDOWN_GRACE_MS).toBe(10000);
    // 5 (preStop) + 0 + 10 = 15: a grace of 15 s is refused, 16 s renders.
    const error = helmTemplateError(
      helm,
      ...REQUIRED,
      'config.SHUTDOWN_GRACE_MS=null',
      'terminationGracePeriodSeconds=15',
    );
    expect(error).toMatch(refusal);
    expect(refusal.exec(error ?? '')?.[1]).toBe('15');
    const manifests = helmTemplate(
      helm,
      ...REQUIRED,
      'config.SHUTDOWN_GRACE_MS=null',
      'terminationGracePeriodSeconds=16',
    );
    expect(configOf(manifests).SHUTDOWN_GRACE_MS).toBe(String(appDefaults.SHUTDOWN_GRACE_MS));
  });

  it('holds with no config at all: the app defaults for every key', () => {
    const manifests = helmTemplate(helm, ...REQUIRED, 'config=null');
    expect(configOf(manifests)).toMatchObject({
      SHUTDOWN_DELAY_MS: String(appDefaults.SHUTDOWN_DELAY_MS),
      SHUTDOWN_GRACE_MS: String(appDefaults.SHUTDOWN_GRACE_MS),
    });
    expect(configOf(manifests)).not.toHaveProperty('RATE_LIMIT_MAX');
    expect(
      helmTemplateError(helm, ...REQUIRED, 'config=null', 'terminationGracePeriodSeconds=15'),
    ).toMatch(refusal);
  });

  it('refuses a grace that a longer delay, drain or pause would overrun', () => {
    // 30 s: enough for 5 + 0 + 10 (the defaults), not for 5 + 16 + 10.
    expect(helmTemplateError(helm, ...REQUIRED, 'config.SHUTDOWN_DELAY_MS=16000')).toMatch(refusal);
    expect(helmTemplateError(helm, ...REQUIRED, 'config.SHUTDOWN_GRACE_MS=30000')).toMatch(refusal);
    expect(helmTemplateError(helm, ...REQUIRED, 'preStopSleepSeconds=20')).toMatch(refusal);
    expect(helmTemplateError(helm, ...REQUIRED, 'terminationGracePeriodSeconds=5')).toMatch(
      refusal,
    );
    expect(helmTemplateError(helm, ...REQUIRED, 'config.SHUTDOWN_DELAY_MS=14000')).toBeUndefined();
  });

  it('renders no preStop hook when preStopSleepSeconds is 0', () => {
    const { container } = podOf(helmTemplate(helm, ...REQUIRED, 'preStopSleepSeconds=0'));
    expect(container.lifecycle).toBeUndefined();
  });
});

describe('the heap cap follows the memory limit (item 8)', () => {
  it('is half of a 1Gi limit', () => {
    const manifests = helmTemplate(helm, ...REQUIRED, 'resources.limits.memory=1Gi');
    expect(configOf(manifests).NODE_OPTIONS).toBe(
      '--max-old-space-size=512 --max-semi-space-size=16',
    );
  });

  it('gives a small cap semi-spaces of an eighth of it', () => {
    const manifests = helmTemplate(helm, ...REQUIRED, 'resources.limits.memory=96Mi');
    expect(configOf(manifests).NODE_OPTIONS).toBe(
      '--max-old-space-size=48 --max-semi-space-size=6',
    );
  });

  it('is left to you when config.NODE_OPTIONS is set, and absent without a limit', () => {
    const yours = helmTemplate(helm, ...REQUIRED, 'config.NODE_OPTIONS=--max-old-space-size=100');
    expect(configOf(yours).NODE_OPTIONS).toBe('--max-old-space-size=100');
    const unlimited = helmTemplate(helm, ...REQUIRED, 'resources.limits.memory=null');
    expect(configOf(unlimited)).not.toHaveProperty('NODE_OPTIONS');
  });
});

describe('readiness settings that an election would defeat (item 9)', () => {
  it('are refused with the arithmetic', () => {
    expect(helmTemplateError(helm, ...REQUIRED, 'readinessProbe.failureThreshold=2')).toContain(
      'readinessProbe: (failureThreshold - 1) x periodSeconds = 5 s is shorter than readinessToleratedOutageSeconds (12 s): a database election would take every pod out of the Service at once',
    );
  });
});

it('refuses a metrics port equal to the app port', () => {
  expect(helmTemplateError(helm, ...REQUIRED, 'metrics.port=3000')).toContain(
    'metrics.port must differ from containerPort',
  );
});
