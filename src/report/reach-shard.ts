/**
 * The shard file of a reach cut across machines (`vrsim reach --shard i/N`): one shard's
 * verdict bytes (its source rows, every port group), and everything needed to rebuild the
 * same reach elsewhere: the manifests' bytes, the flags that decide the result and the vrsim
 * version, with a SHA-256 digest over those three so that `vrsim merge` can tell shards of
 * the same reach from shards of different ones.
 *
 * Guarantees: `shardRows` cuts the rows into N contiguous ranges covering every row once;
 * `encodeShard` is a pure function of its arguments (the same bytes for the same shard);
 * `decodeShard` accepts only what `encodeShard` writes, with its digest recomputed from its
 * own inputs and flags (an edited or truncated file is refused), and says what is wrong.
 */
import { createHash } from 'node:crypto';

export const SHARD_KIND = 'vrsim-reach-shard';
/** The layout of the file; a merge refuses other layouts. */
export const SHARD_FORMAT = 1;

export interface ShardInput {
  readonly file: string;
  readonly text: string;
}

/** What a shard file holds (JSON, one object). */
export interface ReachShard {
  readonly kind: typeof SHARD_KIND;
  readonly format: typeof SHARD_FORMAT;
  readonly vrsim: string;
  /** SHA-256 (hex) over the vrsim version, the flags and the inputs: equal for the shards of one reach. */
  readonly digest: string;
  readonly shard: number;
  readonly shards: number;
  /** The shard's source rows `[from, to)`, of `sources`. */
  readonly rows: { readonly from: number; readonly to: number };
  readonly sources: number;
  readonly destinations: number;
  readonly groups: number;
  /** The flags that decide the result, as plain JSON. */
  readonly flags: Readonly<Record<string, unknown>>;
  readonly inputs: readonly ShardInput[];
  /** SHA-256 (hex) of the verdict bytes, so a damaged file is refused rather than merged. */
  readonly checksum: string;
  /** Base64 of the verdict bytes: group by group, the shard's rows, each row's destinations. */
  readonly verdicts: string;
}

/** Shard `i`'s rows of `N` over `sources` rows: contiguous, as even as whole rows allow. */
export function shardRows(shard: number, shards: number, sources: number): { from: number; to: number } {
  return { from: Math.floor((shard * sources) / shards), to: Math.floor(((shard + 1) * sources) / shards) };
}

/** JSON with object keys sorted, so the digest does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The digest of a reach's inputs: the vrsim version, the result-deciding flags, each manifest's name and bytes. */
export function reachDigest(vrsim: string, flags: Readonly<Record<string, unknown>>, inputs: readonly ShardInput[]): string {
  const hash = createHash('sha256');
  hash.update(canonical({ vrsim, flags }));
  for (const input of inputs) {
    hash.update(`\n${input.file.length}:${input.file}\n${Buffer.byteLength(input.text)}:`);
    hash.update(input.text);
  }
  return hash.digest('hex');
}

export function encodeShard(shard: Omit<ReachShard, 'kind' | 'format' | 'digest' | 'checksum' | 'verdicts'> & { readonly verdicts: Uint8Array }): string {
  const doc: ReachShard = {
    kind: SHARD_KIND,
    format: SHARD_FORMAT,
    vrsim: shard.vrsim,
    digest: reachDigest(shard.vrsim, shard.flags, shard.inputs),
    shard: shard.shard,
    shards: shard.shards,
    rows: { from: shard.rows.from, to: shard.rows.to },
    sources: shard.sources,
    destinations: shard.destinations,
    groups: shard.groups,
    flags: shard.flags,
    inputs: shard.inputs.map((i) => ({ file: i.file, text: i.text })),
    checksum: createHash('sha256').update(shard.verdicts).digest('hex'),
    verdicts: Buffer.from(shard.verdicts.buffer, shard.verdicts.byteOffset, shard.verdicts.byteLength).toString('base64'),
  };
  return `${JSON.stringify(doc)}\n`;
}

/** Thrown for a file that is not a valid shard; `message` says what is wrong with it. */
export class ShardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShardError';
  }
}

function wholeNumber(doc: Record<string, unknown>, field: string, min: number): number {
  const v = doc[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new ShardError(`field "${field}": expected a whole number >= ${min}, got ${JSON.stringify(v) ?? 'nothing'}`);
  return v;
}

/** Read a shard file's text; throws ShardError saying what is wrong. */
export function decodeShard(text: string): ReachShard & { readonly bytes: Uint8Array } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ShardError(`not a vrsim reach shard (not JSON: ${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ShardError('not a vrsim reach shard (expected one JSON object)');
  const doc = parsed as Record<string, unknown>;
  if (doc['kind'] !== SHARD_KIND) throw new ShardError(`not a vrsim reach shard (field "kind": expected "${SHARD_KIND}", got ${JSON.stringify(doc['kind']) ?? 'nothing'})`);
  if (doc['format'] !== SHARD_FORMAT) throw new ShardError(`shard file format ${JSON.stringify(doc['format'])}; this vrsim reads format ${SHARD_FORMAT}`);
  if (typeof doc['vrsim'] !== 'string') throw new ShardError('field "vrsim": expected the version that wrote it');
  if (typeof doc['digest'] !== 'string') throw new ShardError('field "digest": expected a hex digest');
  const shards = wholeNumber(doc, 'shards', 1);
  const shard = wholeNumber(doc, 'shard', 0);
  if (shard >= shards) throw new ShardError(`field "shard": ${shard} is not below "shards" (${shards})`);
  const sources = wholeNumber(doc, 'sources', 0);
  const destinations = wholeNumber(doc, 'destinations', 0);
  const groups = wholeNumber(doc, 'groups', 0);
  const rows = doc['rows'] as { from?: unknown; to?: unknown } | undefined;
  const expected = shardRows(shard, shards, sources);
  if (rows === undefined || rows.from !== expected.from || rows.to !== expected.to) {
    throw new ShardError(`field "rows": shard ${shard}/${shards} of ${sources} rows has rows ${expected.from}-${expected.to}, the file says ${JSON.stringify(rows)}`);
  }
  const flags = doc['flags'];
  if (flags === null || typeof flags !== 'object' || Array.isArray(flags)) throw new ShardError('field "flags": expected an object');
  const inputs = doc['inputs'];
  if (!Array.isArray(inputs) || !inputs.every((i) => i !== null && typeof i === 'object' && typeof i.file === 'string' && typeof i.text === 'string')) {
    throw new ShardError('field "inputs": expected a list of {file, text}');
  }
  if (typeof doc['verdicts'] !== 'string') throw new ShardError('field "verdicts": expected base64 text');
  if (typeof doc['checksum'] !== 'string') throw new ShardError('field "checksum": expected the hex SHA-256 of the verdicts');
  const bytes = new Uint8Array(Buffer.from(doc['verdicts'], 'base64'));
  const cells = groups * (expected.to - expected.from) * destinations;
  if (bytes.length !== cells) throw new ShardError(`field "verdicts": ${bytes.length} verdicts, expected ${cells} (${groups} groups x ${expected.to - expected.from} rows x ${destinations} destinations)`);
  if (createHash('sha256').update(bytes).digest('hex') !== doc['checksum']) throw new ShardError('its verdicts do not match their checksum: the file was edited or damaged');
  const digest = reachDigest(doc['vrsim'], flags as Record<string, unknown>, inputs as ShardInput[]);
  if (digest !== doc['digest']) throw new ShardError('its digest does not match its own inputs and flags: the file was edited or damaged');
  return { ...(doc as unknown as ReachShard), bytes };
}
