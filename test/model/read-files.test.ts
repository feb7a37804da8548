/**
 * Reading manifest files: directories are expanded non-recursively in sorted order; missing
 * paths are errors naming them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifestInputs } from '../../src/model/read-files.js';
import { formatDiagnostic, isInputError } from '../../src/model/diagnostics.js';

describe('readManifestInputs', () => {
  it('expands a directory: .yaml/.yml/.json only, sorted, without subdirectories', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrsim-model-'));
    for (const name of ['b.yml', 'a.yaml', 'c.json', 'notes.txt']) writeFileSync(join(dir, name), `# ${name}\n`);
    mkdirSync(join(dir, 'variants'));
    writeFileSync(join(dir, 'variants', 'v.yaml'), '# v\n');
    const inputs = readManifestInputs([dir]);
    expect(inputs.map((i) => i.file)).toEqual([join(dir, 'a.yaml'), join(dir, 'b.yml'), join(dir, 'c.json')]);
    expect(inputs[0]?.text).toBe('# a.yaml\n');
  });

  it('reads files given directly, in the given order', () => {
    const inputs = readManifestInputs(['scenarios/book-ch8/manifests/policy1-do.yaml', 'scenarios/book-ch8/manifests/policy-ns.yaml']);
    expect(inputs.map((i) => i.file)).toEqual(['scenarios/book-ch8/manifests/policy1-do.yaml', 'scenarios/book-ch8/manifests/policy-ns.yaml']);
  });

  it('names every missing path in one InputError', () => {
    try {
      readManifestInputs(['no/such.yaml', 'scenarios/book-ch8/manifests/policy-ns.yaml', 'missing-dir']);
      expect.unreachable();
    } catch (e) {
      expect(isInputError(e) && e.diagnostics.map(formatDiagnostic)).toEqual([
        'no/such.yaml: cannot read manifest: no such file or directory',
        'missing-dir: cannot read manifest: no such file or directory',
      ]);
    }
  });
});
