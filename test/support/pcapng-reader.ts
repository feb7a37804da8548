/**
 * A minimal pcapng reader for tests (little-endian files only): checks each block's two total
 * lengths and 32-bit alignment and returns the blocks with their options decoded. A simple
 * reference for the writer; the real consumers (tshark, capinfos) are used in the other tests.
 */
export interface ReadBlock {
  readonly type: number;
  readonly body: Uint8Array;
  readonly options: { code: number; value: Uint8Array }[];
}

/** Fixed-size part of each block body before its options (EPB: + padded packet data). */
function fixedLength(type: number, body: DataView): number {
  if (type === 0x0a0d0d0a) return 16;
  if (type === 1) return 8;
  if (type === 6) return 20 + ((body.getUint32(12, true) + 3) & ~3);
  return body.byteLength;
}

export function readPcapng(bytes: Uint8Array): ReadBlock[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: ReadBlock[] = [];
  let at = 0;
  while (at < bytes.length) {
    const type = view.getUint32(at, true);
    const total = view.getUint32(at + 4, true);
    if (total % 4 !== 0) throw new Error(`block at ${at}: total length ${total} not a multiple of 4`);
    if (view.getUint32(at + total - 4, true) !== total) throw new Error(`block at ${at}: trailing total length differs`);
    const body = bytes.subarray(at + 8, at + total - 4);
    const bodyView = new DataView(body.buffer, body.byteOffset, body.byteLength);
    const options: { code: number; value: Uint8Array }[] = [];
    let o = fixedLength(type, bodyView);
    while (o < body.length) {
      const code = bodyView.getUint16(o, true);
      const length = bodyView.getUint16(o + 2, true);
      if (code === 0) {
        if (o + 4 !== body.length) throw new Error(`block at ${at}: bytes after opt_endofopt`);
        break;
      }
      options.push({ code, value: body.subarray(o + 4, o + 4 + length) });
      o += 4 + ((length + 3) & ~3);
    }
    out.push({ type, body, options });
    at += total;
  }
  return out;
}
