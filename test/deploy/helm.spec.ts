import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  all,
  chartDir,
  helmTemplate,
  only,
  portNumber,
  selects,
  type Kinds,
  type Manifest,
} from './k8s';
import { buildTool, TOOL_BUILD_TIMEOUT_MS } from './tools';

let helm: string;

beforeAll(() => {
  helm = buildTool('helm-build.sh');
}, TOOL_BUILD_TIMEOUT_MS);

function podOf(manifests: Manifest[]) {
  const deployment = only(manifests, 'Deployment');
  const [container] = deployment.spec.template.spec.containers;
  return { deployment, pod: deployment.spec.template, container };
}

function mongodbUriRef(manifests: Manifest[]) {
  const { container } = podOf(manifests);
  return container.env.find((variable) => variable.name === 'MONGODB_URI')?.valueFrom?.secretKeyRef;
}

it('passes helm lint --strict', () => {
  const output = execFileSync(helm, ['lint', '--strict', chartDir], { encoding: 'utf8' });
  expect(output).toContain('1 chart(s) linted, 0 chart(s) failed');
});

describe('with default values', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = helmTemplate(helm);
  });

  it('probes /health/live and /health/ready on the port the app listens on', () => {
    const { container } = podOf(manifests);
    const port = Number(only(manifests, 'ConfigMap').data.PORT);
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(portNumber(container, container.livenessProbe.httpGet.port)).toBe(port);
    expect(portNumber(container, container.readinessProbe.httpGet.port)).toBe(port);
  });

  it('sets CPU and memory requests and limits', () => {
    const { resources } = podOf(manifests).container;
    for (const bound of [resources.requests, resources.limits]) {
      expect(bound).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    }
  });

  it("reads MONGODB_URI from the chart's own Secret, and the rest from the ConfigMap", () => {
    const secret = only(manifests, 'Secret');
    const configMap = only(manifests, 'ConfigMap');
    const ref = mongodbUriRef(manifests);
    expect(ref?.name).toBe(secret.metadata.name);
    expect(Buffer.from(secret.data[ref?.key ?? ''], 'base64').toString()).toMatch(/^mongodb:\/\//);
    expect(configMap.data).not.toHaveProperty('MONGODB_URI');
    expect(configMap.data.NODE_ENV).toBe('production');
    expect(podOf(manifests).container.envFrom).toContainEqual({
      configMapRef: { name: configMap.metadata.name },
    });
  });

  it('rolls the pods when the ConfigMap or the Secret changes', () => {
    const annotations = podOf(manifests).pod.metadata.annotations;
    expect(annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    expect(annotations['checksum/secret']).toMatch(/^[0-9a-f]{64}$/);
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

  it('gives the app longer than SHUTDOWN_GRACE_MS to drain before it is killed', () => {
    const graceMs = Number(only(manifests, 'ConfigMap').data.SHUTDOWN_GRACE_MS);
    expect(podOf(manifests).pod.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(graceMs);
  });

  it('pauses in preStop before SIGTERM, and the grace period covers pause, delay and drain', () => {
    const { pod, container } = podOf(manifests);
    expect(container.lifecycle?.preStop?.exec?.command).toEqual(['sleep', '5']);
    const config = only(manifests, 'ConfigMap').data;
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

  it("keeps one pod through voluntary disruptions, selecting the Deployment's pods", () => {
    const pdb = only(manifests, 'PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(selects(pdb.spec.selector.matchLabels, podOf(manifests).pod.metadata.labels)).toBe(true);
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

  it('serves metrics on a container port of their own, which the Service does not route to', () => {
    const { container } = podOf(manifests);
    const data = only(manifests, 'ConfigMap').data;
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
      'prometheus.io/port': only(manifests, 'ConfigMap').data.METRICS_PORT,
      'prometheus.io/path': '/metrics',
    });
  });
});

describe('with a ServiceMonitor and an existing Secret', () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = helmTemplate(
      helm,
      'metrics.serviceMonitor.enabled=true',
      'mongodb.existingSecret=mine',
    );
  });

  it("scrapes /metrics on the pods' metrics port, through a metrics Service of its own", () => {
    const monitor = only(manifests, 'ServiceMonitor');
    const { pod, container } = podOf(manifests);
    const metricsPort = Number(only(manifests, 'ConfigMap').data.METRICS_PORT);
    const services = all(manifests, 'Service') as Kinds['Service'][];
    const scraped = services.filter((service) =>
      selects(monitor.spec.selector.matchLabels, service.metadata.labels ?? {}),
    );
    expect(scraped).toHaveLength(1);
    const [metricsService] = scraped;
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
    const data = only(manifests, 'ConfigMap').data;
    const main = (all(manifests, 'Service') as Kinds['Service'][]).find(
      (service) => service.metadata.name === podOf(manifests).deployment.metadata.name,
    );
    expect(main?.spec.ports.map((port) => portNumber(container, port.targetPort))).toEqual([
      Number(data.PORT),
    ]);
  });

  it('reads MONGODB_URI from that Secret and makes none of its own', () => {
    expect(mongodbUriRef(manifests)).toEqual({ name: 'mine', key: 'mongodb-uri' });
    expect(all(manifests, 'Secret')).toEqual([]);
    expect(podOf(manifests).pod.metadata.annotations).not.toHaveProperty('checksum/secret');
  });
});

it('sets a fixed replica count when autoscaling is off', () => {
  const manifests = helmTemplate(helm, 'autoscaling.enabled=false');
  expect(podOf(manifests).deployment.spec.replicas).toBe(2);
  expect(all(manifests, 'HorizontalPodAutoscaler')).toEqual([]);
});

it('renders no preStop hook when preStopSleepSeconds is 0', () => {
  const { container } = podOf(helmTemplate(helm, 'preStopSleepSeconds=0'));
  expect(container.lifecycle).toBeUndefined();
});

it('refuses a grace period that the preStop pause and SHUTDOWN_DELAY_MS would overrun', () => {
  // 30 s: enough for 5 + 0 + 10 (the defaults), not for 5 + 16 + 10.
  expect(() => helmTemplate(helm, 'config.SHUTDOWN_DELAY_MS=16000')).toThrow(
    /terminationGracePeriodSeconds must be greater than preStopSleepSeconds/,
  );
  expect(() => helmTemplate(helm, 'preStopSleepSeconds=20')).toThrow(
    /terminationGracePeriodSeconds must be greater than preStopSleepSeconds/,
  );
  expect(() => helmTemplate(helm, 'config.SHUTDOWN_DELAY_MS=14000')).not.toThrow();
});

it('refuses a metrics port equal to the app port', () => {
  expect(() => helmTemplate(helm, 'metrics.port=3000')).toThrow(
    /metrics.port must differ from containerPort/,
  );
});

it('refuses a termination grace period shorter than the app shutdown grace', () => {
  expect(() => helmTemplate(helm, 'terminationGracePeriodSeconds=5')).toThrow(
    /terminationGracePeriodSeconds must be greater than/,
  );
});
