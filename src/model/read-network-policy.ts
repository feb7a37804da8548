/**
 * Reads a NetworkPolicy (networking.k8s.io/v1) into the typed record of `types.ts`.
 *
 * `policyTypes` defaulting follows the API server (SetDefaults_NetworkPolicySpec): when
 * `spec.policyTypes` is absent or empty, the policy is Ingress, plus Egress when `spec.egress`
 * holds at least one rule. An empty `egress:` therefore does NOT make a policy egress-isolating
 * — the book's `policy2-tryout` lesson — and vrsim warns when that is probably a mistake, and
 * when written rules are ignored because their type is not listed. Unknown fields under `spec`
 * (and its rules, peers, ports) are warnings with a suggestion (`spec.engress` → `spec.egress`).
 */
import type { LabelSelector, NetworkPolicy, PolicyRule, PolicyType } from './types.js';
import { childPath, field, hasKey, keyLine, missing, readMap, readMapList, readStringList, report, warnUnknownFields, type MapView } from './field-reader.js';
import { readObjectMeta } from './read-metadata.js';
import { quote } from './quote.js';
import { readSelector } from './read-selector.js';
import { readPolicyRule } from './read-policy-rule.js';

const SPEC_FIELDS = ['podSelector', 'policyTypes', 'ingress', 'egress'] as const;
const POLICY_TYPES: readonly PolicyType[] = ['Ingress', 'Egress'];
const SELECT_ALL: LabelSelector = { matchLabels: {}, matchExpressions: [] };

/** The API server's defaulting of `policyTypes` (exported for tests and the policy layer). */
export function defaultPolicyTypes(egressRuleCount: number): PolicyType[] {
  return egressRuleCount > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

export function readNetworkPolicy(object: MapView): NetworkPolicy | undefined {
  const meta = readObjectMeta(object, 'dns1123-subdomain');
  const spec = readMap(object, 'spec');
  if (spec === undefined) {
    if (field(object, 'spec') === undefined) missing(object, 'spec', 'a NetworkPolicy spec with at least podSelector');
    return undefined;
  }
  warnUnknownFields(spec, SPEC_FIELDS);
  const podSelector = readSelector(spec, 'podSelector');
  if (field(spec, 'podSelector') === undefined) missing(spec, 'podSelector', 'a label selector ({} selects every pod of the namespace)');

  const ingress = readRules(spec, 'ingress');
  const egress = readRules(spec, 'egress');
  const written = readStringList(spec, 'policyTypes');
  const types: PolicyType[] = [];
  if (written !== undefined && written.length > POLICY_TYPES.length) {
    // ValidateNetworkPolicySpec: more entries than there are types is refused outright.
    report(spec.ctx, 'error', keyLine(spec, 'policyTypes'), childPath(spec.path, 'policyTypes'), `may not specify more than two policyTypes (got ${written.length})`);
  }
  for (const w of written ?? []) {
    const type = POLICY_TYPES.find((t) => t === w.value);
    if (type === undefined) report(spec.ctx, 'error', w.line, w.path, `${quote(w.value)} is not a valid policy type: expected Ingress or Egress`);
    else if (!types.includes(type)) types.push(type);
    // The API server accepts [Ingress, Ingress] (two entries, both valid); it means [Ingress].
    else if (written !== undefined && written.length <= POLICY_TYPES.length) report(spec.ctx, 'warning', w.line, w.path, `${type} is listed twice; it counts once`);
  }
  const explicit = written !== undefined && written.length > 0;
  const policyTypes = explicit ? POLICY_TYPES.filter((t) => types.includes(t)) : defaultPolicyTypes(egress.length);
  warnIgnoredRules(spec, explicit, policyTypes, ingress.length, egress.length);

  if (meta === undefined || podSelector === undefined) return undefined;
  return {
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    podSelector: podSelector ?? SELECT_ALL,
    policyTypes,
    policyTypesExplicit: explicit,
    ingress,
    egress,
    source: { file: object.ctx.file, line: object.line },
    ...(meta.createdAtMs === undefined ? {} : { createdAtMs: meta.createdAtMs }),
  };
}

function readRules(spec: MapView, direction: 'ingress' | 'egress'): PolicyRule[] {
  return (readMapList(spec, direction) ?? []).map(({ item }) => readPolicyRule(item, direction));
}

function warnIgnoredRules(spec: MapView, explicit: boolean, types: readonly PolicyType[], ingressCount: number, egressCount: number): void {
  const line = (key: string): number => keyLine(spec, key);
  if (explicit && ingressCount > 0 && !types.includes('Ingress')) {
    report(spec.ctx, 'warning', line('ingress'), childPath(spec.path, 'ingress'), 'these rules are ignored because spec.policyTypes does not include Ingress');
  }
  if (explicit && egressCount > 0 && !types.includes('Egress')) {
    report(spec.ctx, 'warning', line('egress'), childPath(spec.path, 'egress'), 'these rules are ignored because spec.policyTypes does not include Egress');
  }
  if (!explicit && egressCount === 0 && hasKey(spec, 'egress')) {
    report(spec.ctx, 'warning', line('egress'), childPath(spec.path, 'egress'),
      'an empty egress list without spec.policyTypes does not isolate egress; write policyTypes: [Ingress, Egress] to deny all egress');
  }
}
