/**
 * Creation order of NetworkPolicies, which numbers Contrail's firewall policies: from
 * `metadata.creationTimestamp` when every new policy has one (kubectl dumps list policies by
 * name, not by age), else load order; malformed timestamps are located errors.
 */
import { describe, expect, it } from 'vitest';
import { applyManifests } from '../../src/model/apply.js';
import { buildContrailView } from '../../src/policy/contrail-view.js';
import { errorLines, load } from './helpers.js';

function policy(name: string, created?: string): string {
  const stamp = created === undefined ? '' : `\n    creationTimestamp: ${created}`;
  return `  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: ${name}
      namespace: dev${stamp.replace('\n    ', '\n      ')}
    spec:
      podSelector: {matchLabels: {app: ${name}}}
`;
}

function list(...items: string[]): string {
  return `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;
}

function contrailOrder(text: string): string[] {
  return buildContrailView(load(text).cluster).firewallPolicies.filter((p) => p.role === 'network-policy').map((p) => `${p.sequence} ${p.name}`);
}

describe('policy creation order', () => {
  it.each([
    ['timestamps on every policy: oldest first, whatever the listing order',
      list(policy('a-web', '"2019-11-17T10:30:00Z"'), policy('b-db', '"2019-11-17T10:21:04Z"')),
      ['00038.0 k8s-dev-b-db', '00040.0 k8s-dev-a-web']],
    ['equal timestamps keep the listing order',
      list(policy('b-db', '"2019-11-17T10:21:04Z"'), policy('a-web', '"2019-11-17T10:21:04Z"')),
      ['00038.0 k8s-dev-b-db', '00040.0 k8s-dev-a-web']],
    ['offsets and fractions are honoured (10:25+01:00 is 09:25Z)',
      list(policy('a-web', '"2019-11-17T10:00:00.5Z"'), policy('b-db', '"2019-11-17T10:25:00+01:00"')),
      ['00038.0 k8s-dev-b-db', '00040.0 k8s-dev-a-web']],
    ['no timestamps: load order',
      list(policy('b-db'), policy('a-web')),
      ['00038.0 k8s-dev-b-db', '00040.0 k8s-dev-a-web']],
    ['a policy without a timestamp: load order for all',
      list(policy('a-web', '"2019-11-17T10:30:00Z"'), policy('b-db')),
      ['00038.0 k8s-dev-a-web', '00040.0 k8s-dev-b-db']],
    ['creationTimestamp: null (kubectl --dry-run output) counts as absent',
      list(policy('b-db', 'null'), policy('a-web', 'null')),
      ['00038.0 k8s-dev-b-db', '00040.0 k8s-dev-a-web']],
  ])('%s', (_name, text, expected) => {
    expect(contrailOrder(text)).toEqual(expected);
  });

  it('policies applied later come after the loaded ones, whatever their timestamps', () => {
    const first = load(list(policy('b-db', '"2020-01-01T00:00:00Z"'))).cluster;
    const next = applyManifests(first, [{ file: 'more.yaml', text: list(policy('a-web', '"2019-01-01T00:00:00Z"')) }]).cluster;
    expect(buildContrailView(next).firewallPolicies.filter((p) => p.role === 'network-policy').map((p) => p.name))
      .toEqual(['k8s-dev-b-db', 'k8s-dev-a-web']);
  });

  it.each([
    ['"yesterday"'],
    ['"2019-13-01T00:00:00Z"'],
    ['"2019-11-17 10:21:04"'],
  ])('rejects creationTimestamp %s with its line and field', (value) => {
    expect(errorLines(list(policy('a-web', value)))).toEqual([
      `in.yaml:9: items[0].metadata.creationTimestamp: ${value} is not an RFC 3339 time: expected e.g. 2019-11-17T10:21:04Z`,
    ]);
  });
});
