/**
 * Parsing the `http://` URLs the simulated curl and poller accept: a literal IPv4 address,
 * a bracketed IPv6 address or a host name, an optional port, an optional path. Guarantees:
 * never throws; returns an error value naming the problem in curl's words. `parseHttpUrl`
 * wants an address (a name is curl's exit 6 there); `splitHttpUrl` leaves a name to a resolver.
 */

import { ipAddr } from '../../packet/address.js';
import type { IpAddr } from '../../packet/types.js';

export interface HttpUrl {
  readonly address: IpAddr;
  readonly port: number;
  readonly path: string;
  /** What curl sends as `Host:`: the host as written, plus `:port` unless it is 80. */
  readonly hostHeader: string;
}

export type UrlParse =
  | { readonly kind: 'ok'; readonly url: HttpUrl }
  /** curl exit 1/3/6 and its message. */
  | { readonly kind: 'error'; readonly exitCode: number; readonly message: string };

/** A URL whose host may be a name (`host` is the bare host text, without brackets). */
export interface HttpUrlParts {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly hostHeader: string;
}

export type UrlSplit = { readonly kind: 'ok'; readonly parts: HttpUrlParts } | { readonly kind: 'error'; readonly exitCode: number; readonly message: string };

/** The address of a literal IP host, or undefined for a name. */
export function hostAddress(host: string): IpAddr | undefined {
  try {
    return ipAddr(host);
  } catch {
    return undefined;
  }
}

export function splitHttpUrl(text: string): UrlSplit {
  const match = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(text);
  if (match === null) return { kind: 'error', exitCode: 3, message: `<url> malformed` };
  const scheme = (match[1] ?? 'http').toLowerCase();
  if (scheme !== 'http') return { kind: 'error', exitCode: 1, message: `Protocol ${scheme} not supported or disabled in libcurl` };
  const hostText = match[2] ?? '';
  if (hostText === '') return { kind: 'error', exitCode: 3, message: `<url> malformed` };
  const bare = hostText.startsWith('[') ? hostText.slice(1, -1) : hostText;
  const port = match[3] === undefined || match[3] === '' ? 80 : Number(match[3]);
  if (port < 1 || port > 65535) return { kind: 'error', exitCode: 3, message: `Port number out of range` };
  const rest = match[4] ?? '/';
  const path = rest.startsWith('/') ? rest.replace(/#.*$/, '') : `/${rest.replace(/#.*$/, '')}`;
  return { kind: 'ok', parts: { host: bare, port, path, hostHeader: port === 80 ? hostText : `${hostText}:${port}` } };
}

export function parseHttpUrl(text: string): UrlParse {
  const split = splitHttpUrl(text);
  if (split.kind === 'error') return split;
  const { host, port, path, hostHeader } = split.parts;
  const address = hostAddress(host);
  if (address === undefined) return { kind: 'error', exitCode: 6, message: `Could not resolve host: ${host}; Name or service not known` };
  return { kind: 'ok', url: { address, port, path, hostHeader } };
}
