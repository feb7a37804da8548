/**
 * The book's chapter 8 lab through the simulated dataplane: who reaches whom at each stage,
 * and the final flow pair on cent333 that the book dumps.
 */
import { describe, expect, it } from 'vitest';
import { ACTION_DROP, DROP_FW_POLICY, DROP_UNKNOWN, tcpFlagsText } from '../../src/dataplane/flow-codes.js';
import { FlowKey, flowKeyText } from '../../src/dataplane/flow-key.js';
import type { FlowTable } from '../../src/dataplane/flow-table.js';
import { bookCluster, ref, sim, withBookFiles } from '../support/lab.js';

const WEB = 'http://10.47.255.234';
const DB = 'http://10.47.255.233';

function entries(table: FlowTable): string[] {
  const key = new FlowKey();
  return [...table.activeIndexes()].map((i) => {
    table.readKey(i, key);
    return flowKeyText(key);
  });
}

describe('book chapter 8 lab through the dataplane', () => {
  it('allow-any-any before policies: every client and both hosts reach both servers', () => {
    const s = sim(bookCluster());
    for (const from of ['dev/client1-dev', 'dev/client2-dev', 'qa/client-qa', 'jtac/client-jtac', 'node/cent222', 'node/cent333']) {
      for (const url of [WEB, DB]) {
        const r = s.curl(ref(from), url, { maxTimeSeconds: 5 });
        expect({ from, url, outcome: r.outcome }).toEqual({ from, url, outcome: 'success' });
      }
    }
  });

  it.each([
    ['dev/client1-dev', WEB, 'success'],
    ['jtac/client-jtac', WEB, 'success'],
    ['node/cent222', WEB, 'success'],
    ['dev/client2-dev', WEB, 'timeout'],
    ['qa/client-qa', WEB, 'timeout'],
    ['node/cent333', WEB, 'timeout'],
    ['dev/webserver-dev', DB, 'success'],
    ['dev/webserver-dev', 'http://10.47.255.232', 'timeout'],
    ['dev/webserver-dev', 'http://10.169.25.20', 'timeout'],
    ['dev/client2-dev', DB, 'success'],
  ])('policy1: %s -> %s is %s', (from, url, outcome) => {
    const s = sim(bookCluster('policy1-do.yaml'));
    const r = s.curl(ref(from), url, { maxTimeSeconds: 5 });
    expect(r.outcome).toBe(outcome);
    if (outcome === 'timeout') {
      expect(r.stderr).toBe('curl: (28) Connection timed out after 5000 milliseconds\n');
      expect(r.exitCode).toBe(28);
    }
  });

  it('policy2 lets only webserver-dev into dbserver-dev, and dbserver-dev still initiates', () => {
    const s = sim(bookCluster('policy1-do.yaml', 'policy-do2.yaml'));
    expect(s.curl(ref('dev/webserver-dev'), DB, { maxTimeSeconds: 5 }).outcome).toBe('success');
    expect(s.curl(ref('dev/client1-dev'), DB, { maxTimeSeconds: 5 }).outcome).toBe('timeout');
    expect(s.curl(ref('dev/dbserver-dev'), 'http://10.47.255.232', { maxTimeSeconds: 5 }).outcome).toBe('success');
  });

  it('policy2-egress-denyall: the dropped flow pair sits on cent333 only, as in the book', () => {
    const base = bookCluster('policy1-do.yaml');
    const s = sim(base);
    s.updateCluster(withBookFiles(base, 'variants/policy2-egress-denyall.yaml'));
    const r = s.curl(ref('dev/dbserver-dev'), 'http://10.47.255.232', { maxTimeSeconds: 5 });
    expect(r.outcome).toBe('timeout');
    const cent333 = s.flowTable('cent333');
    const indexes = [...cent333.activeIndexes()];
    expect(indexes).toHaveLength(2);
    const key = new FlowKey();
    const forward = indexes.find((i) => {
      cent333.readKey(i, key);
      return key.dport === 80;
    })!;
    const reverse = cent333.rflow(forward);
    expect(cent333.rflow(reverse)).toBe(forward);
    expect([cent333.action(forward), cent333.dropReason(forward)]).toEqual([ACTION_DROP, DROP_FW_POLICY]);
    expect([cent333.action(reverse), cent333.dropReason(reverse)]).toEqual([ACTION_DROP, DROP_UNKNOWN]);
    expect(tcpFlagsText(cent333.tcpFlags(forward))).toBe('S');
    expect(tcpFlagsText(cent333.tcpFlags(reverse))).toBe('Sr');
    expect([cent333.packets(forward), cent333.bytes(forward)]).toEqual([3, 222]);
    expect([cent333.packets(reverse), cent333.bytes(reverse)]).toEqual([0, 0]);
    expect(entries(s.flowTable('cent222'))).toEqual([]);
  });
});
