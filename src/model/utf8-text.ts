/**
 * Decodes a manifest's bytes as UTF-8 the way kubectl's YAML reader does: strictly.
 *
 * kubectl reads manifests through goyaml.v2, whose reader (`readerc.go`,
 * `yaml_parser_update_buffer`) refuses a byte sequence that is not UTF-8 with "invalid leading
 * UTF-8 octet", "invalid trailing UTF-8 octet", "incomplete UTF-8 octet sequence", "invalid
 * length of a UTF-8 sequence" (an overlong form) or "invalid Unicode character" (a surrogate
 * or a code point past U+10FFFF). Node's `Buffer.toString('utf8')` would instead replace such
 * bytes with U+FFFD silently, so a label value or a name would change without a word.
 *
 * Guarantees: valid UTF-8 decodes exactly (a leading BOM is kept for the YAML reader to
 * handle); invalid input gives the 1-based line and column (in characters) of the first bad
 * character (its leading byte), that byte's value and goyaml's reason. The validity test is
 * Node's `isUtf8` (WHATWG-strict, the same set of sequences goyaml accepts); the byte-by-byte
 * walk runs only to locate an error.
 */
import { isUtf8 } from 'node:buffer';

export type Utf8Decoded =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'invalid'; readonly line: number; readonly column: number; readonly byte: number; readonly reason: string };

function widthOf(octet: number): number {
  if ((octet & 0x80) === 0x00) return 1;
  if ((octet & 0xe0) === 0xc0) return 2;
  if ((octet & 0xf0) === 0xe0) return 3;
  if ((octet & 0xf8) === 0xf0) return 4;
  return 0;
}

/** The offset and goyaml's reason for the first invalid sequence of `bytes` (which is not valid UTF-8). */
function firstInvalid(bytes: Uint8Array): { readonly offset: number; readonly reason: string } {
  let i = 0;
  while (i < bytes.length) {
    const octet = bytes[i]!;
    const width = widthOf(octet);
    if (width === 0) return { offset: i, reason: 'invalid leading UTF-8 octet' };
    if (i + width > bytes.length) return { offset: i, reason: 'incomplete UTF-8 octet sequence' };
    let value = width === 1 ? octet : width === 2 ? octet & 0x1f : width === 3 ? octet & 0x0f : octet & 0x07;
    for (let k = 1; k < width; k++) {
      const trailing = bytes[i + k]!;
      // goyaml points at the trailing octet; the leading one (the character the user typed) is named here.
      if ((trailing & 0xc0) !== 0x80) return { offset: i, reason: 'invalid trailing UTF-8 octet' };
      value = (value << 6) | (trailing & 0x3f);
    }
    const minimum = width === 1 ? 0 : width === 2 ? 0x80 : width === 3 ? 0x800 : 0x10000;
    if (value < minimum) return { offset: i, reason: 'invalid length of a UTF-8 sequence' };
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return { offset: i, reason: 'invalid Unicode character' };
    i += width;
  }
  // isUtf8 said no but every sequence checks out: cannot happen; locate at the end.
  return { offset: bytes.length, reason: 'invalid UTF-8' };
}

/** Decodes `bytes` strictly as UTF-8, or says where and why it is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): Utf8Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buffer)) return { kind: 'ok', text: buffer.toString('utf8') };
  const { offset, reason } = firstInvalid(bytes);
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // The column counts the characters before the bad byte on its line (all valid up to it).
  const column = buffer.toString('utf8', lineStart, offset).length + 1;
  return { kind: 'invalid', line, column, byte: bytes[offset] ?? 0, reason };
}

/** The message for an invalid file, naming the place, the byte and goyaml's reason. */
export function invalidUtf8Message(decoded: Extract<Utf8Decoded, { kind: 'invalid' }>): string {
  const hex = decoded.byte.toString(16).padStart(2, '0');
  return `not UTF-8 at line ${decoded.line}, column ${decoded.column} (byte 0x${hex}): ${decoded.reason}; save the file as UTF-8`;
}
