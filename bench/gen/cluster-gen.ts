/**
 * Deterministic generated clusters for benchmarks: namespaces, nodes, pods with realistic
 * labels (app/tier/team/env) and container ports (named `http`/`metrics`, numeric), and
 * NetworkPolicies mixing matchLabels, matchExpressions, namespace selectors, ipBlocks with
 * `except`, named and numeric ports, endPort ranges, ingress and egress.
 *
 * Guarantees: a pure function of (pods, policies, seed) through the seeded PRNG (`src/sim/prng.ts`);
 * records are built directly as model types (no loader); pod IPs are unique in 10.32.0.0/11,
 * node IPs in 192.168.0.0/16; every policy is valid for `compilePolicies`.
 */
import type {
  Cluster, ContainerPort, LabelSelector, LabelSelectorRequirement, Namespace, NetworkPolicy, Node, Pod,
  PolicyPeer, PolicyPort, PolicyRule, SourceRef,
} from '../../src/model/types.js';
import { Prng } from '../../src/sim/prng.js';

export interface ClusterShape {
  readonly pods: number;
  readonly policies: number;
  /** Pods per node (default 100). */
  readonly podsPerNode?: number;
  readonly seed?: number;
}

const SRC: SourceRef = { file: 'generated', line: 1 };
const TIERS = ['web', 'api', 'db', 'cache', 'worker'] as const;
const ENVS = ['prod', 'staging', 'dev'] as const;
const TEAMS = ['payments', 'search', 'identity', 'ads', 'infra', 'ml', 'mobile', 'data'] as const;

function pick<T>(rng: Prng, items: readonly T[]): T {
  return items[rng.nextInt(items.length)]!;
}

function podIp(i: number): string {
  const w = (10 << 24) | (32 << 16) | (i + 2);
  return `${(w >>> 24) & 255}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}`;
}

function nodeIp(i: number): string {
  return `192.168.${(i + 1) >>> 8}.${(i + 1) & 255}`;
}

function selector(matchLabels: Record<string, string>, matchExpressions: LabelSelectorRequirement[] = []): LabelSelector {
  return { matchLabels, matchExpressions };
}

export function namespaceCount(pods: number): number {
  return Math.max(2, Math.min(50, Math.round(pods / 100)));
}

export function generateCluster(shape: ClusterShape): Cluster {
  const rng = new Prng(shape.seed ?? 20240611);
  const nsCount = namespaceCount(shape.pods);
  const nodeCount = Math.max(2, Math.ceil(shape.pods / (shape.podsPerNode ?? 100)));
  const namespaces: Namespace[] = [];
  for (let n = 0; n < nsCount; n++) {
    const name = `ns-${n}`;
    namespaces.push({
      name,
      labels: { 'kubernetes.io/metadata.name': name, team: TEAMS[n % TEAMS.length]!, env: ENVS[n % ENVS.length]! },
      source: SRC,
    });
  }
  const nodes: Node[] = [];
  for (let i = 0; i < nodeCount; i++) nodes.push({ name: `node-${String(i).padStart(3, '0')}`, internalIPs: [nodeIp(i)], source: SRC });
  const appsPerNs = Math.max(2, Math.round(shape.pods / nsCount / 10));
  const pods: Pod[] = [];
  const podRng = rng.fork('pods');
  for (let i = 0; i < shape.pods; i++) {
    const ns = namespaces[i % nsCount]!;
    const app = `app-${podRng.nextInt(appsPerNs)}`;
    const labels: Record<string, string> = {
      app, tier: pick(podRng, TIERS), team: ns.labels.team!, env: pick(podRng, ENVS), version: `v${1 + podRng.nextInt(3)}`,
    };
    const ports: ContainerPort[] = [
      { name: 'http', containerPort: 80, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
    ];
    if (podRng.nextInt(4) === 0) ports.push({ name: 'dns', containerPort: 53, protocol: 'UDP' });
    pods.push({
      namespace: ns.name, name: `pod-${i}`, labels, nodeName: nodes[i % nodeCount]!.name,
      ips: [podIp(i)], ports, hostNetwork: false, source: SRC,
    });
  }
  const policies: NetworkPolicy[] = [];
  const polRng = rng.fork('policies');
  for (let p = 0; p < shape.policies; p++) {
    policies.push(generatePolicy(polRng, namespaces[p % nsCount]!.name, p, appsPerNs));
  }
  return { namespaces, nodes, pods, policies };
}

function targetSelector(rng: Prng, appsPerNs: number): LabelSelector {
  switch (rng.nextInt(4)) {
    case 0:
      return selector({ app: `app-${rng.nextInt(appsPerNs)}` });
    case 1:
      return selector({ tier: pick(rng, TIERS) }, [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }]);
    case 2:
      return selector({}, [
        { key: 'app', operator: 'In', values: [`app-${rng.nextInt(appsPerNs)}`, `app-${rng.nextInt(appsPerNs)}`] },
        { key: 'version', operator: 'NotIn', values: ['v1'] },
      ]);
    default:
      return selector({ app: `app-${rng.nextInt(appsPerNs)}`, tier: pick(rng, TIERS) });
  }
}

function peer(rng: Prng, appsPerNs: number): PolicyPeer {
  switch (rng.nextInt(6)) {
    case 0:
      return { kind: 'pods', podSelector: selector({ app: `app-${rng.nextInt(appsPerNs)}` }), source: SRC };
    case 1:
      return { kind: 'pods', podSelector: selector({ tier: pick(rng, TIERS) }, [{ key: 'team', operator: 'Exists', values: [] }]), source: SRC };
    case 2:
      return { kind: 'pods', namespaceSelector: selector({ team: pick(rng, TEAMS) }), source: SRC };
    case 3:
      return {
        kind: 'pods',
        namespaceSelector: selector({}, [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }]),
        podSelector: selector({ tier: pick(rng, TIERS) }, [{ key: 'version', operator: 'DoesNotExist', values: [] }, { key: 'env', operator: 'NotIn', values: ['dev'] }]),
        source: SRC,
      };
    case 4: {
      const second = rng.nextInt(64);
      return { kind: 'ipBlock', cidr: '10.32.0.0/11', except: [`10.32.${second}.0/24`, `10.33.${second}.0/24`], source: SRC };
    }
    default:
      return { kind: 'ipBlock', cidr: `172.${16 + rng.nextInt(16)}.0.0/16`, except: [], source: SRC };
  }
}

function port(rng: Prng): PolicyPort {
  switch (rng.nextInt(5)) {
    case 0:
      return { protocol: 'TCP', port: 'http', source: SRC };
    case 1:
      return { protocol: 'TCP', port: 'metrics', source: SRC };
    case 2:
      return { protocol: 'TCP', port: 80, source: SRC };
    case 3: {
      const low = 8000 + rng.nextInt(1000);
      return { protocol: 'TCP', port: low, endPort: low + 100 + rng.nextInt(400), source: SRC };
    }
    default:
      return { protocol: 'UDP', port: 53, source: SRC };
  }
}

function rule(rng: Prng, appsPerNs: number): PolicyRule {
  const peers: PolicyPeer[] = [];
  const peerCount = 1 + rng.nextInt(3);
  for (let i = 0; i < peerCount; i++) peers.push(peer(rng, appsPerNs));
  const ports: PolicyPort[] = [];
  const portCount = rng.nextInt(3);
  for (let i = 0; i < portCount; i++) ports.push(port(rng));
  return { peers, ports, source: SRC };
}

function generatePolicy(rng: Prng, namespace: string, index: number, appsPerNs: number): NetworkPolicy {
  const withEgress = rng.nextInt(4) === 0;
  const ingress: PolicyRule[] = [];
  const ingressRules = 1 + rng.nextInt(3);
  for (let i = 0; i < ingressRules; i++) ingress.push(rule(rng, appsPerNs));
  const egress: PolicyRule[] = [];
  if (withEgress) {
    egress.push(rule(rng, appsPerNs));
    egress.push({ peers: [{ kind: 'pods', namespaceSelector: selector({}), source: SRC }], ports: [{ protocol: 'UDP', port: 53, source: SRC }], source: SRC });
  }
  return {
    namespace,
    name: `policy-${index}`,
    podSelector: targetSelector(rng, appsPerNs),
    policyTypes: withEgress ? ['Ingress', 'Egress'] : ['Ingress'],
    policyTypesExplicit: withEgress,
    ingress,
    egress,
    source: SRC,
    order: index,
  };
}
