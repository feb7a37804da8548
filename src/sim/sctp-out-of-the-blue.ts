/**
 * What an SCTP stack answers to an out-of-the-blue packet, one that matches no association
 * and that no listener takes (RFC 9260 §8.4). Guarantees: an INIT gets ABORT carrying the
 * INIT's initiate tag (T bit clear); a SHUTDOWN ACK gets SHUTDOWN COMPLETE and anything else
 * ABORT, both reflecting the packet's own verification tag (T bit set); an ABORT or SHUTDOWN
 * COMPLETE gets no answer. Ports are swapped.
 */
import type { SctpChunk, SctpPacket } from '../packet/types.js';
import { SCTP_ABORT, SCTP_FLAG_T, SCTP_INIT, SCTP_SHUTDOWN_ACK, SCTP_SHUTDOWN_COMPLETE } from './sctp-association.js';

const EMPTY = new Uint8Array(0);

/** The answer to an out-of-the-blue packet whose first chunk is `first`, or undefined for none. */
export function outOfTheBlueAnswer(sctp: SctpPacket, first: SctpChunk): SctpPacket | undefined {
  if (first.type === SCTP_ABORT || first.type === SCTP_SHUTDOWN_COMPLETE) return undefined;
  const reply = (type: number, flags: number, verificationTag: number): SctpPacket => ({
    kind: 'sctp',
    srcPort: sctp.dstPort,
    dstPort: sctp.srcPort,
    verificationTag,
    chunks: [{ type, flags, value: EMPTY }],
  });
  if (first.type === SCTP_INIT) {
    const initiateTag = first.value.length >= 4 ? ((first.value[0]! << 24) | (first.value[1]! << 16) | (first.value[2]! << 8) | first.value[3]!) >>> 0 : 0;
    return reply(SCTP_ABORT, 0, initiateTag);
  }
  if (first.type === SCTP_SHUTDOWN_ACK) return reply(SCTP_SHUTDOWN_COMPLETE, SCTP_FLAG_T, sctp.verificationTag);
  return reply(SCTP_ABORT, SCTP_FLAG_T, sctp.verificationTag);
}
