/**
 * Services: the API server's defaults (type ClusterIP, protocol TCP, targetPort = port),
 * cluster IP allocation from 10.96.0.0/12, headless Services, located validation errors,
 * apply/delete, and the endpoints (selector in the same namespace, named targetPort resolved
 * per backend pod).
 */
import { describe, expect, it } from 'vitest';
import { applyManifests, deleteObjects } from '../../src/model/apply.js';
import { serviceEndpoints } from '../../src/model/service-endpoints.js';
import type { Cluster, Service } from '../../src/model/types.js';
import { errorLines, load, warningLines } from './helpers.js';

const pod = (name: string, labels: string, ports = '', ns = 'dev'): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}\nspec:\n  containers:\n  - name: c\n    ports: [${ports}]\n`;
const svc = (body: string, name = 'web', ns = 'dev'): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${body}`;

const only = (c: Cluster): Service => {
  const s = c.services?.[0];
  if (s === undefined) throw new Error('no Service loaded');
  return s;
};

describe('Service defaults', () => {
  it('applies type ClusterIP, protocol TCP and targetPort = port, and allocates 10.96.0.1', () => {
    const s = only(load(svc('  selector: {app: web}\n  ports:\n  - port: 80\n')).cluster);
    expect(s).toMatchObject({ namespace: 'dev', name: 'web', type: 'ClusterIP', headless: false, clusterIPs: ['10.96.0.1'], selector: { app: 'web' } });
    expect(s.ports).toEqual([{ protocol: 'TCP', port: 80, targetPort: 80, source: { file: 'in.yaml', line: 9 } }]);
  });

  it('keeps a written cluster IP and allocates the next free ones around it, in load order', () => {
    const text = [svc('  clusterIP: 10.96.0.1\n  ports: [{port: 53, protocol: UDP}]\n', 'dns'), svc('  ports: [{port: 80}]\n', 'a'), svc('  ports: [{port: 80}]\n', 'b')].join('---\n');
    const c = load(text).cluster;
    expect(c.services?.map((s) => [s.name, s.clusterIPs])).toEqual([['a', ['10.96.0.2']], ['b', ['10.96.0.3']], ['dns', ['10.96.0.1']]]);
  });

  it('reads a headless Service (clusterIP: None) without ports and gives it no address', () => {
    const s = only(load(svc('  clusterIP: None\n  selector: {app: db}\n')).cluster);
    expect(s).toMatchObject({ headless: true, clusterIPs: [], ports: [] });
  });

  it('reads NodePort Services with nodePort and named targetPorts', () => {
    const s = only(load(svc('  type: NodePort\n  ports:\n  - {name: http, port: 80, targetPort: web, nodePort: 30080}\n  - {name: dns, port: 53, protocol: UDP}\n')).cluster);
    expect(s.type).toBe('NodePort');
    expect(s.ports.map((p) => [p.name, p.protocol, p.port, p.targetPort])).toEqual([
      ['http', 'TCP', 80, 'web'],
      ['dns', 'UDP', 53, 53],
    ]);
    // a written node port is kept; a missing one is allocated in 30000-32767, as the API server does
    expect(s.ports[0]!.nodePort).toBe(30080);
    expect(s.ports[1]!.nodePort).toBeGreaterThanOrEqual(30000);
    expect(s.ports[1]!.nodePort).toBeLessThanOrEqual(32767);
    expect(s.externalTrafficPolicy).toBe('Cluster');
  });

  it('keeps the cluster IP of a re-applied Service that writes none, and deletes Services with their namespace', () => {
    const first = load(svc('  ports: [{port: 80}]\n', 'a') + '---\n' + svc('  ports: [{port: 80}]\n', 'b')).cluster;
    const again = applyManifests(first, [{ file: 'a2.yaml', text: svc('  ports: [{port: 8080}]\n', 'a') }]).cluster;
    expect(again.services?.map((s) => [s.name, s.clusterIPs, s.ports[0]?.port])).toEqual([['a', ['10.96.0.1'], 8080], ['b', ['10.96.0.2'], 80]]);
    expect(deleteObjects(again, [{ kind: 'Service', namespace: 'dev', name: 'a' }]).services?.map((s) => s.name)).toEqual(['b']);
    expect(deleteObjects(again, [{ kind: 'Namespace', name: 'dev' }]).services).toEqual([]);
  });
});

describe('Service validation', () => {
  it.each([
    ['a port without number', '  ports:\n  - {name: x}\n', 'in.yaml:8: spec.ports[0].port: required field is missing; expected a port number 1-65535'],
    ['a port out of range', '  ports:\n  - port: 70000\n', 'in.yaml:8: spec.ports[0].port: 70000 is not a valid port number: expected 1-65535'],
    ['an unknown protocol', '  ports:\n  - {port: 80, protocol: HTTP}\n', 'in.yaml:8: spec.ports[0].protocol: unsupported protocol "HTTP": expected one of TCP, UDP, SCTP'],
    ['a bad named targetPort', '  ports:\n  - {port: 80, targetPort: Web_Port}\n', 'in.yaml:8: spec.ports[0].targetPort: "Web_Port" is not a valid port name: expected an IANA_SVC_NAME (at most 15 lowercase letters, digits and \'-\', with at least one letter)'],
    ['two ports, one without name', '  ports:\n  - {name: a, port: 80}\n  - {port: 81}\n', 'in.yaml:9: spec.ports[1].name: required field is missing; expected a port name (required when a Service has more than one port)'],
    ['a duplicate port', '  ports:\n  - {name: a, port: 80}\n  - {name: b, port: 80}\n', 'in.yaml:9: spec.ports[1].port: duplicate port 80/TCP (first at line 8)'],
    ['no ports', '  selector: {app: x}\n', 'in.yaml:6: spec.ports: required field is missing; expected at least one port, e.g. [{port: 80, targetPort: 8080}]'],
    ['a bad cluster IP', '  clusterIP: 10.96.0\n  ports: [{port: 80}]\n', 'in.yaml:7: spec.clusterIP: "10.96.0" is not a valid IP address (or "None" for a headless Service)'],
    ['a headless NodePort', '  type: NodePort\n  clusterIP: None\n  ports: [{port: 80}]\n', 'in.yaml:8: spec.clusterIP: may not be "None" for a NodePort Service'],
    ['an unknown type', '  type: Internal\n  ports: [{port: 80}]\n', 'in.yaml:7: spec.type: "Internal" is not a Service type: expected one of ClusterIP, NodePort, LoadBalancer, ExternalName'],
  ])('rejects %s with file, line and field', (_what, body, line) => {
    expect(errorLines(svc(body))).toEqual([line]);
  });

  it('rejects a Service name that is not a DNS-1035 label', () => {
    expect(errorLines(svc('  ports: [{port: 80}]\n', '1web'))).toEqual([
      'in.yaml:4: metadata.name: "1web" is not a valid Service name: expected a DNS-1035 label (at most 63 lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit)',
    ]);
  });

  it('rejects a cluster IP used twice, naming both places', () => {
    const text = svc('  clusterIP: 10.96.0.10\n  ports: [{port: 80}]\n', 'a') + '---\n' + svc('  clusterIP: 10.96.0.10\n  ports: [{port: 80}]\n', 'b');
    expect(errorLines(text)).toEqual(['in.yaml:16: spec.clusterIP: cluster IP 10.96.0.10 is already the cluster IP of Service dev/a (in.yaml:7)']);
  });

  it('warns about a misspelt spec field with a suggestion', () => {
    expect(warningLines(svc('  selecter: {app: x}\n  ports: [{port: 80}]\n'))).toEqual(['in.yaml:7: warning: unknown field "spec.selecter" (did you mean "spec.selector"?)']);
  });
});

describe('Service endpoints', () => {
  const cluster = load(
    [
      pod('web-a', 'app: web', '{name: http, containerPort: 8080}'),
      pod('web-b', 'app: web', '{name: http, containerPort: 9090}'),
      pod('web-c', 'app: web', '{name: admin, containerPort: 7000}'),
      pod('other', 'app: db', '{name: http, containerPort: 8080}'),
      pod('web-x', 'app: web', '{name: http, containerPort: 8080}', 'qa'),
      svc('  selector: {app: web}\n  ports:\n  - {name: h, port: 80, targetPort: http}\n  - {name: "n", port: 81, targetPort: 8081}\n  - {name: u, port: 82, protocol: UDP, targetPort: http}\n'),
    ].join('---\n'),
  ).cluster;
  const endpoints = serviceEndpoints(cluster, only(cluster));
  const view = endpoints.map((e) => [e.port.name, e.backends.map((b) => `${b.pod.name}:${b.targetPort}`)]);

  it('selects ready pods of the same namespace and resolves a named targetPort per pod (skipping pods without it)', () => {
    expect(view[0]).toEqual(['h', ['web-a:8080', 'web-b:9090']]);
  });

  it('uses a numeric targetPort on every selected pod', () => {
    expect(view[1]).toEqual(['n', ['web-a:8081', 'web-b:8081', 'web-c:8081']]);
  });

  it('matches a named targetPort only with the Service port protocol', () => {
    expect(view[2]).toEqual(['u', []]);
  });

  it('gives a Service without selector no endpoints', () => {
    const c = load(pod('web-a', 'app: web') + '---\n' + svc('  ports: [{port: 80}]\n')).cluster;
    expect(serviceEndpoints(c, only(c))[0]?.backends).toEqual([]);
  });
});
