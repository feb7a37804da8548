/**
 * Reads ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2; v1beta1 has the same schema
 * and is read alike) and the deprecated v1alpha1 AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy into `ClusterNetworkPolicy` records.
 *
 * Guarantees, as the API server validates (config/crd/experimental/
 * policy.networking.k8s.io_clusternetworkpolicies.yaml, bundle v0.2.0): `spec.tier` (Admin or
 * Baseline), `spec.priority` (0-1000) and `spec.subject` are required; at most 25 ingress and
 * 25 egress rules. An AdminNetworkPolicy becomes the Admin tier with its priority (0-1000,
 * at most 100 rules per direction), the BaselineAdminNetworkPolicy (whose name must be
 * `default`) the Baseline tier at priority 0; each gets one warning saying so. The experimental
 * channel's fields (nodes, domainNames, destinationNamedPort) are accepted.
 */
import type { ClusterNetworkPolicy, CnpKind, CnpTier } from './cluster-network-policy.js';
import { childPath, field, missing, readInteger, readMap, readString, report, warnUnknownFields, type MapView } from './field-reader.js';
import { readObjectMeta } from './read-metadata.js';
import { readSubject } from './read-cluster-network-policy-peers.js';
import { ANP_RULES, BANP_RULES, readCnpRules, V1ALPHA2_RULES, type RuleFlavour } from './read-cluster-network-policy-rules.js';

const TIERS: readonly CnpTier[] = ['Admin', 'Baseline'];
const PRIORITY_MAX = 1000;

interface KindRules {
  readonly specFields: readonly string[];
  readonly flavour: RuleFlavour;
  readonly ruleLimit: number;
}

const KIND_RULES: Readonly<Record<CnpKind, KindRules>> = {
  ClusterNetworkPolicy: { specFields: ['tier', 'priority', 'subject', 'ingress', 'egress'], flavour: V1ALPHA2_RULES, ruleLimit: 25 },
  AdminNetworkPolicy: { specFields: ['priority', 'subject', 'ingress', 'egress'], flavour: ANP_RULES, ruleLimit: 100 },
  BaselineAdminNetworkPolicy: { specFields: ['subject', 'ingress', 'egress'], flavour: BANP_RULES, ruleLimit: 100 },
};

export function readClusterNetworkPolicy(object: MapView, kind: CnpKind): ClusterNetworkPolicy | undefined {
  const meta = readObjectMeta(object, 'dns1123-subdomain');
  const spec = readMap(object, 'spec');
  if (spec === undefined) {
    if (field(object, 'spec') === undefined) missing(object, 'spec', `a ${kind} spec with at least ${kind === 'ClusterNetworkPolicy' ? 'tier, priority and subject' : 'subject'}`);
    return undefined;
  }
  const rules = KIND_RULES[kind];
  warnUnknownFields(spec, rules.specFields);
  const tier = kind === 'ClusterNetworkPolicy' ? readTier(spec) : kind === 'AdminNetworkPolicy' ? 'Admin' : 'Baseline';
  const priority = kind === 'BaselineAdminNetworkPolicy' ? 0 : readPriority(spec);
  const subject = readSubject(spec);
  const ingress = readCnpRules(spec, 'ingress', rules.flavour, rules.ruleLimit);
  const egress = readCnpRules(spec, 'egress', rules.flavour, rules.ruleLimit);
  if (meta === undefined || tier === undefined || priority === undefined || subject === undefined) return undefined;
  if (kind === 'BaselineAdminNetworkPolicy' && meta.name !== 'default') {
    const nameLine = field(readMap(object, 'metadata') ?? object, 'name')?.line ?? object.line;
    report(object.ctx, 'error', nameLine, 'metadata.name', `"${meta.name}": only one baseline admin network policy with metadata.name="default" can be created in the cluster`);
    return undefined;
  }
  const source = { file: object.ctx.file, line: object.line };
  if (kind !== 'ClusterNetworkPolicy') {
    const became = kind === 'AdminNetworkPolicy' ? `tier Admin, priority ${priority}` : 'tier Baseline';
    report(object.ctx, 'warning', object.line, '',
      `${kind} ${meta.name} (policy.networking.k8s.io/v1alpha1) is deprecated: network-policy-api v0.2.0 replaced it with ClusterNetworkPolicy; loaded as a ClusterNetworkPolicy of ${became} (Allow read as Accept)`);
  }
  return { name: meta.name, origin: kind, tier, priority, subject, ingress, egress, source };
}

function readTier(spec: MapView): CnpTier | undefined {
  const text = readString(spec, 'tier');
  if (field(spec, 'tier') === undefined) {
    missing(spec, 'tier', 'Admin or Baseline');
    return undefined;
  }
  const tier = TIERS.find((t) => t === text);
  if (text !== undefined && tier === undefined) {
    report(spec.ctx, 'error', field(spec, 'tier')?.line ?? spec.line, childPath(spec.path, 'tier'), `"${text}" is not a valid tier: expected Admin or Baseline`);
  }
  return tier;
}

function readPriority(spec: MapView): number | undefined {
  const value = readInteger(spec, 'priority');
  if (field(spec, 'priority') === undefined) {
    missing(spec, 'priority', `an integer 0-${PRIORITY_MAX} (lower is evaluated first)`);
    return undefined;
  }
  if (value !== undefined && (value < 0 || value > PRIORITY_MAX)) {
    report(spec.ctx, 'error', field(spec, 'priority')?.line ?? spec.line, childPath(spec.path, 'priority'), `${value} is out of range: expected 0-${PRIORITY_MAX}`);
    return undefined;
  }
  return value;
}
