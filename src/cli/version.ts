/**
 * The vrsim version, read from package.json (found upward from this module: src/cli or
 * dist/src/cli). Printed by `--version` and written into reach shard files, whose merge
 * refuses shards of another version.
 */
import { readFileSync } from 'node:fs';

/** The version in package.json (found upward from this module: src/cli or dist/src/cli). */
export function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'vrsim' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not there: try the next level
    }
  }
  return 'unknown';
}
