/**
 * Reads a Node object: name, labels and `status.addresses` of every type the kubelet reports
 * (InternalIP, ExternalIP, Hostname, InternalDNS, ExternalDNS).
 *
 * Guarantees: IP addresses are canonical and de-duplicated per type, IPv4 before IPv6 (the
 * order of `status.addresses` within a family is kept); a Node without addresses, with only
 * a Hostname, or with IPv6-only InternalIPs is valid here (its fabric address is decided in
 * `nodes.ts`); an address of an IP type that is not an IP is a located error. An object whose
 * name is unusable is left out (its error is already recorded).
 */
import { field, missing, readMap, readMapList, readString, report } from './field-reader.js';
import type { MapView } from './field-reader.js';
import { canonicalIp, ipFamily } from './ip-text.js';
import { readObjectMeta } from './read-metadata.js';
import type { NodeDraft } from './parsed-objects.js';

/** Address types whose value is an IP address (Hostname and the DNS types are names). */
const IP_TYPES = new Set(['InternalIP', 'ExternalIP']);

export function readNode(object: MapView): NodeDraft | undefined {
  const meta = readObjectMeta(object, 'dns1123-subdomain');
  const status = readMap(object, 'status');
  const byType: Record<'InternalIP' | 'ExternalIP', string[]> = { InternalIP: [], ExternalIP: [] };
  for (const { item } of (status === undefined ? undefined : readMapList(status, 'addresses')) ?? []) {
    const type = readString(item, 'type');
    const address = readString(item, 'address');
    if (field(item, 'type') === undefined) missing(item, 'type', 'an address type such as InternalIP');
    if (type === undefined || address === undefined || !IP_TYPES.has(type)) continue;
    const ip = canonicalIp(address);
    const list = byType[type as 'InternalIP' | 'ExternalIP'];
    if (ip === undefined) report(item.ctx, 'error', field(item, 'address')?.line ?? item.line, `${item.path}.address`, `"${address}" is not a valid IP address (type ${type})`);
    else if (!list.includes(ip)) list.push(ip);
  }
  if (meta === undefined) return undefined;
  const v4First = (ips: string[]): string[] => [...ips.filter((ip) => ipFamily(ip) === 'IPv4'), ...ips.filter((ip) => ipFamily(ip) === 'IPv6')];
  return {
    name: meta.name,
    labels: meta.labels,
    internalIPs: v4First(byType.InternalIP),
    externalIPs: v4First(byType.ExternalIP),
    source: { file: object.ctx.file, line: meta.line },
  };
}
