/**
 * A trapped TCP segment that is not a SYN (its connection's flows aged out or were flushed)
 * makes a TCP-ACK flow (the agent's pkt_handler.cc marks a trapped TCP packet with ACK;
 * flow_entry.cc FlowEntry::SessionMatch matches the reverse ACLs too and denies a TCP-ACK
 * flow only when both directions deny). A new connection's SYN is still decided one way.
 */
import { describe, expect, it } from 'vitest';
import { ACTION_DROP, ACTION_FORWARD } from '../../src/dataplane/flow-codes.js';
import { FlowKey } from '../../src/dataplane/flow-key.js';
import { ipAddr } from '../../src/packet/address.js';
import { bookCluster, ref, sim, withYaml } from '../support/lab.js';
import { opened } from '../support/sockets.js';

const DENY_CLIENT1_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: client1-no-egress, namespace: dev}
spec:
  podSelector: {matchLabels: {app: client1-dev}}
  policyTypes: [Egress]
`;

function actionOfForward(s: ReturnType<typeof sim>, node: string, srcWord: number, dport: number): number | undefined {
  const t = s.flowTable(node);
  const key = new FlowKey();
  for (const i of t.activeIndexes()) {
    t.readKey(i, key);
    if ((key.s0 >>> 0) === (srcWord >>> 0) && key.dport === dport) return t.action(i);
  }
  return undefined;
}

describe('TCP-ACK flows', () => {
  it('after a flush, the next data segment of an established connection passes if the reverse direction does', () => {
    const s = sim(bookCluster(), { policyChange: 'keep' });
    const client = ipAddr('10.47.255.232');
    const sock = opened(s.wiring.stackOf(ref('dev/client1-dev')).connectTcp(ipAddr('10.47.255.234'), 80, {}));
    s.advance(100);
    // client1-dev may no longer open connections; existing flows are kept (policyChange keep).
    s.updateCluster(withYaml(s.cluster, DENY_CLIENT1_EGRESS));
    s.wiring.vrouter('cent222').agent.flushAll();
    sock.write(new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    s.advance(100);
    // Forward (client1 -> webserver:80) is denied, the reverse (webserver -> client1) is allowed: TCP-ACK passes.
    expect(actionOfForward(s, 'cent222', client.w0, 80)).toBe(ACTION_FORWARD);
    // A new connection (a SYN) is decided one way and dropped.
    expect(s.curl(ref('dev/client1-dev'), 'http://10.47.255.234', { maxTimeSeconds: 2 }).outcome).toBe('timeout');
  });

  it('a TCP-ACK flow both of whose directions are denied drops', () => {
    const s = sim(bookCluster(), { policyChange: 'keep' });
    const client = ipAddr('10.47.255.232');
    const sock = opened(s.wiring.stackOf(ref('dev/client1-dev')).connectTcp(ipAddr('10.47.255.234'), 80, {}));
    s.advance(100);
    const isolateBoth = DENY_CLIENT1_EGRESS.replace('policyTypes: [Egress]', 'policyTypes: [Egress, Ingress]');
    s.updateCluster(withYaml(s.cluster, isolateBoth));
    s.wiring.vrouter('cent222').agent.flushAll();
    sock.write(new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    s.advance(100);
    expect(actionOfForward(s, 'cent222', client.w0, 80)).toBe(ACTION_DROP);
  });
});
