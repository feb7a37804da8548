/**
 * Parsing of connection arguments shared by `trace` and `flows`: endpoints (`ns/pod`,
 * `node/<name>`, an IP) and `PROTOCOL/port`, with messages that say what was expected.
 */
import { ipAddr } from '../packet/address.js';
import { parseEndpointRef, type EndpointRef } from '../sim/cluster/types.js';
import { UserError } from './io.js';

export type TraceProtocol = 'TCP' | 'UDP' | 'SCTP' | 'ICMP';

export function endpointArg(flag: string, text: string): EndpointRef {
  const ref = parseEndpointRef(text);
  if (ref === undefined) throw new UserError(`${flag}: "${text}" is not <namespace>/<pod>, node/<name> or an IP address`);
  if (ref.kind === 'ip') {
    try {
      ipAddr(ref.ip);
    } catch {
      throw new UserError(`${flag}: "${text}" is not a valid IP address`);
    }
  }
  return ref;
}

export function protocolArg(text: string): TraceProtocol {
  const p = text.trim().toUpperCase();
  if (p === 'TCP' || p === 'UDP' || p === 'SCTP' || p === 'ICMP') return p;
  throw new UserError(`--protocol: "${text}" is not one of TCP, UDP, SCTP, ICMP`);
}

export function portArg(value: unknown, protocol: TraceProtocol, flag = '--port'): number {
  if (protocol === 'ICMP') return 0;
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1 || n > 65535) {
    throw new UserError(`${flag}: expected a port number 1-65535 for ${protocol}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  }
  return n;
}

/** `from->to:port[/PROTO]`, as `--traffic` takes it. */
export function trafficArg(text: string): { from: EndpointRef; to: EndpointRef; port: number; protocol: TraceProtocol } {
  const m = /^(.+?)->(.+?)(?::(\d+))?(?:\/([A-Za-z]+))?$/.exec(text.trim());
  if (m === null) throw new UserError(`--traffic: "${text}" is not <from>-><to>:<port>[/TCP|UDP|SCTP|ICMP], e.g. dev/dbserver-dev->dev/client1-dev:80`);
  const protocol = protocolArg(m[4] ?? 'TCP');
  return { from: endpointArg('--traffic', m[1]!), to: endpointArg('--traffic', m[2]!), port: portArg(m[3], protocol, `--traffic ${JSON.stringify(text.trim()).slice(0, 60)}`), protocol };
}
