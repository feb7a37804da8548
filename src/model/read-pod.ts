/**
 * Reads a Pod object: namespace, labels, `spec.nodeName`, `spec.hostNetwork`, container ports,
 * `status.podIP` / `status.podIPs` (IPv4 and IPv6) and the lifecycle facts of
 * `pod-lifecycle-read.ts` (phase, hostIP).
 *
 * Guarantees: IPs are canonical, at most one per family, IPv4 first; `status.podIPs[0]` must
 * agree with `status.podIP` when both are written; container ports are 1-65535 with a valid
 * IANA name and protocol (default TCP), port names unique within each container (as the API server validates). Fields of a pod
 * spec that vrsim does not simulate (image, resources...) are ignored; unknown ones (a typo such
 * as `contianers:`) are warnings with a did-you-mean.
 */
import { quote } from './quote.js';
import type { ContainerPort, L4Protocol } from './types.js';
import {
  childPath,
  field,
  missing,
  readBoolean,
  readInteger,
  readMap,
  readMapList,
  readString,
  report,
  warnUnknownFields,
  type MapView,
} from './field-reader.js';
import { CONTAINER_FIELDS, CONTAINER_PORT_FIELDS, POD_SPEC_FIELDS } from './known-fields.js';
import { checkDns1123Subdomain, checkPortName, checkPortNumber } from './k8s-names.js';
import { canonicalIp, ipFamily } from './ip-text.js';
import { readObjectMeta } from './read-metadata.js';
import type { PodDraft } from './parsed-objects.js';
import { readPodStatus } from './pod-lifecycle-read.js';
import { controllerOf, readOwnerReferences } from './workloads/owner-references.js';

export const PROTOCOLS: readonly L4Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Reads a protocol field (default TCP); undefined after reporting an unknown protocol. */
export function readProtocol(view: MapView, key: string): L4Protocol | undefined {
  const text = readString(view, key);
  if (text === undefined) return field(view, key) === undefined ? 'TCP' : undefined;
  const found = PROTOCOLS.find((p) => p === text);
  if (found === undefined) {
    report(view.ctx, 'error', field(view, key)?.line ?? view.line, childPath(view.path, key), `unsupported protocol ${quote(text)}: expected one of TCP, UDP, SCTP`);
  }
  return found;
}

export function readPod(object: MapView): PodDraft | undefined {
  const meta = readObjectMeta(object, 'dns1123-subdomain');
  const spec = readMap(object, 'spec');
  const status = readMap(object, 'status');
  let nodeName: string | undefined;
  let hostNetwork = false;
  const ports: ContainerPort[] = [];
  if (spec !== undefined) {
    nodeName = readString(spec, 'nodeName');
    if (nodeName !== undefined) {
      const problem = checkDns1123Subdomain(nodeName);
      if (problem !== undefined) {
        report(spec.ctx, 'error', field(spec, 'nodeName')?.line ?? spec.line, childPath(spec.path, 'nodeName'), problem);
        nodeName = undefined;
      }
    }
    hostNetwork = readBoolean(spec, 'hostNetwork') ?? false;
    warnUnknownFields(spec, POD_SPEC_FIELDS);
    readContainerPorts(spec, ports);
  }
  const ips = status === undefined ? { ips: [], line: object.line, path: '' } : readPodIps(status);
  const lifecycle = status === undefined ? undefined : readPodStatus(status);
  const owner = controllerOf(readOwnerReferences(object));
  if (meta === undefined) return undefined;
  return {
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    labels: meta.labels,
    ...(nodeName === undefined ? {} : { nodeName }),
    declaredIps: ips.ips,
    ipSource: { file: object.ctx.file, line: ips.line },
    ipPath: ips.path,
    ports,
    hostNetwork,
    source: { file: object.ctx.file, line: object.line },
    ...(lifecycle === undefined ? {} : { status: lifecycle }),
    ...(owner === undefined ? {} : { owner }),
  };
}

/** Reads `spec.containers[].ports[]` of a pod spec (also a pod template's) into `out`. */
export function readContainerPorts(spec: MapView, out: ContainerPort[]): void {
  for (const { item: container } of readMapList(spec, 'containers') ?? []) {
    warnUnknownFields(container, CONTAINER_FIELDS);
    // Unique within one container only (validateContainerPorts in pkg/apis/core/validation
    // keeps its set of names per container): two containers may both name a port "http".
    const names = new Map<string, string>();
    for (const { item: port } of readMapList(container, 'ports') ?? []) {
      warnUnknownFields(port, CONTAINER_PORT_FIELDS);
      const number = readInteger(port, 'containerPort');
      if (field(port, 'containerPort') === undefined) missing(port, 'containerPort', 'a port number 1-65535');
      const numberProblem = number === undefined ? undefined : checkPortNumber(number);
      if (numberProblem !== undefined) report(port.ctx, 'error', field(port, 'containerPort')?.line ?? port.line, childPath(port.path, 'containerPort'), numberProblem);
      const name = readString(port, 'name');
      const nameLine = field(port, 'name')?.line ?? port.line;
      const nameProblem = name === undefined ? undefined : checkPortName(name);
      if (nameProblem !== undefined) report(port.ctx, 'error', nameLine, childPath(port.path, 'name'), nameProblem);
      if (name !== undefined && nameProblem === undefined) {
        const first = names.get(name);
        if (first !== undefined) report(port.ctx, 'error', nameLine, childPath(port.path, 'name'), `duplicate port name ${quote(name)} (first used at ${first} in this container)`);
        else names.set(name, `line ${nameLine}`);
      }
      const protocol = readProtocol(port, 'protocol');
      if (number === undefined || numberProblem !== undefined || protocol === undefined) continue;
      out.push({ ...(name === undefined || nameProblem !== undefined ? {} : { name }), containerPort: number, protocol });
    }
  }
}

interface PodIps {
  ips: string[];
  line: number;
  path: string;
}

function readPodIps(status: MapView): PodIps {
  const single = readString(status, 'podIP');
  const singleField = field(status, 'podIP');
  const listField = field(status, 'podIPs');
  const written: { text: string; line: number; path: string }[] = [];
  for (const { item, index } of readMapList(status, 'podIPs') ?? []) {
    const ip = readString(item, 'ip');
    if (ip === undefined) {
      if (field(item, 'ip') === undefined) missing(item, 'ip', 'an IP address');
      continue;
    }
    written.push({ text: ip, line: field(item, 'ip')?.line ?? item.line, path: `${childPath(status.path, 'podIPs')}[${index}].ip` });
  }
  if (written.length === 0 && single !== undefined && singleField !== undefined) {
    written.push({ text: single, line: singleField.line, path: singleField.path });
  }
  const ips: string[] = [];
  for (const w of written) {
    const ip = canonicalIp(w.text);
    if (ip === undefined) {
      report(status.ctx, 'error', w.line, w.path, `${quote(w.text)} is not a valid IP address`);
      continue;
    }
    if (ips.some((other) => ipFamily(other) === ipFamily(ip))) {
      report(status.ctx, 'error', w.line, w.path, `a pod has at most one ${ipFamily(ip)} address; ${ips.join(', ')} is already listed`);
      continue;
    }
    ips.push(ip);
  }
  if (single !== undefined && singleField !== undefined && written[0] !== undefined && listField !== undefined) {
    const canonicalSingle = canonicalIp(single);
    if (canonicalSingle !== ips[0] && ips[0] !== undefined && canonicalSingle !== undefined) {
      report(status.ctx, 'error', singleField.line, singleField.path, `${quote(single)} must equal status.podIPs[0].ip (${quote(written[0].text)})`);
    }
  }
  ips.sort((a, b) => (ipFamily(a) === ipFamily(b) ? 0 : ipFamily(a) === 'IPv4' ? -1 : 1));
  const where = listField ?? singleField;
  return { ips, line: where?.line ?? status.line, path: where?.path ?? status.path };
}
