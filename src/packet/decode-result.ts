/**
 * The result of decoding one protocol layer: the record, or a human-readable reason
 * ("TCP checksum mismatch: ...", "truncated UDP header: ..."). Decoders never throw on bad
 * input bytes; they return `{ kind: 'error' }`.
 */

import type { IpAddr } from './types.js';

export type LayerDecodeResult<T> = { readonly kind: 'ok'; readonly value: T } | { readonly kind: 'error'; readonly reason: string };

export function decoded<T>(value: T): LayerDecodeResult<T> {
  return { kind: 'ok', value };
}

export function decodeError<T>(reason: string): LayerDecodeResult<T> {
  return { kind: 'error', reason };
}

export function hex16(value: number): string {
  return `0x${value.toString(16).padStart(4, '0')}`;
}

/** What the IPv4 and IPv6 header decoders hand to the codec: addresses and where the L4 bytes are. */
export interface DecodedIpHeader {
  readonly src: IpAddr;
  readonly dst: IpAddr;
  readonly ttl: number;
  /** IPv4 identification; 0 for IPv6. */
  readonly id: number;
  /** IPv4 protocol / IPv6 next header. */
  readonly protocol: number;
  /** L4 bytes are [payloadStart, payloadEnd) of the input; bytes after payloadEnd (link padding) are ignored. */
  readonly payloadStart: number;
  readonly payloadEnd: number;
}
