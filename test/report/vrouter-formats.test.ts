/**
 * The vRouter utility renderers against real output tf-vrouter publishes in its vtest_py tests
 * (test/fixtures/tf-vrouter): records built with the dump's values must print the dump's
 * lines byte for byte (the kernel-platform lines; the fixture README says which are left out).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NhRecord, VifRecord } from '../../src/dataplane/vrouter-snapshot.js';
import { renderMplsDump } from '../../src/report/vrouter/mpls.js';
import { formatNexthop } from '../../src/report/vrouter/nh.js';
import { formatRoute } from '../../src/report/vrouter/rt.js';
import { formatVif, vifTableHeader } from '../../src/report/vrouter/vif.js';

const fixture = readFileSync(new URL('../fixtures/tf-vrouter/cem-7113-dumps.txt', import.meta.url), 'utf8');
const [vifPart, nhPart, rtPart, mplsPart] = fixture.split(/^--- .*\n/m) as [string, string, string, string];

describe('tf-vrouter published dumps as format fixtures', () => {
  it('vif: the Type/Vrf/RX/TX/Drops lines of vif0/3 (tape703ea67-f1)', () => {
    const vif: VifRecord = {
      index: 3, kind: 'pod', name: 'tape703ea67-f1', owner: 'x/y', type: 'Virtual', mac: [0, 0, 0x5e, 0, 1, 0], ipv4: '1.1.1.5', ipv6: undefined,
      vrf: 2, mcastVrf: 2, flags: ['P', 'L3', 'L2', 'D'], nhId: 0, ref: 6, qos: 0,
      counters: { rxPackets: 0, rxBytes: 0, txPackets: 1, txBytes: 54, drops: 0 },
    };
    const lines = formatVif(vif).split('\n');
    expect(lines[0]).toBe('vif0/3      OS: tape703ea67-f1');
    expect(`${lines.slice(1, 6).join('\n')}\n`).toBe(vifPart);
  });

  it('vif: the header legend wraps every four flags as utils/vif.c prints it', () => {
    const published = 'Flags: P=Policy, X=Cross Connect, S=Service Chain, Mr=Receive Mirror\n       Mt=Transmit Mirror, Tc=Transmit Checksum Offload, L3=Layer 3, L2=Layer 2\n';
    expect(vifTableHeader().startsWith(`Vrouter Interface Table\n\n${published}`)).toBe(true);
  });

  it.each([
    ['Drop 0', { id: 0, type: 'Drop', vrf: 0, ref: 2041, flags: ['Valid'], oif: 0, encap: [], tunnel: undefined, members: [] }],
    ['Receive 10', { id: 10, type: 'Receive', vrf: 1, ref: 2, flags: ['Valid', 'Policy(R)'], oif: 1, encap: [], tunnel: undefined, members: [] }],
    ['Encap 21', { id: 21, type: 'Encap', vrf: 2, ref: 2, flags: ['Valid', 'Policy'], oif: 3, encap: [0x02, 0xc2, 0x23, 0x4c, 0xd0, 0x55, 0, 0, 0x5e, 0, 1, 0, 8, 0], tunnel: undefined, members: [] }],
  ] as [string, NhRecord][])('nh: %s', (_name, nh) => {
    const published = nhPart.split(/\n\n/).map((b) => `${b.trim() === '' ? '' : b}\n\n`).filter((b) => b.startsWith(`Id:${nh.id} `));
    expect(published).toHaveLength(1);
    expect(formatNexthop(nh)).toBe(published[0]);
  });

  it('rt: a proxy-ARP host route', () => {
    expect(formatRoute({ vrf: 2, prefix: '1.1.1.5', prefixWord: 0x01010105, plen: 32, flags: ['P'], label: -1, nhId: 21 })).toBe(rtPart);
  });

  it('mpls: the label map', () => {
    expect(renderMplsDump([{ label: 42, nhId: 44 }])).toBe(mplsPart);
  });
});
