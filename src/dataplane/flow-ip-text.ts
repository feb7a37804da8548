/**
 * Text of addresses stored as network-order int32 words, exactly as glibc `inet_ntop` prints
 * them (what the `flow` utility shows): dotted quad for IPv4; for IPv6 lower-case hex groups
 * without leading zeros, the longest run (first on ties) of two or more zero groups as `::`,
 * and the `::a.b.c.d` / `::ffff:a.b.c.d` embedded-IPv4 forms.
 *
 * Cold path only (dumps, logs): these functions build strings.
 */

/** `10.47.255.232` from a network-order word (`IpAddr.w0`). */
export function ipv4Text(word: number): string {
  return `${(word >>> 24) & 0xff}.${(word >>> 16) & 0xff}.${(word >>> 8) & 0xff}.${word & 0xff}`;
}

/**
 * What `inet_ntop(AF_INET, &u32)` prints for a host integer on a little-endian machine:
 * the low byte first (vif 8 → `8.0.0.0`).
 */
export function littleEndianIpv4Text(value: number): string {
  return `${value & 0xff}.${(value >>> 8) & 0xff}.${(value >>> 16) & 0xff}.${(value >>> 24) & 0xff}`;
}

/** Canonical IPv6 text from four network-order words. */
export function ipv6Text(w0: number, w1: number, w2: number, w3: number): string {
  const words = [w0, w1, w2, w3];
  const groups: number[] = [];
  for (const w of words) groups.push((w >>> 16) & 0xffff, w & 0xffff);
  let bestBase = -1;
  let bestLen = 0;
  let curBase = -1;
  let curLen = 0;
  for (let i = 0; i < 8; i++) {
    if (groups[i] === 0) {
      if (curBase < 0) { curBase = i; curLen = 1; } else curLen++;
      if (curLen > bestLen) { bestBase = curBase; bestLen = curLen; }
    } else {
      curBase = -1;
      curLen = 0;
    }
  }
  if (bestLen < 2) bestBase = -1;
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) text += ':';
      continue;
    }
    if (i !== 0) text += ':';
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && groups[5] === 0xffff))) {
      text += ipv4Text(w3);
      break;
    }
    text += groups[i]!.toString(16);
  }
  if (bestBase >= 0 && bestBase + bestLen === 8) text += ':';
  return text;
}
