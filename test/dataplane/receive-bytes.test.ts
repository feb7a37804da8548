/**
 * Bytes as each vRouter counts them (pkt_len at vr_flow_lookup): from a tap interface the
 * Ethernet frame (the book's 74-byte SYNs, Stats:3/222); over MPLS the IP packet alone, since
 * vr_mpls_input (dp-core/vr_mpls.c) pulls the label and starts an inet-next-hop packet at its
 * IP header.
 */
import { describe, expect, it } from 'vitest';
import { FlowKey } from '../../src/dataplane/flow-key.js';
import type { FlowTable } from '../../src/dataplane/flow-table.js';
import { bookCluster, ref, sim } from '../support/lab.js';

function statsBySource(t: FlowTable): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  const key = new FlowKey();
  for (const i of t.activeIndexes()) {
    t.readKey(i, key);
    const s = key.s0 >>> 0;
    out[[s >>> 24, (s >>> 16) & 255, (s >>> 8) & 255, s & 255].join('.')] = [t.packets(i), t.bytes(i)];
  }
  return out;
}

describe('byte counts per side', () => {
  it('one ping cross-node: 98-byte frames where the packet left a tap, 84-byte IP packets where it arrived over MPLS', () => {
    const s = sim(bookCluster());
    expect(s.ping(ref('dev/client1-dev'), ref('dev/webserver-dev'), { count: 1 }).outcome).toBe('success');
    // client1-dev (10.47.255.232) on cent222, webserver-dev (10.47.255.234) on cent333.
    expect(statsBySource(s.flowTable('cent222'))).toEqual({ '10.47.255.232': [1, 98], '10.47.255.234': [1, 84] });
    expect(statsBySource(s.flowTable('cent333'))).toEqual({ '10.47.255.232': [1, 84], '10.47.255.234': [1, 98] });
  });
});
