/**
 * Reading the TCP options a peer sent, and the segment size Linux uses once timestamps are
 * on every segment. Building option blocks lives in `packet/linux-tcp-options.ts`.
 * Guarantees: `readTimestampValue` never throws on malformed option bytes (it returns undefined).
 */

/** Payload per segment: MSS 1460 minus the 12-byte timestamp option on every segment. */
export const EFFECTIVE_MSS = 1448;

/** The peer's TSval from a segment's options, or undefined when it carries none. */
export function readTimestampValue(options: Uint8Array): number | undefined {
  let at = 0;
  while (at < options.length) {
    const kind = options[at]!;
    if (kind === 0x00) return undefined; // end of option list
    if (kind === 0x01) {
      at += 1;
      continue;
    }
    const length = options[at + 1] ?? 0;
    if (length < 2) return undefined;
    if (kind === 0x08 && length === 10 && at + 10 <= options.length) {
      return ((options[at + 2]! << 24) | (options[at + 3]! << 16) | (options[at + 4]! << 8) | options[at + 5]!) >>> 0;
    }
    at += length;
  }
  return undefined;
}
