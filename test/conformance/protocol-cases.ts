/**
 * The shape shared by upstream's per-protocol tests (CNP{Admin,Baseline}Tier{Ingress,Egress}{TCP,UDP,SCTP},
 * base/{admin,baseline}_tier/standard-{ingress,egress}-{tcp,udp,sctp}-rules.yaml): a subject
 * house, rules that Accept then Deny then (Admin only) Pass one house for everything, Deny then
 * (Admin) Pass a second house at one port, Accept a third house at one port and Deny it the
 * rest. The phases follow the upstream t.Run blocks: rule order decides (Accept before Deny,
 * then swapped), ports decide, and a Pass ahead of a Deny hands the connection on.
 */
import { cnp, rule, peerNamespace, portOf, subjectNamespace, type Phase, type Probe } from './harness.js';

type Proto = 'tcp' | 'udp' | 'sctp';

export interface ProtocolCase {
  readonly tier: 'Admin' | 'Baseline';
  readonly direction: 'ingress' | 'egress';
  readonly protocol: Proto;
  readonly name: string;
  readonly subject: string;
  /** House matched for everything (rules 0-2). */
  readonly everything: string;
  /** House denied (and passed) at `denyPort`. */
  readonly denied: string;
  readonly denyPort: number;
  /** House accepted at `acceptPort`, denied the rest. */
  readonly accepted: string;
  readonly acceptPort: number;
}

const POD: Readonly<Record<string, string>> = { gryffindor: 'harry-potter', slytherin: 'draco-malfoy', hufflepuff: 'cedric-diggory', ravenclaw: 'luna-lovegood' };

function rules(c: ProtocolCase, swapEverything: boolean, swapPass: boolean): string {
  const d = c.direction;
  const word = d === 'ingress' ? 'from' : 'to';
  const all = [
    rule(`allow-${word}-${c.everything}-everything`, 'Accept', d, peerNamespace(c.everything)),
    rule(`deny-${word}-${c.everything}-everything`, 'Deny', d, peerNamespace(c.everything)),
  ];
  if (swapEverything) all.reverse();
  if (c.tier === 'Admin') all.push(rule(`pass-${word}-${c.everything}-everything`, 'Pass', d, peerNamespace(c.everything)));
  const atPort = [rule(`deny-${word}-${c.denied}-at-port-${c.denyPort}`, 'Deny', d, peerNamespace(c.denied), portOf(c.protocol, c.denyPort))];
  if (c.tier === 'Admin') atPort.push(rule(`pass-${word}-${c.denied}-at-port-${c.denyPort}`, 'Pass', d, peerNamespace(c.denied), portOf(c.protocol, c.denyPort)));
  if (swapPass) atPort.reverse();
  all.push(...atPort);
  all.push(rule(`allow-${word}-${c.accepted}-at-port-${c.acceptPort}`, 'Accept', d, peerNamespace(c.accepted), portOf(c.protocol, c.acceptPort)));
  all.push(rule(`deny-${word}-${c.accepted}-everything-else`, 'Deny', d, peerNamespace(c.accepted)));
  return `  ${d}:\n${all.join('')}`;
}

function policy(c: ProtocolCase, swapEverything = false, swapPass = false): string {
  return cnp(c.name, c.tier, c.tier === 'Admin' ? 3 : 10, subjectNamespace(c.subject), rules(c, swapEverything, swapPass));
}

/** A probe between the subject and a peer house, in the case's direction. */
function probe(c: ProtocolCase, peer: string, index: number, port: number, allowed: boolean): Probe {
  const subjectPod = `${c.subject}/${POD[c.subject]}-${index}`;
  const peerPod = `${peer}/${POD[peer]}-${1 - index}`;
  return c.direction === 'ingress'
    ? { from: peerPod, to: subjectPod, protocol: c.protocol, port, allowed }
    : { from: subjectPod, to: peerPod, protocol: c.protocol, port, allowed };
}

export function protocolPhases(c: ProtocolCase): Phase[] {
  const phases: Phase[] = [
    { what: `Should support an 'allow-${c.direction}' policy for ${c.protocol} protocol (Accept ahead of Deny wins)`, policies: [policy(c)], probes: [probe(c, c.everything, 0, c.acceptPort, true), probe(c, c.everything, 1, otherThan(c, c.acceptPort), true)] },
    { what: `Should support an 'allow-${c.direction}' policy for ${c.protocol} protocol at the specified port`, policies: [policy(c)], probes: [probe(c, c.accepted, 0, c.acceptPort, true), probe(c, c.accepted, 1, otherThan(c, c.acceptPort), false)] },
    { what: `Should support a 'deny-${c.direction}' policy for ${c.protocol} protocol (rules 0 and 1 swapped: Deny ahead of Accept wins)`, policies: [policy(c, true)], probes: [probe(c, c.everything, 0, c.acceptPort, false), probe(c, c.everything, 1, otherThan(c, c.acceptPort), false)] },
    { what: `Should support a 'deny-${c.direction}' policy for ${c.protocol} protocol at the specified port`, policies: [policy(c)], probes: [probe(c, c.denied, 0, c.denyPort, false), probe(c, c.denied, 1, otherThan(c, c.denyPort), true)] },
  ];
  if (c.tier === 'Admin') {
    phases.push({
      what: `Should support a 'pass-${c.direction}' policy for ${c.protocol} protocol at the specified port (the Pass rule moved ahead of the Deny: no lower tier decides, allowed)`,
      policies: [policy(c, false, true)],
      probes: [probe(c, c.denied, 0, c.denyPort, true)],
    });
  }
  return phases;
}

const PORTS: Readonly<Record<Proto, readonly number[]>> = { tcp: [80, 8080], udp: [53, 5353], sctp: [9003, 9005] };

function otherThan(c: ProtocolCase, port: number): number {
  return PORTS[c.protocol].find((p) => p !== port)!;
}
