/**
 * Reads a Service object (`v1`): type, cluster IPs, selector and ports, with the defaults the
 * API server applies (type ClusterIP, protocol TCP, targetPort = port) and its validation.
 *
 * Guarantees: the name is a DNS-1035 label (as the API server requires for Services); every
 * port has a number 1-65535, a protocol TCP/UDP/SCTP, a targetPort that is a port number or an
 * IANA_SVC_NAME; port names are DNS-1123 labels, unique, and required when there is more than
 * one port; (port, protocol) pairs are unique; `clusterIP: None` means headless (not allowed
 * with NodePort/LoadBalancer); a written cluster IP is canonical and `clusterIPs[0]` agrees
 * with it. A Service with no cluster IP written gets one later (`service-ips.ts`). Every
 * problem is a located diagnostic; nothing throws.
 */
import { NODE_PORT_HIGH, NODE_PORT_LOW, type ExternalTrafficPolicy, type Labels, type ServicePort, type ServiceType, type SourceRef } from './types.js';
import {
  childPath,
  field,
  missing,
  readInteger,
  readIntOrString,
  readMap,
  readMapList,
  readString,
  readStringList,
  report,
  warnUnknownFields,
  type MapView,
} from './field-reader.js';
import { checkDns1123Label, checkPortName, checkPortNumber } from './k8s-names.js';
import { canonicalIp, ipFamily } from './ip-text.js';
import { readLabels, readObjectMeta } from './read-metadata.js';
import { readProtocol } from './read-pod.js';

/** A Service as written, before the cluster allocates a missing cluster IP. */
export interface ServiceDraft {
  readonly namespace: string;
  readonly name: string;
  readonly type: ServiceType;
  readonly headless: boolean;
  /** Canonical cluster IPs as written (IPv4 first); empty when none is written or headless. */
  readonly declaredClusterIPs: readonly string[];
  readonly clusterIpSource: SourceRef;
  readonly clusterIpPath: string;
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
  /** NodePort and LoadBalancer Services: `spec.externalTrafficPolicy` (default Cluster). */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  readonly labels: Labels;
  readonly source: SourceRef;
}

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

/** The fields of a ServiceSpec (core/v1), for "did you mean" on typos. */
const SPEC_FIELDS = [
  'ports', 'selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP',
  'loadBalancerSourceRanges', 'externalName', 'externalTrafficPolicy', 'healthCheckNodePort',
  'publishNotReadyAddresses', 'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy',
  'allocateLoadBalancerNodePorts', 'loadBalancerClass', 'internalTrafficPolicy', 'trafficDistribution',
] as const;
const PORT_FIELDS = ['name', 'protocol', 'port', 'targetPort', 'nodePort', 'appProtocol'] as const;

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Service names: a DNS-1035 label (starts with a letter). */
export function checkServiceName(text: string): string | undefined {
  if (text.length > 63 || !DNS1035_LABEL.test(text)) {
    return `${JSON.stringify(text)} is not a valid Service name: expected a DNS-1035 label (at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit)`;
  }
  return undefined;
}

export function readService(object: MapView): ServiceDraft | undefined {
  const meta = readObjectMeta(object, 'dns1123-label');
  const spec = readMap(object, 'spec');
  if (spec === undefined && field(object, 'spec') === undefined) missing(object, 'spec', 'a ServiceSpec with at least ports');
  let nameOk = true;
  if (meta !== undefined) {
    const problem = checkServiceName(meta.name);
    if (problem !== undefined) {
      const metaView = readMap(object, 'metadata');
      report(object.ctx, 'error', metaView === undefined ? object.line : field(metaView, 'name')?.line ?? object.line, 'metadata.name', problem);
      nameOk = false;
    }
  }
  const body = spec === undefined ? undefined : readSpec(spec);
  if (meta === undefined || !nameOk || body === undefined) return undefined;
  return {
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    labels: meta.labels,
    source: { file: object.ctx.file, line: object.line },
    ...body,
  };
}

type SpecBody = Omit<ServiceDraft, 'namespace' | 'name' | 'labels' | 'source'>;

function readSpec(spec: MapView): SpecBody | undefined {
  warnUnknownFields(spec, SPEC_FIELDS);
  const typeText = readString(spec, 'type');
  const type = typeText === undefined ? 'ClusterIP' : SERVICE_TYPES.find((t) => t === typeText);
  if (typeText !== undefined && type === undefined) {
    report(spec.ctx, 'error', field(spec, 'type')?.line ?? spec.line, childPath(spec.path, 'type'), `"${typeText}" is not a Service type: expected one of ${SERVICE_TYPES.join(', ')}`);
  }
  const ips = readClusterIps(spec);
  const headless = ips.headless;
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
    report(spec.ctx, 'error', ips.line, childPath(spec.path, 'clusterIP'), `may not be "None" for a ${type} Service`);
  }
  const selectorField = field(spec, 'selector');
  const selector = selectorField === undefined ? undefined : readLabels(spec, 'selector');
  const ports = readPorts(spec, type ?? 'ClusterIP', headless);
  const policy = readTrafficPolicy(spec, type);
  if (type === undefined || ports === undefined || ips.bad || policy === 'bad') return undefined;
  return {
    ...(policy === undefined ? {} : { externalTrafficPolicy: policy }),
    type,
    headless,
    declaredClusterIPs: type === 'ExternalName' ? [] : ips.ips,
    clusterIpSource: { file: spec.ctx.file, line: ips.line },
    clusterIpPath: ips.path,
    ...(selector === undefined ? {} : { selector }),
    ports,
  };
}

/**
 * `spec.externalTrafficPolicy`: Cluster (the default) or Local, only for NodePort and
 * LoadBalancer Services (validation.go: "may only be set when `type` is 'NodePort' or
 * 'LoadBalancer'"). 'bad' after a located error.
 */
function readTrafficPolicy(spec: MapView, type: ServiceType | undefined): ExternalTrafficPolicy | 'bad' | undefined {
  const external = type === 'NodePort' || type === 'LoadBalancer';
  const text = readString(spec, 'externalTrafficPolicy');
  const at = field(spec, 'externalTrafficPolicy')?.line ?? spec.line;
  const path = childPath(spec.path, 'externalTrafficPolicy');
  if (text === undefined) return external ? 'Cluster' : undefined;
  if (text !== 'Cluster' && text !== 'Local') {
    report(spec.ctx, 'error', at, path, `Unsupported value: ${JSON.stringify(text)}: supported values: "Cluster", "Local"`);
    return 'bad';
  }
  if (!external) {
    report(spec.ctx, 'error', at, path, `may only be set when type is 'NodePort' or 'LoadBalancer'`);
    return 'bad';
  }
  return text;
}

interface ClusterIps {
  ips: string[];
  headless: boolean;
  bad: boolean;
  line: number;
  path: string;
}

function readClusterIps(spec: MapView): ClusterIps {
  const single = readString(spec, 'clusterIP');
  const singleField = field(spec, 'clusterIP');
  const list = readStringList(spec, 'clusterIPs') ?? [];
  const out: ClusterIps = {
    ips: [], headless: false, bad: false,
    line: singleField?.line ?? field(spec, 'clusterIPs')?.line ?? spec.line,
    path: singleField?.path ?? childPath(spec.path, 'clusterIP'),
  };
  const written = list.length > 0 ? list : single === undefined || singleField === undefined ? [] : [{ value: single, line: singleField.line, path: singleField.path }];
  if (single !== undefined && list[0] !== undefined && list[0].value !== single && singleField !== undefined) {
    report(spec.ctx, 'error', singleField.line, singleField.path, `"${single}" must equal spec.clusterIPs[0] ("${list[0].value}")`);
    out.bad = true;
  }
  for (const w of written) {
    if (w.value === 'None') {
      out.headless = true;
      continue;
    }
    if (w.value === '') continue; // "" asks the API server to allocate
    const ip = canonicalIp(w.value);
    if (ip === undefined) {
      report(spec.ctx, 'error', w.line, w.path, `"${w.value}" is not a valid IP address (or "None" for a headless Service)`);
      out.bad = true;
    } else if (out.ips.some((other) => ipFamily(other) === ipFamily(ip))) {
      report(spec.ctx, 'error', w.line, w.path, `a Service has at most one ${ipFamily(ip)} cluster IP; ${out.ips.join(', ')} is already listed`);
      out.bad = true;
    } else {
      out.ips.push(ip);
    }
  }
  if (out.headless && out.ips.length > 0) {
    report(spec.ctx, 'error', out.line, out.path, '"None" (headless) cannot be combined with cluster IP addresses');
    out.bad = true;
  }
  out.ips.sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')));
  return out;
}

function readPorts(spec: MapView, type: ServiceType, headless: boolean): ServicePort[] | undefined {
  const list = readMapList(spec, 'ports');
  if (list === undefined) {
    if (field(spec, 'ports') === undefined && !headless && type !== 'ExternalName') {
      missing(spec, 'ports', 'at least one port, e.g. [{port: 80, targetPort: 8080}]');
      return undefined;
    }
    return field(spec, 'ports') === undefined ? [] : undefined;
  }
  if (list.length === 0 && !headless && type !== 'ExternalName') {
    report(spec.ctx, 'error', field(spec, 'ports')?.line ?? spec.line, childPath(spec.path, 'ports'), 'expected at least one port');
    return undefined;
  }
  const out: ServicePort[] = [];
  const names = new Map<string, number>();
  const pairs = new Map<string, number>();
  let ok = true;
  for (const { item } of list) {
    const port = readServicePort(item, list.length > 1, names, pairs, type);
    if (port === undefined) ok = false;
    else out.push(port);
  }
  return ok ? out : undefined;
}

function readServicePort(item: MapView, needsName: boolean, names: Map<string, number>, pairs: Map<string, number>, type: ServiceType): ServicePort | undefined {
  warnUnknownFields(item, PORT_FIELDS);
  const at = (key: string): number => field(item, key)?.line ?? item.line;
  const fail = (key: string, message: string): false => {
    report(item.ctx, 'error', at(key), childPath(item.path, key), message);
    return false;
  };
  let ok = true;
  const name = readString(item, 'name');
  if (name !== undefined) {
    const problem = checkDns1123Label(name);
    if (problem !== undefined) ok = fail('name', problem);
    else if (names.has(name)) ok = fail('name', `duplicate port name "${name}" (first used at line ${names.get(name)})`);
    else names.set(name, at('name'));
  } else if (needsName && field(item, 'name') === undefined) {
    missing(item, 'name', 'a port name (required when a Service has more than one port)');
    ok = false;
  }
  const protocol = readProtocol(item, 'protocol');
  const number = readInteger(item, 'port');
  if (field(item, 'port') === undefined) {
    missing(item, 'port', 'a port number 1-65535');
    ok = false;
  } else if (number !== undefined && checkPortNumber(number) !== undefined) {
    ok = fail('port', checkPortNumber(number)!);
  }
  const target = readIntOrString(item, 'targetPort');
  let targetPort: number | string | undefined = number;
  if (target !== undefined) {
    const problem = typeof target.value === 'number' ? checkPortNumber(target.value) : checkPortName(target.value);
    if (problem !== undefined) ok = fail('targetPort', problem);
    else targetPort = target.value;
  }
  const nodePort = readInteger(item, 'nodePort');
  if (nodePort !== undefined && type !== 'NodePort' && type !== 'LoadBalancer') ok = fail('nodePort', `may not be used when type is '${type}'`);
  else if (nodePort !== undefined && (nodePort < NODE_PORT_LOW || nodePort > NODE_PORT_HIGH)) {
    ok = fail('nodePort', `Invalid value: ${nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_LOW}-${NODE_PORT_HIGH}`);
  }
  if (protocol !== undefined && number !== undefined) {
    const pair = `${number}/${protocol}`;
    if (pairs.has(pair)) ok = fail('port', `duplicate port ${number}/${protocol} (first at line ${pairs.get(pair)})`);
    else pairs.set(pair, at('port'));
  }
  if (!ok || protocol === undefined || number === undefined || targetPort === undefined) return undefined;
  return {
    ...(name === undefined ? {} : { name }),
    protocol,
    port: number,
    targetPort,
    ...(nodePort === undefined ? {} : { nodePort }),
    source: { file: item.ctx.file, line: item.line },
  };
}
