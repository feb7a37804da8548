/**
 * Test helpers: interned IpAddrs from text and FlowKey builders,
 * including a search for keys that collide in one bucket of a small table.
 */

import type { IpAddr } from '../../src/packet/types.js';
import { ipAddrFromWords } from '../../src/packet/address.js';
import { FlowKey, setFlowKey } from '../../src/dataplane/flow-key.js';

export function ipv4(text: string): IpAddr {
  const parts = text.split('.').map(Number);
  const w0 = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) | 0;
  return ipAddrFromWords(4, w0);
}

/** Full (uncompressed or `::`-compressed) IPv6 text to an IpAddr; test inputs only. */
export function ipv6(text: string): IpAddr {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - h.length - t.length).fill('0');
  const groups = [...h, ...fill, ...t].map((g) => parseInt(g, 16));
  const w = (i: number) => ((groups[i]! << 16) | groups[i + 1]!) | 0;
  return ipAddrFromWords(6, w(0), w(2), w(4), w(6));
}

export function tcpKey(src: string, sport: number, dst: string, dport: number, nh = 59, proto = 6): FlowKey {
  const k = new FlowKey();
  const ip = src.includes(':') ? ipv6 : ipv4;
  setFlowKey(k, proto, nh, sport, dport, ip(src), ip(dst));
  return k;
}

/** `count` distinct TCP keys (varying source port) that all land in the same bucket of `bucketStart`. */
export function collidingKeys(bucketStart: (k: FlowKey) => number, count: number, bucket?: number): FlowKey[] {
  const keys: FlowKey[] = [];
  let target = bucket;
  for (let sport = 1024; keys.length < count && sport < 65536; sport++) {
    const k = tcpKey('10.0.0.1', sport, '10.0.0.2', 80);
    const b = bucketStart(k);
    target ??= b;
    if (b === target) keys.push(k);
  }
  if (keys.length < count) throw new Error('not enough colliding keys');
  return keys;
}
