/**
 * Reads manifest files for `loadCluster` — the model layer's only file I/O.
 *
 * Each path is a file or a directory. A directory contributes its `.yaml`, `.yml` and `.json`
 * files in sorted name order, NON-recursively (subfolders such as `variants/` are not read,
 * like `kubectl apply -f dir` without `-R`). Files keep the path as the user wrote it joined
 * with the entry name, so diagnostics name them the way the user typed them. A missing or
 * unreadable path throws an `InputError` naming it (all such paths at once).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from './types.js';
import { InputError } from './diagnostics.js';
import type { ManifestInput } from './documents.js';

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

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
  return e instanceof Error ? e.message : String(e);
}

export function readManifestInputs(paths: readonly string[]): ManifestInput[] {
  const inputs: ManifestInput[] = [];
  const problems: Diagnostic[] = [];
  const readOne = (file: string): void => {
    try {
      inputs.push({ file, text: readFileSync(file, 'utf8') });
    } catch (e) {
      problems.push(problem(file, `cannot read manifest: ${reason(e)}`));
    }
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (e) {
      problems.push(problem(path, `cannot read manifest: ${reason(e)}`));
      continue;
    }
    if (!isDirectory) {
      readOne(path);
      continue;
    }
    const names = readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isFile() && isManifestFile(entry.name))
      .map((entry) => entry.name)
      .sort();
    if (names.length === 0) problems.push(problem(path, 'directory has no .yaml, .yml or .json files (subdirectories are not read)'));
    for (const name of names) readOne(join(path, name));
  }
  if (problems.length > 0) throw new InputError(problems);
  return inputs;
}
