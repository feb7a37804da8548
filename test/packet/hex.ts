/** Test helpers: hex text <-> bytes, and a naive reference Internet checksum independent of src/. */

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** RFC 1071 checksum, written the slow obvious way (array of words, modular fold per add). */
export function referenceChecksum(parts: readonly Uint8Array[]): number {
  const all = parts.flatMap((p) => Array.from(p));
  if (all.length % 2 === 1) all.push(0);
  let sum = 0;
  for (let i = 0; i < all.length; i += 2) {
    sum += all[i]! * 256 + all[i + 1]!;
    if (sum > 0xffff) sum = (sum % 0x10000) + 1;
  }
  return 0xffff - sum;
}
