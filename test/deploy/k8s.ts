import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { root } from './tools';

/** The parts of the rendered Kubernetes objects that the deploy specs look at. */
export type Labels = Record<string, string>;

export interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Labels; annotations?: Labels };
}

interface Probe {
  httpGet: { path: string; port: string | number };
  periodSeconds?: number;
  failureThreshold?: number;
  timeoutSeconds?: number;
}

export interface Container {
  ports: { name: string; containerPort: number }[];
  livenessProbe: Probe;
  readinessProbe: Probe;
  startupProbe?: Probe;
  resources: { requests?: Labels; limits?: Labels };
  securityContext: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
  };
  env: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
  envFrom: { configMapRef?: { name: string } }[];
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
}

interface Deployment extends Manifest {
  spec: {
    replicas?: number;
    selector: { matchLabels: Labels };
    template: {
      metadata: { labels: Labels; annotations: Labels };
      spec: {
        terminationGracePeriodSeconds: number;
        securityContext: { runAsNonRoot?: boolean; runAsUser?: number };
        containers: Container[];
        topologySpreadConstraints?: {
          maxSkew: number;
          topologyKey: string;
          whenUnsatisfiable: string;
          labelSelector: { matchLabels: Labels };
        }[];
      };
    };
  };
}

export interface Kinds {
  Deployment: Deployment;
  Service: Manifest & {
    spec: {
      type?: string;
      selector: Labels;
      ports: { name: string; port: number; targetPort: string | number }[];
    };
  };
  ConfigMap: Manifest & { data: Labels };
  Secret: Manifest & { data: Labels };
  HorizontalPodAutoscaler: Manifest & {
    spec: {
      scaleTargetRef: { kind: string; name: string };
      minReplicas: number;
      maxReplicas: number;
      metrics: { resource: { name: string; target: { averageUtilization: number } } }[];
    };
  };
  PodDisruptionBudget: Manifest & {
    spec: { minAvailable: number; selector: { matchLabels: Labels } };
  };
  ServiceMonitor: Manifest & {
    spec: { selector: { matchLabels: Labels }; endpoints: { port: string; path: string }[] };
  };
  Ingress: Manifest & {
    spec: {
      rules: {
        host: string;
        http: {
          paths: {
            path: string;
            backend: { service: { name: string; port: { name?: string; number?: number } } };
          }[];
        };
      }[];
    };
  };
}

export const chartDir = join(root, 'charts', 'livechat-survey');

/**
 * The least an install needs: the chart has no MongoDB URI of its own, and its default of 2-10
 * replicas needs Redis for shared rate limits.
 */
export const REQUIRED = [
  'mongodb.uri=mongodb://mongo-0.mongo:27017/livechat?replicaSet=rs0',
  'redis.url=redis://:s3cret-pw@redis.example.com:6379',
];

/** `helm template` of the chart with `--set` overrides, as parsed objects. */
export function helmTemplate(helm: string, ...sets: string[]): Manifest[] {
  const args = ['template', 'demo', chartDir, ...sets.flatMap((set) => ['--set', set])];
  const documents = parseAllDocuments(
    execFileSync(helm, args, { encoding: 'utf8', stdio: 'pipe' }),
  );
  return Array.from(documents, (document) => {
    expect(document.errors).toEqual([]);
    return document.toJS() as Manifest;
  }).filter((manifest) => manifest !== null);
}

export function all(manifests: Manifest[], kind: keyof Kinds): Manifest[] {
  return manifests.filter((manifest) => manifest.kind === kind);
}

export function only<K extends keyof Kinds>(manifests: Manifest[], kind: K): Kinds[K] {
  const found = all(manifests, kind);
  expect(found).toHaveLength(1);
  return found[0] as Kinds[K];
}

/** The container port a probe or Service names, by name or number. */
export function portNumber(container: Container, port: string | number): number | undefined {
  return typeof port === 'number'
    ? port
    : container.ports.find((p) => p.name === port)?.containerPort;
}

/** A selector picks a set of labels when it is not empty and every entry matches. */
export function selects(selector: Labels, labels: Labels): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/** What `helm template` printed on failing (its stderr), or undefined when it rendered. */
export function helmTemplateError(helm: string, ...sets: string[]): string | undefined {
  try {
    helmTemplate(helm, ...sets);
    return undefined;
  } catch (error) {
    return String((error as { stderr?: unknown }).stderr ?? error);
  }
}

/** A Kubernetes memory quantity (256Mi, 1Gi, 300M) in bytes. */
export function memoryBytes(quantity: string): number {
  const units: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    k: 1e3,
    M: 1e6,
    G: 1e9,
  };
  const [, number, unit] = /^([\d.]+)([A-Za-z]*)$/.exec(quantity) ?? [];
  return Number(number) * (unit ? units[unit] : 1);
}
