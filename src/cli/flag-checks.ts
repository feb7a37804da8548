/**
 * Checks of the command line that yargs does not make, run on every command:
 * - a single-valued flag given twice is an error (`--seed 5 --seed 7`, `-o json -o table`):
 *   yargs would keep both and the command silently pick one;
 * - a boolean flag with a value that is not a boolean (`--hosts=maybe`) is an error;
 * - an unknown flag gets a did-you-mean from the command's flags (`--sede` → `--seed`);
 * - `--seed` takes exactly what `settings.seed` takes: an integer 0..4294967295 (2^32 - 1),
 *   written in decimal (`--seed ''`, `--seed 1e3`, `--seed 4294967296` are refused).
 */
import { suggestClosest } from '../model/suggest.js';
import { UserError } from './io.js';

/** The largest seed (the PRNG is seeded with 32 bits; `settings.seed` has the same bound). */
export const MAX_SEED = 0xffffffff;

export function parseSeed(value: unknown, flag = '--seed'): number {
  if (Array.isArray(value)) throw new UserError(`${flag} was given ${value.length} times (${value.map(String).join(', ')}); give it once`);
  const text = String(value).trim();
  if (!/^\d+$/.test(text) || Number(text) > MAX_SEED) {
    throw new UserError(`${flag}: expected an integer 0..${MAX_SEED} (as settings.seed), got ${JSON.stringify(String(value)).slice(0, 40)}`);
  }
  return Number(text);
}

export interface FlagTable {
  /** Every flag name the command knows (long names and aliases, without dashes). */
  readonly known: readonly string[];
  /** Flags that take several values (`-f`, `-t`). */
  readonly arrays: readonly string[];
  readonly booleans: readonly string[];
}

function dashed(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

/** Throws a `UserError` for a repeated single-valued flag or a non-boolean boolean value. */
export function checkFlags(args: Record<string, unknown>, rawArgv: readonly string[], table: FlagTable): void {
  const arrays = new Set(table.arrays);
  for (const raw of rawArgv) {
    const m = /^--(no-)?([^=]+)=(.*)$/.exec(raw);
    if (m !== null && table.booleans.includes(m[2] ?? '') && !['true', 'false'].includes(m[3] ?? '')) {
      throw new UserError(`--${m[2]}: expected true or false, got ${JSON.stringify(m[3]).slice(0, 40)} (write --${m[2]} or --no-${m[2]})`);
    }
  }
  for (const [key, value] of Object.entries(args)) {
    if (key === '_' || key === '$0' || !Array.isArray(value) || arrays.has(key)) continue;
    if (!table.known.includes(key) || /[A-Z]/.test(key)) continue; // camelCase twins of kebab flags
    throw new UserError(`${dashed(key)} was given ${value.length} times (${value.map(String).join(', ')}); it takes one value`);
  }
}

/** `Unknown argument: sede` → the same line plus `(did you mean --seed?)` when one is close. */
export function unknownFlagHint(message: string, known: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (m === null) return message;
  const hints = (m[1] ?? '').split(', ').flatMap((word) => {
    const guess = suggestClosest(word, known.filter((k) => k.length > 1));
    return guess === undefined ? [] : [`--${word} → --${guess}`];
  });
  return hints.length === 0 ? message : `${message} (did you mean ${hints.join(', ')}?)`;
}
