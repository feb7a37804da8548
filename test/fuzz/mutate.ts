/**
 * Input mutations for the fuzzing suite: a valid fixture (manifest or scenario text) becomes a
 * damaged one by structural edits on its YAML tree — deletion, duplication, a type change,
 * an out-of-range value, a key typo, deep nesting — and by encoding damage on its bytes
 * (invalid UTF-8, a BOM, NUL, CRLF line ends, tabs in the indentation, a control character,
 * truncation). A mutation is plain data (`Mutation`) drawn by fast-check, so a failing case
 * prints as a readable counterexample and replays from the seed.
 */
import fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, Scalar, YAMLMap, YAMLSeq, type Document, type Node, type Pair } from 'yaml';

export type TreeEdit =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'duplicate'; readonly at: number }
  | { readonly kind: 'retype'; readonly at: number; readonly to: number }
  | { readonly kind: 'out-of-range'; readonly at: number; readonly value: number }
  | { readonly kind: 'typo'; readonly at: number }
  | { readonly kind: 'deep'; readonly at: number; readonly depth: number };

export type ByteDamage =
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly kind: 'crlf' }
  | { readonly kind: 'tabs'; readonly at: number }
  | { readonly kind: 'truncate'; readonly at: number };

export interface Mutation {
  readonly edits: readonly TreeEdit[];
  readonly damage: readonly ByteDamage[];
}

/** Values of another type than the one they replace. */
const RETYPED: readonly (() => unknown)[] = [
  () => ({}),
  () => [],
  () => null,
  () => 'a string',
  () => 42,
  () => true,
  () => ({ unexpected: [1, { deeper: 'x' }] }),
  () => [[], {}, null],
];

/** Values past the edges of the fields they land in (ports, counts, durations, names, addresses, CIDRs, seeds). */
export const OUT_OF_RANGE: readonly unknown[] = [
  -1, 0, 65536, 4294967296, 2 ** 53 + 2, 1e308, -0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY,
  '', ' ', 'x'.repeat(300), '9'.repeat(40), '999.999.999.999', '10.0.0.0/33', '::ffff:1.2.3.4/129',
  '1441m', '100000000000000000000s', '1.5ms', '0ms', '-1s', 'Yes', 'on', '0x1F', '1e3', '.inf',
  'UPPER_case!', 'a/b/c', '*', '"', '\u202e', '\u0000', 'ns/pod', 'node/nowhere', 'http://[::1', '8080-80',
];

const BYTE_INSERTS: readonly (readonly number[])[] = [
  [0xff],
  [0xc3], // a truncated 2-byte sequence
  [0xed, 0xa0, 0x80], // an encoded surrogate
  [0xf8, 0x88, 0x80, 0x80, 0x80], // a 5-byte form
  [0xef, 0xbb, 0xbf], // a BOM (at 0: allowed by YAML; elsewhere: content)
  [0x00],
  [0x1b, 0x5b, 0x33, 0x31, 0x6d], // an ANSI escape
  [0x09],
  [0x0d],
  [0x85], // NEL as a raw byte
  [0xe2, 0x80, 0xa8], // U+2028 line separator
];

const nat = fc.nat({ max: 1 << 20 });

export const treeEditArb: fc.Arbitrary<TreeEdit> = fc.oneof(
  nat.map((at) => ({ kind: 'delete' as const, at })),
  nat.map((at) => ({ kind: 'duplicate' as const, at })),
  fc.record({ at: nat, to: fc.nat(RETYPED.length - 1) }).map((r) => ({ kind: 'retype' as const, ...r })),
  { weight: 2, arbitrary: fc.record({ at: nat, value: fc.nat(OUT_OF_RANGE.length - 1) }).map((r) => ({ kind: 'out-of-range' as const, ...r })) },
  nat.map((at) => ({ kind: 'typo' as const, at })),
  fc.record({ at: nat, depth: fc.integer({ min: 20, max: 140 }) }).map((r) => ({ kind: 'deep' as const, ...r })),
);

export const byteDamageArb: fc.Arbitrary<ByteDamage> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ at: nat, bytes: fc.constantFrom(...BYTE_INSERTS) }).map((r) => ({ kind: 'insert' as const, ...r })) },
  fc.constant({ kind: 'crlf' as const }),
  nat.map((at) => ({ kind: 'tabs' as const, at })),
  nat.map((at) => ({ kind: 'truncate' as const, at })),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ edits: fc.array(treeEditArb, { minLength: 1, maxLength: 3 }), damage: fc.constant([]) }) },
  { weight: 2, arbitrary: fc.record({ edits: fc.constant([]), damage: fc.array(byteDamageArb, { minLength: 1, maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ edits: fc.array(treeEditArb, { minLength: 1, maxLength: 2 }), damage: fc.array(byteDamageArb, { minLength: 1, maxLength: 1 }) }) },
);

interface Site {
  /** The collection holding the node (a map's pair or a seq's item). */
  readonly parent: YAMLMap | YAMLSeq;
  readonly index: number;
}

/** Every place a value sits, in document order. */
function sites(doc: Document): Site[] {
  const out: Site[] = [];
  const walk = (node: unknown): void => {
    if (isMap(node) || isSeq(node)) {
      node.items.forEach((item, index) => {
        out.push({ parent: node, index });
        walk(isPair(item) ? item.value : item);
      });
    }
  };
  walk(doc.contents);
  return out;
}

function valueAt(site: Site): unknown {
  const item = site.parent.items[site.index];
  return isPair(item) ? item.value : item;
}

function setValue(doc: Document, site: Site, value: unknown): void {
  const node = doc.createNode(value) as Node;
  const item = site.parent.items[site.index];
  if (isPair(item)) (item as Pair).value = node;
  else (site.parent as YAMLSeq).items[site.index] = node;
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { k: value };
  return value;
}

function applyEdit(doc: Document, edit: TreeEdit): void {
  const all = sites(doc);
  if (all.length === 0) return;
  const site = all[edit.at % all.length]!;
  const items = site.parent.items as unknown[];
  switch (edit.kind) {
    case 'delete':
      items.splice(site.index, 1);
      return;
    case 'duplicate': {
      const item = items[site.index];
      // A map's pair duplicated: the same key twice (an error); a list's item: the same item twice.
      items.splice(site.index, 0, isPair(item) ? new (item.constructor as new (k: unknown, v: unknown) => Pair)(item.key, item.value) : item);
      return;
    }
    case 'retype':
      setValue(doc, site, RETYPED[edit.to]!());
      return;
    case 'out-of-range':
      setValue(doc, site, OUT_OF_RANGE[edit.value]);
      return;
    case 'typo': {
      const item = items[site.index];
      if (isPair(item) && isScalar(item.key) && typeof item.key.value === 'string' && item.key.value.length > 1) {
        const k = item.key.value;
        const i = edit.at % k.length;
        item.key = new Scalar(k.slice(0, i) + k.slice(i + 1));
      }
      return;
    }
    case 'deep':
      if (!isScalar(valueAt(site)) && edit.depth % 3 === 0) return;
      setValue(doc, site, nested(edit.depth));
      return;
  }
}

/** The text with its tree edits applied (documents that do not parse cleanly are left as they are). */
export function editText(text: string, edits: readonly TreeEdit[]): string {
  if (edits.length === 0) return text;
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return text;
  const live = docs.filter((d) => d.contents !== null);
  if (live.length === 0) return text;
  edits.forEach((edit, i) => applyEdit(live[(edit.at + i) % live.length]!, edit));
  return docs.map((d) => d.toString({ lineWidth: 0 })).join('---\n');
}

function damageBytes(bytes: Uint8Array, damage: ByteDamage): Uint8Array {
  const at = (n: number): number => (bytes.length === 0 ? 0 : n % (bytes.length + 1));
  switch (damage.kind) {
    case 'insert': {
      const i = at(damage.at);
      return Uint8Array.from([...bytes.subarray(0, i), ...damage.bytes, ...bytes.subarray(i)]);
    }
    case 'crlf': {
      const out: number[] = [];
      for (const b of bytes) {
        if (b === 0x0a) out.push(0x0d);
        out.push(b);
      }
      return Uint8Array.from(out);
    }
    case 'tabs': {
      // The indentation of one line (the n-th that has any) becomes a tab.
      const text = Buffer.from(bytes).toString('latin1');
      const lines = text.split('\n');
      const indented = lines.map((l, i) => (/^ +/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (indented.length === 0) return bytes;
      const n = indented[damage.at % indented.length]!;
      lines[n] = lines[n]!.replace(/^ +/, '\t');
      return Uint8Array.from(Buffer.from(lines.join('\n'), 'latin1'));
    }
    case 'truncate':
      return bytes.subarray(0, at(damage.at));
  }
}

/** The bytes of the mutated fixture. */
export function mutate(text: string, mutation: Mutation): Uint8Array {
  let bytes: Uint8Array = Uint8Array.from(Buffer.from(editText(text, mutation.edits), 'utf8'));
  for (const d of mutation.damage) bytes = damageBytes(bytes, d);
  return bytes;
}
