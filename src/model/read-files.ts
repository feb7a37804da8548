/**
 * Reads manifest files for `loadCluster` — the model layer's only file I/O.
 *
 * Each path is a file, a directory, or `-` for standard input (read through the caller's
 * `readStdin`, so the CLI's I/O stays injectable). A directory contributes its `.yaml`, `.yml`
 * and `.json` entries in sorted name order, NON-recursively (subfolders such as `variants/`
 * are not read, like `kubectl apply -f dir` without `-R`); symlinks are followed, to files
 * (read) or directories (not descended, like subfolders). Files keep the path as the user
 * wrote it joined with the entry name, so diagnostics name them the way the user typed them.
 *
 * Guarantees:
 * - only regular files are read: a FIFO, a device (`/dev/zero`) or a socket is refused before
 *   it is opened for reading, so nothing hangs or reads forever;
 * - at most `MAX_FILE_BYTES` are read from any file or standard input; past it, an error;
 * - the same file reached twice (`-f a.yaml -f a.yaml`, a file and its directory, two
 *   symlinks to it) is read once, at its first mention;
 * - text is decoded strictly as UTF-8, as kubectl's goyaml.v2 reader does (utf8-text.ts): bytes
 *   that are not UTF-8 are an error at their line, never silently replaced by U+FFFD;
 * - every unreadable path is an `InputError` naming it (all such paths at once).
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from './types.js';
import { InputError } from './diagnostics.js';
import type { ManifestInput } from './documents.js';
import { MAX_FILE_BYTES } from './limits.js';
import { decodeUtf8, invalidUtf8Message } from './utf8-text.js';

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** How standard input is named in diagnostics. */
export const STDIN_NAME = '<stdin>';

export interface ReadOptions {
  /** Reads standard input whole, for the path `-`; absent: `-` is an error. */
  readonly readStdin?: () => string;
  /** Bound on bytes per file (default `MAX_FILE_BYTES`; tests lower it). */
  readonly maxBytes?: number;
}

function isManifestFile(name: string): boolean {
  return MANIFEST_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));
}

function problem(file: string, message: string): Diagnostic {
  return { severity: 'error', file, line: 0, path: '', message };
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

function fileType(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** Bytes that are not UTF-8, found after reading: the line is the diagnostic's. */
interface NotUtf8 {
  readonly kind: 'not-utf8';
  readonly line: number;
  readonly message: string;
}

/** Decodes what was read strictly (see utf8-text.ts); throws a `NotUtf8` for bad bytes. */
function decodeOrThrow(bytes: Buffer): string {
  const decoded = decodeUtf8(bytes);
  if (decoded.kind === 'ok') return decoded.text;
  const notUtf8: NotUtf8 = { kind: 'not-utf8', line: decoded.line, message: invalidUtf8Message(decoded) };
  throw notUtf8;
}

function isNotUtf8(e: unknown): e is NotUtf8 {
  return typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'not-utf8';
}

/** Reads a regular file with a size bound; throws a message (string) or a `NotUtf8` for the user. */
function readBounded(path: string, maxBytes: number): string {
  // O_NONBLOCK: should the path have become a FIFO since it was checked, open does not wait.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw `${fileType(stats)}: vrsim reads manifests from regular files (use -f - for standard input)`;
    if (stats.size > maxBytes) throw `the file is ${stats.size} bytes; vrsim reads at most ${sizeText(maxBytes)} per file`;
    // Read to the end rather than trusting the size (/proc files report 0), never past the bound.
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1));
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw `the file holds more than ${sizeText(maxBytes)}; vrsim reads at most ${sizeText(maxBytes)} per file`;
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return decodeOrThrow(Buffer.concat(chunks, total));
  } finally {
    closeSync(fd);
  }
}

/**
 * One text file read under the same guarantees as a manifest (a regular file only, at most
 * `maxBytes`): the scenario files of `vrsim run` and their includes. Never throws, never
 * blocks on a FIFO, never reads `/dev/zero` forever: a reason for the user instead.
 */
export function readTextFile(path: string, maxBytes = MAX_FILE_BYTES): { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'error'; readonly reason: string } {
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return { kind: 'error', reason: `${fileType(stats)}; vrsim reads regular files` };
    return { kind: 'ok', text: readBounded(path, maxBytes) };
  } catch (e) {
    return { kind: 'error', reason: typeof e === 'string' ? e : isNotUtf8(e) ? e.message : reason(e) };
  }
}

/**
 * Standard input's bytes as text, under the same strict decoding as a file; throws a message
 * (string) naming the line of the first bad byte. For the CLI's reader of `-f -`.
 */
export function decodeStdin(bytes: Buffer): string {
  try {
    return decodeOrThrow(bytes);
  } catch (e) {
    throw isNotUtf8(e) ? e.message : e;
  }
}

export function readManifestInputs(paths: readonly string[], options: ReadOptions = {}): ManifestInput[] {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const inputs: ManifestInput[] = [];
  const problems: Diagnostic[] = [];
  const seen = new Set<string>();
  const readOne = (file: string, stats: Stats): void => {
    if (!stats.isFile()) {
      problems.push(problem(file, `cannot read manifest: ${fileType(stats)}; vrsim reads manifests from regular files (use -f - for standard input)`));
      return;
    }
    let identity: string;
    try {
      identity = realpathSync(file);
    } catch {
      identity = file;
    }
    if (seen.has(identity)) return; // the same file given twice: read once
    seen.add(identity);
    try {
      inputs.push({ file, text: readBounded(file, maxBytes) });
    } catch (e) {
      if (isNotUtf8(e)) problems.push({ ...problem(file, `cannot read manifest: ${e.message} (kubectl refuses it too)`), line: e.line });
      else problems.push(problem(file, `cannot read manifest: ${typeof e === 'string' ? e : reason(e)}`));
    }
  };
  for (const path of paths) {
    if (path === '-') {
      if (seen.has(STDIN_NAME)) continue;
      seen.add(STDIN_NAME);
      if (options.readStdin === undefined) {
        problems.push(problem(STDIN_NAME, 'cannot read manifests from standard input here'));
        continue;
      }
      try {
        const text = options.readStdin();
        if (Buffer.byteLength(text, 'utf8') > maxBytes) problems.push(problem(STDIN_NAME, `cannot read manifest: more than ${sizeText(maxBytes)} on standard input`));
        else inputs.push({ file: STDIN_NAME, text });
      } catch (e) {
        problems.push(problem(STDIN_NAME, `cannot read manifest: ${typeof e === 'string' ? e : reason(e)}`));
      }
      continue;
    }
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (e) {
      problems.push(problem(path, `cannot read manifest: ${reason(e)}`));
      continue;
    }
    if (!stats.isDirectory()) {
      readOne(path, stats);
      continue;
    }
    const entries = readdirSync(path, { withFileTypes: true })
      .filter((entry) => !entry.isDirectory() && isManifestFile(entry.name))
      .map((entry) => entry.name)
      .sort();
    let files = 0;
    for (const name of entries) {
      const file = join(path, name);
      let target: Stats;
      try {
        target = statSync(file); // follows symlinks
      } catch (e) {
        problems.push(problem(file, `cannot read manifest: ${(e as { code?: unknown }).code === 'ENOENT' ? 'broken symbolic link' : reason(e)}`));
        continue;
      }
      if (target.isDirectory()) continue; // a symlink to a directory: not descended, like subfolders
      files++;
      readOne(file, target);
    }
    if (files === 0) problems.push(problem(path, 'directory has no .yaml, .yml or .json files (subdirectories are not read)'));
  }
  if (problems.length > 0) throw new InputError(problems);
  return inputs;
}
