/**
 * Parsing the `http://` URLs the simulated curl and poller accept: a literal IPv4 address
 * or a bracketed IPv6 address, an optional port, an optional path. Guarantees: never throws;
 * returns an error value naming the problem in curl's words (there is no DNS in the simulator).
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

export function parseHttpUrl(text: string): UrlParse {
  const match = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(text);
  if (match === null) return { kind: 'error', exitCode: 3, message: `<url> malformed` };
  const scheme = (match[1] ?? 'http').toLowerCase();
  if (scheme !== 'http') return { kind: 'error', exitCode: 1, message: `Protocol ${scheme} not supported or disabled in libcurl` };
  const hostText = match[2] ?? '';
  if (hostText === '') return { kind: 'error', exitCode: 3, message: `<url> malformed` };
  const bare = hostText.startsWith('[') ? hostText.slice(1, -1) : hostText;
  let address: IpAddr;
  try {
    address = ipAddr(bare);
  } catch {
    return { kind: 'error', exitCode: 6, message: `Could not resolve host: ${bare}; Name or service not known` };
  }
  const port = match[3] === undefined || match[3] === '' ? 80 : Number(match[3]);
  if (port < 1 || port > 65535) return { kind: 'error', exitCode: 3, message: `Port number out of range` };
  const rest = match[4] ?? '/';
  const path = rest.startsWith('/') ? rest.replace(/#.*$/, '') : `/${rest.replace(/#.*$/, '')}`;
  return { kind: 'ok', url: { address, port, path, hostHeader: port === 80 ? hostText : `${hostText}:${port}` } };
}
