/**
 * pcapng blocks written by hand after the specification (draft-ietf-opsawg-pcapng): Section
 * Header Block, Interface Description Block and Enhanced Packet Block, little-endian.
 *
 * Guarantees: every block is a multiple of 4 bytes and carries its Block Total Length at both
 * ends; options are TLVs padded to 32 bits and closed by opt_endofopt; packet data is padded to
 * 32 bits while Captured/Original Packet Length give the real length; the same inputs give the
 * same bytes. No npm package writes pcapng (there are readers and a libpcap binding only).
 */

const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 0x00000001;
const BLOCK_EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const EPB_FLAGS = 2;

/** LINKTYPE_ETHERNET: every vif is captured as Ethernet II frames. */
export const LINKTYPE_ETHERNET = 1;

export interface PcapOption {
  readonly code: number;
  readonly value: Uint8Array;
}

const utf8 = new TextEncoder();

export function textOption(code: number, text: string): PcapOption {
  return { code, value: utf8.encode(text) };
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function optionsLength(options: readonly PcapOption[]): number {
  if (options.length === 0) return 0;
  let n = 4; // opt_endofopt
  for (const o of options) n += 4 + pad4(o.value.length);
  return n;
}

/** Assemble a block: type, total length, body, options, total length again. */
function block(type: number, body: Uint8Array, options: readonly PcapOption[]): Uint8Array {
  const total = 12 + pad4(body.length) + optionsLength(options);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  out.set(body, 8);
  let at = 8 + pad4(body.length);
  if (options.length > 0) {
    for (const o of options) {
      if (o.value.length > 0xffff) throw new Error(`pcapng option ${o.code} is ${o.value.length} bytes (at most 65535)`);
      view.setUint16(at, o.code, true);
      view.setUint16(at + 2, o.value.length, true);
      out.set(o.value, at + 4);
      at += 4 + pad4(o.value.length);
    }
    view.setUint16(at, OPT_ENDOFOPT, true);
    view.setUint16(at + 2, 0, true);
    at += 4;
  }
  view.setUint32(at, total, true);
  return out;
}

/** Section Header Block, version 1.0, section length unspecified (-1). */
export function sectionHeaderBlock(application: string): Uint8Array {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  view.setUint32(0, BYTE_ORDER_MAGIC, true);
  view.setUint16(4, 1, true);
  view.setUint16(6, 0, true);
  view.setBigInt64(8, -1n, true);
  return block(BLOCK_SHB, body, [textOption(SHB_USERAPPL, application)]);
}

export interface InterfaceDescription {
  readonly name: string;
  readonly description?: string;
  readonly linkType: number;
  readonly snapLength: number;
}

/** Interface Description Block with if_name, if_description and if_tsresol = 9 (nanoseconds). */
export function interfaceDescriptionBlock(i: InterfaceDescription): Uint8Array {
  const body = new Uint8Array(8);
  const view = new DataView(body.buffer);
  view.setUint16(0, i.linkType, true);
  view.setUint16(2, 0, true);
  view.setUint32(4, i.snapLength, true);
  const options = [textOption(IF_NAME, i.name)];
  if (i.description !== undefined) options.push(textOption(IF_DESCRIPTION, i.description));
  options.push({ code: IF_TSRESOL, value: Uint8Array.of(9) });
  return block(BLOCK_IDB, body, options);
}

export type PacketDirection = 'inbound' | 'outbound';

export interface EnhancedPacket {
  readonly interfaceId: number;
  /** Nanoseconds since the epoch of the capture (if_tsresol = 9). */
  readonly timestampNs: number;
  readonly data: Uint8Array;
  readonly direction: PacketDirection;
  readonly comment?: string;
}

/** Enhanced Packet Block: timestamp split in two 32-bit halves, epb_flags with the direction, opt_comment. */
export function enhancedPacketBlock(p: EnhancedPacket): Uint8Array {
  if (!Number.isSafeInteger(p.timestampNs) || p.timestampNs < 0) throw new Error(`pcapng timestamp ${p.timestampNs} ns is not a non-negative integer`);
  const body = new Uint8Array(20 + p.data.length);
  const view = new DataView(body.buffer);
  view.setUint32(0, p.interfaceId, true);
  view.setUint32(4, Math.floor(p.timestampNs / 2 ** 32), true);
  view.setUint32(8, p.timestampNs % 2 ** 32, true);
  view.setUint32(12, p.data.length, true);
  view.setUint32(16, p.data.length, true);
  body.set(p.data, 20);
  const flags = new Uint8Array(4);
  // Bits 0-1: 01 inbound, 10 outbound.
  new DataView(flags.buffer).setUint32(0, p.direction === 'inbound' ? 1 : 2, true);
  const options: PcapOption[] = [];
  if (p.comment !== undefined) options.push(textOption(OPT_COMMENT, p.comment));
  options.push({ code: EPB_FLAGS, value: flags });
  return block(BLOCK_EPB, body, options);
}

/** Concatenate blocks into one file image. */
export function concatBlocks(blocks: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const b of blocks) n += b.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
