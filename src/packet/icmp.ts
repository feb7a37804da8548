/**
 * ICMPv4 (RFC 792) and ICMPv6 (RFC 4443) messages: echo request/reply and the error
 * messages that carry the start of the offending packet. The enclosing IP family selects
 * the variant: ICMPv4 checksums cover the message only, ICMPv6 checksums add the IPv6
 * pseudo-header (next header 58).
 *
 * Supported on the wire:
 *   echo       v4 type 8 request / 0 reply, v6 type 128 request / 129 reply (code 0)
 *   errors     v4 type 3 destination unreachable (3/3 = port unreachable), 11 time exceeded;
 *              v6 type 1 destination unreachable (1/4 = port unreachable), 3 time exceeded
 * Other types (redirects, packet-too-big, parameter problem, neighbour discovery...) decode
 * to an "unsupported ICMP type" error and are refused by the encoder (their second word
 * carries data the `IcmpError` record cannot hold). The second word of an error message is
 * written as 0 and ignored on decode. Decoded payloads and originals are copies.
 */

import { readU16, writeU16 } from './bytes.js';
import { finishChecksum, pseudoHeaderSum, sumBytes } from './checksum.js';
import { decoded, decodeError, hex16, type LayerDecodeResult } from './decode-result.js';
import { ICMP_HEADER_LENGTH } from './frame.js';
import { PROTO_ICMPV6, type IcmpEcho, type IcmpError, type IpAddr } from './types.js';

export const ICMPV4_ECHO_REPLY = 0;
export const ICMPV4_DEST_UNREACHABLE = 3;
export const ICMPV4_ECHO_REQUEST = 8;
export const ICMPV4_TIME_EXCEEDED = 11;
export const ICMPV4_CODE_PORT_UNREACHABLE = 3;
export const ICMPV6_DEST_UNREACHABLE = 1;
export const ICMPV6_TIME_EXCEEDED = 3;
export const ICMPV6_ECHO_REQUEST = 128;
export const ICMPV6_ECHO_REPLY = 129;
export const ICMPV6_CODE_PORT_UNREACHABLE = 4;

/** True if the (family, type) pair is an error message this codec supports. */
export function isSupportedIcmpErrorType(family: 4 | 6, type: number): boolean {
  return family === 4
    ? type === ICMPV4_DEST_UNREACHABLE || type === ICMPV4_TIME_EXCEEDED
    : type === ICMPV6_DEST_UNREACHABLE || type === ICMPV6_TIME_EXCEEDED;
}

function echoWireType(family: 4 | 6, type: IcmpEcho['type']): number {
  if (family === 4) return type === 'echo-request' ? ICMPV4_ECHO_REQUEST : ICMPV4_ECHO_REPLY;
  return type === 'echo-request' ? ICMPV6_ECHO_REQUEST : ICMPV6_ECHO_REPLY;
}

/** Initial sum for the checksum: none for ICMPv4, the IPv6 pseudo-header for ICMPv6. */
function checksumSeed(src: IpAddr, dst: IpAddr, length: number): number {
  return src.family === 6 ? pseudoHeaderSum(src, dst, PROTO_ICMPV6, length) : 0;
}

/** Writes an echo or error message at `offset`; returns the bytes written. */
export function encodeIcmp(message: IcmpEcho | IcmpError, src: IpAddr, dst: IpAddr, out: Uint8Array, offset: number): number {
  const family = src.family;
  let body: Uint8Array;
  if (message.kind === 'icmp') {
    out[offset] = echoWireType(family, message.type);
    out[offset + 1] = 0;
    writeU16(out, offset + 4, message.id);
    writeU16(out, offset + 6, message.seq);
    body = message.payload;
  } else {
    if (!isSupportedIcmpErrorType(family, message.type)) {
      throw new Error(`unsupported ICMPv${family === 4 ? 4 : 6} error type ${message.type}`);
    }
    out[offset] = message.type;
    out[offset + 1] = message.code;
    writeU16(out, offset + 4, 0);
    writeU16(out, offset + 6, 0);
    body = message.original;
  }
  writeU16(out, offset + 2, 0);
  out.set(body, offset + ICMP_HEADER_LENGTH);
  const length = ICMP_HEADER_LENGTH + body.length;
  const sum = sumBytes(out, offset, offset + length, checksumSeed(src, dst, length));
  writeU16(out, offset + 2, finishChecksum(sum));
  return length;
}

/** Decodes the ICMP/ICMPv6 message occupying bytes [start, end). */
export function decodeIcmp(
  bytes: Uint8Array,
  start: number,
  end: number,
  src: IpAddr,
  dst: IpAddr,
): LayerDecodeResult<IcmpEcho | IcmpError> {
  const family = src.family;
  const label = family === 4 ? 'ICMP' : 'ICMPv6';
  const length = end - start;
  if (length < ICMP_HEADER_LENGTH) {
    return decodeError(`truncated ${label} header: ${length} bytes, need ${ICMP_HEADER_LENGTH}`);
  }
  const verify = finishChecksum(sumBytes(bytes, start, end, checksumSeed(src, dst, length)));
  if (verify !== 0) {
    return decodeError(`${label} checksum mismatch: field ${hex16(readU16(bytes, start + 2))} is wrong for this message`);
  }
  const type = bytes[start]!;
  const code = bytes[start + 1]!;
  const requestType = family === 4 ? ICMPV4_ECHO_REQUEST : ICMPV6_ECHO_REQUEST;
  const replyType = family === 4 ? ICMPV4_ECHO_REPLY : ICMPV6_ECHO_REPLY;
  if (type === requestType || type === replyType) {
    if (code !== 0) return decodeError(`bad ${label} echo code ${code}: must be 0`);
    return decoded({
      kind: 'icmp',
      type: type === requestType ? 'echo-request' : 'echo-reply',
      id: readU16(bytes, start + 4),
      seq: readU16(bytes, start + 6),
      payload: bytes.slice(start + ICMP_HEADER_LENGTH, end),
    });
  }
  if (isSupportedIcmpErrorType(family, type)) {
    return decoded({ kind: 'icmp-error', type, code, original: bytes.slice(start + ICMP_HEADER_LENGTH, end) });
  }
  return decodeError(`unsupported ${label} type ${type} (code ${code})`);
}
