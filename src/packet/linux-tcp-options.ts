/**
 * The TCP option blocks a Linux host puts on its segments (net.ipv4.tcp_sack=1,
 * tcp_timestamps=1, tcp_window_scaling=1, the defaults), so simulated curl/ping traffic has
 * the real sizes: a SYN is 20 + 20 + 20 = 60 bytes of IP, 74 bytes on the Ethernet.
 *
 *   SYN / SYN-ACK  02 04 <mss:2>  04 02  08 0a <tsval:4> <tsecr:4>  01  03 03 <wscale>   (20 bytes)
 *                  MSS            SACK-  timestamps                 NOP window scale
 *                                 permitted
 *   later segments 01 01 08 0a <tsval:4> <tsecr:4>                                         (12 bytes)
 *
 * A SYN carries TSecr 0; the SYN-ACK echoes the SYN's TSval. Deterministic: the output depends
 * only on the inputs (the simulator derives TSval from its virtual clock). Each call returns a
 * fresh array.
 */

import { writeU16, writeU32 } from './bytes.js';

export const LINUX_DEFAULT_MSS = 1460;
export const LINUX_DEFAULT_WINDOW_SCALE = 7;
/** Window a Linux client advertises in its SYN with MSS 1460 (44 * 1460). */
export const LINUX_SYN_WINDOW = 64240;
/** Window a Linux server advertises in its SYN-ACK with MSS 1460 and timestamps (45 * 1448). */
export const LINUX_SYN_ACK_WINDOW = 65160;

export interface LinuxHandshakeOptionInputs {
  readonly tsval: number;
  /** Echoed timestamp: 0 on a SYN, the peer's TSval on a SYN-ACK. */
  readonly tsecr?: number;
  readonly mss?: number;
  readonly windowScale?: number;
}

function handshakeOptions(inputs: LinuxHandshakeOptionInputs, tsecr: number): Uint8Array {
  const out = new Uint8Array(20);
  out[0] = 2;
  out[1] = 4;
  writeU16(out, 2, inputs.mss ?? LINUX_DEFAULT_MSS);
  out[4] = 4;
  out[5] = 2;
  out[6] = 8;
  out[7] = 10;
  writeU32(out, 8, inputs.tsval);
  writeU32(out, 12, tsecr);
  out[16] = 1;
  out[17] = 3;
  out[18] = 3;
  out[19] = inputs.windowScale ?? LINUX_DEFAULT_WINDOW_SCALE;
  return out;
}

/** The 20-byte option block of a Linux SYN (TSecr is 0 unless given). */
export function linuxSynOptions(inputs: LinuxHandshakeOptionInputs): Uint8Array {
  return handshakeOptions(inputs, inputs.tsecr ?? 0);
}

/** The 20-byte option block of a Linux SYN-ACK: same layout, TSecr echoes the SYN's TSval. */
export function linuxSynAckOptions(inputs: LinuxHandshakeOptionInputs & { readonly tsecr: number }): Uint8Array {
  return handshakeOptions(inputs, inputs.tsecr);
}

/** The 12-byte NOP, NOP, timestamps block on every Linux segment after the handshake. */
export function linuxTimestampOptions(tsval: number, tsecr: number): Uint8Array {
  const out = new Uint8Array(12);
  out[0] = 1;
  out[1] = 1;
  out[2] = 8;
  out[3] = 10;
  writeU32(out, 4, tsval);
  writeU32(out, 8, tsecr);
  return out;
}
