/**
 * Deterministic generated manifests (YAML text, as `vrsim -f` reads them) for the CLI-level
 * reach measurements and the workers/shards tests: namespaces, pods of a few apps serving
 * TCP, UDP and SCTP ports (named and numeric), and per namespace a default-deny ingress with
 * the allows each app needs, one egress policy and a cross-namespace DNS allow.
 *
 * Guarantees: a pure function of (pods, seed): the same text for the same arguments; every
 * object is valid for the loader (pods are placed and addressed by the loader, no nodes given).
 */
import { Prng } from '../../src/sim/prng.js';

export interface ManifestShape {
  readonly pods: number;
  /** Pods per namespace (default 100). */
  readonly podsPerNamespace?: number;
  readonly seed?: number;
}

interface App {
  readonly name: string;
  readonly tier: string;
  readonly ports: readonly string[];
}

/** What each app serves (YAML lines of its container ports). */
const APPS: readonly App[] = [
  { name: 'web', tier: 'frontend', ports: ['{name: http, containerPort: 8080, protocol: TCP}'] },
  { name: 'api', tier: 'backend', ports: ['{name: grpc, containerPort: 9090, protocol: TCP}', '{name: metrics, containerPort: 9100, protocol: TCP}'] },
  { name: 'db', tier: 'data', ports: ['{containerPort: 5432, protocol: TCP}'] },
  { name: 'dns', tier: 'infra', ports: ['{name: dns, containerPort: 53, protocol: UDP}', '{name: dns-tcp, containerPort: 53, protocol: TCP}'] },
  { name: 'diameter', tier: 'backend', ports: ['{name: diameter, containerPort: 3868, protocol: SCTP}'] },
  { name: 'batch', tier: 'worker', ports: [] },
];

function namespaceYaml(ns: string, team: string): string {
  return `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels: {team: ${team}}\n`;
}

function podYaml(ns: string, name: string, app: App): string {
  const ports = app.ports.length === 0 ? '' : `    ports:\n${app.ports.map((p) => `    - ${p}\n`).join('')}`;
  return `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: {app: ${app.name}, tier: ${app.tier}}\nspec:\n  containers:\n  - name: main\n    image: example/${app.name}\n${ports}`;
}

function policiesYaml(ns: string, egressApp: string): string {
  const head = (name: string) => `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n`;
  return [
    `${head('default-deny')}  podSelector: {}\n  policyTypes: [Ingress]\n`,
    `${head('web-from-anywhere')}  podSelector:\n    matchLabels: {app: web}\n  ingress:\n  - ports:\n    - port: http\n`,
    `${head('api-from-frontend')}  podSelector:\n    matchLabels: {app: api}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: {tier: frontend}\n    ports:\n    - port: grpc\n  - from:\n    - namespaceSelector:\n        matchLabels: {team: sre}\n    ports:\n    - port: metrics\n`,
    `${head('db-from-api')}  podSelector:\n    matchLabels: {app: db}\n  ingress:\n  - from:\n    - podSelector:\n        matchExpressions:\n        - {key: app, operator: In, values: [api, batch]}\n    ports:\n    - protocol: TCP\n      port: 5432\n`,
    `${head('dns-from-everywhere')}  podSelector:\n    matchLabels: {app: dns}\n  ingress:\n  - from:\n    - namespaceSelector: {}\n    ports:\n    - {protocol: UDP, port: 53}\n    - {protocol: TCP, port: dns-tcp}\n`,
    `${head('diameter-from-backend')}  podSelector:\n    matchLabels: {app: diameter}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: {tier: backend}\n    ports:\n    - {protocol: SCTP, port: 3868}\n`,
    `${head(`${egressApp}-egress`)}  podSelector:\n    matchLabels: {app: ${egressApp}}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector: {}\n    ports:\n    - {protocol: TCP, port: 5432}\n    - {protocol: UDP, port: 53}\n`,
  ].join('');
}

export function generateManifests(shape: ManifestShape): string {
  const rng = new Prng(shape.seed ?? 1);
  const perNs = shape.podsPerNamespace ?? 100;
  const namespaces = Math.max(1, Math.ceil(shape.pods / perNs));
  const teams = ['shop', 'payments', 'sre', 'search'];
  const out: string[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    out.push(namespaceYaml(ns, teams[n % teams.length]!));
    out.push(policiesYaml(ns, n % 2 === 0 ? 'batch' : 'web'));
  }
  for (let i = 0; i < shape.pods; i++) {
    const app = APPS[rng.nextInt(APPS.length)]!;
    out.push(podYaml(`ns-${i % namespaces}`, `${app.name}-${i}`, app));
  }
  return out.join('');
}

export interface WorkloadShape {
  readonly workloads: number;
  readonly replicas: number;
  /** Workloads per namespace (default 10). */
  readonly workloadsPerNamespace?: number;
  readonly seed?: number;
}

function deploymentYaml(ns: string, name: string, app: App, replicas: number): string {
  const ports = app.ports.length === 0 ? '' : `        ports:\n${app.ports.map((p) => `        - ${p}\n`).join('')}`;
  return `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {workload: ${name}}\n  template:\n    metadata:\n      labels: {app: ${app.name}, tier: ${app.tier}, workload: ${name}}\n    spec:\n      containers:\n      - name: main\n        image: example/${app.name}\n${ports}`;
}

/** Deployments of `replicas` pods each (the loader expands them), with the same policies per namespace as `generateManifests`. */
export function generateWorkloadManifests(shape: WorkloadShape): string {
  const rng = new Prng(shape.seed ?? 1);
  const perNs = shape.workloadsPerNamespace ?? 10;
  const namespaces = Math.max(1, Math.ceil(shape.workloads / perNs));
  const teams = ['shop', 'payments', 'sre', 'search'];
  const out: string[] = [];
  for (let n = 0; n < namespaces; n++) {
    out.push(namespaceYaml(`ns-${n}`, teams[n % teams.length]!));
    out.push(policiesYaml(`ns-${n}`, n % 2 === 0 ? 'batch' : 'web'));
  }
  for (let i = 0; i < shape.workloads; i++) {
    const app = APPS[rng.nextInt(APPS.length)]!;
    out.push(deploymentYaml(`ns-${i % namespaces}`, `${app.name}-${i}`, app, shape.replicas));
  }
  return out.join('');
}
