/**
 * Reads the parts of a pod's `status` that say where it is in its lifecycle: `status.phase`
 * and the node's address as the kubelet reported it (`status.hostIP`, `status.hostIPs`).
 *
 * Guarantees: a phase outside Pending/Running/Succeeded/Failed/Unknown is reported (warning)
 * and read as Unknown; host IPs are canonical, IPv4 first, and `hostIP` must equal
 * `hostIPs[0].ip` when both are written (as for podIP/podIPs); every value keeps its line
 * and field path so later checks (all pods of a node agree on its address) can point at it.
 */
import { childPath, field, missing, readMapList, readString, report, type MapView } from './field-reader.js';
import { canonicalIp, ipFamily } from './ip-text.js';

export const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
export type PodPhase = (typeof POD_PHASES)[number];

/** An address read from a manifest, with where it was written. */
export interface LocatedIp {
  readonly ip: string;
  readonly line: number;
  readonly path: string;
}

export interface PodStatusDraft {
  /** `status.phase` when written. */
  readonly phase?: PodPhase;
  /** `status.hostIPs` (or `status.hostIP`), canonical, IPv4 first. */
  readonly hostIps: readonly LocatedIp[];
}

export function readPodStatus(status: MapView): PodStatusDraft {
  const phaseText = readString(status, 'phase');
  let phase: PodPhase | undefined;
  if (phaseText !== undefined) {
    phase = POD_PHASES.find((p) => p === phaseText);
    if (phase === undefined) {
      report(status.ctx, 'warning', field(status, 'phase')?.line ?? status.line, childPath(status.path, 'phase'),
        `"${phaseText}" is not a pod phase (${POD_PHASES.join(', ')}); read as Unknown`);
      phase = 'Unknown';
    }
  }
  return { ...(phase === undefined ? {} : { phase }), hostIps: readHostIps(status) };
}

function readHostIps(status: MapView): LocatedIp[] {
  const written: { text: string; line: number; path: string }[] = [];
  for (const { item, index } of readMapList(status, 'hostIPs') ?? []) {
    const ip = readString(item, 'ip');
    if (ip === undefined) {
      if (field(item, 'ip') === undefined) missing(item, 'ip', 'an IP address');
      continue;
    }
    written.push({ text: ip, line: field(item, 'ip')?.line ?? item.line, path: `${childPath(status.path, 'hostIPs')}[${index}].ip` });
  }
  const single = readString(status, 'hostIP');
  const singleField = field(status, 'hostIP');
  if (single !== undefined && singleField !== undefined) {
    const first = written[0];
    if (first === undefined) written.push({ text: single, line: singleField.line, path: singleField.path });
    else if (canonicalIp(single) !== undefined && canonicalIp(first.text) !== undefined && canonicalIp(single) !== canonicalIp(first.text)) {
      report(status.ctx, 'error', singleField.line, singleField.path, `"${single}" must equal status.hostIPs[0].ip ("${first.text}")`);
    }
  }
  const out: LocatedIp[] = [];
  for (const w of written) {
    const ip = canonicalIp(w.text);
    if (ip === undefined) report(status.ctx, 'error', w.line, w.path, `"${w.text}" is not a valid IP address`);
    else if (!out.some((o) => o.ip === ip)) out.push({ ip, line: w.line, path: w.path });
  }
  return [...out.filter((o) => ipFamily(o.ip) === 'IPv4'), ...out.filter((o) => ipFamily(o.ip) === 'IPv6')];
}
