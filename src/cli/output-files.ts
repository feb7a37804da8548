/**
 * Files the commands write besides stdout (`--pcap`, `--junit`, `--html`): the path is checked
 * before anything runs (its directory must exist and not be the path itself), and a failed
 * write is a clear `UserError` naming the flag and the path, never a stack trace.
 */
import { statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliIo } from './io.js';
import { UserError } from './io.js';

/** The absolute path of an output file given with `flag`, or undefined when the flag is absent. */
export function outputPath(io: CliIo, flag: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new UserError(`${flag}: expected a file name`);
  const path = resolve(io.cwd, value);
  let dir;
  try {
    dir = statSync(dirname(path));
  } catch {
    throw new UserError(`${flag}: cannot write "${value}": directory "${dirname(value)}" does not exist`);
  }
  if (!dir.isDirectory()) throw new UserError(`${flag}: cannot write "${value}": "${dirname(value)}" is not a directory`);
  try {
    if (statSync(path).isDirectory()) throw new UserError(`${flag}: cannot write "${value}": it is a directory`);
  } catch (e) {
    if (e instanceof UserError) throw e;
  }
  return path;
}

export function writeOutputFile(flag: string, path: string, data: Uint8Array | string): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw new UserError(`${flag}: cannot write "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
