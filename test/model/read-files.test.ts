/**
 * Reading manifest files: directories are expanded non-recursively in sorted order; missing
 * paths are errors naming them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('readManifestInputs: what is not a regular file, size, symlinks, the same file twice, stdin', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n';
  const lines = (paths: string[], options = {}): string[] => {
    try {
      readManifestInputs(paths, options);
    } catch (e) {
      if (isInputError(e)) return e.diagnostics.map(formatDiagnostic);
      throw e;
    }
    return [];
  };

  it('refuses a character device (/dev/zero) without reading it', () => {
    expect(lines(['/dev/zero'])).toEqual(['/dev/zero: cannot read manifest: a character device; vrsim reads manifests from regular files (use -f - for standard input)']);
  });

  it('refuses a FIFO without opening it (no hang)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrsim-fifo-'));
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(lines([fifo])).toEqual([`${fifo}: cannot read manifest: a named pipe (FIFO); vrsim reads manifests from regular files (use -f - for standard input)`]);
    // In a directory too: the FIFO is named, the other files are still listed.
    writeFileSync(join(dir, 'a.yaml'), pod);
    expect(lines([dir])).toEqual([`${fifo}: cannot read manifest: a named pipe (FIFO); vrsim reads manifests from regular files (use -f - for standard input)`]);
  });

  it('caps the size of a file, also one whose size the system does not report (/proc)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrsim-big-'));
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(2048));
    expect(lines([join(dir, 'big.yaml')], { maxBytes: 1024 })).toEqual([`${join(dir, 'big.yaml')}: cannot read manifest: the file is 2048 bytes; vrsim reads at most 1024 bytes per file`]);
    expect(lines(['/proc/self/environ'], { maxBytes: 1 })[0]).toBe('/proc/self/environ: cannot read manifest: the file holds more than 1 bytes; vrsim reads at most 1 bytes per file');
  });

  it('follows symlinks in a directory (to files), skips symlinks to directories, names a broken one', () => {
    const real = mkdtempSync(join(tmpdir(), 'vrsim-real-'));
    writeFileSync(join(real, 'pod.yaml'), pod);
    const links = mkdtempSync(join(tmpdir(), 'vrsim-links-'));
    symlinkSync(join(real, 'pod.yaml'), join(links, 'a.yaml'));
    symlinkSync(real, join(links, 'b.yaml'));
    expect(readManifestInputs([links]).map((i) => [i.file, i.text])).toEqual([[join(links, 'a.yaml'), pod]]);
    symlinkSync(join(real, 'gone.yaml'), join(links, 'c.yaml'));
    expect(lines([links])).toEqual([`${join(links, 'c.yaml')}: cannot read manifest: broken symbolic link`]);
  });

  it('reads the same file once: given twice, through its directory, or through a symlink', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrsim-twice-'));
    writeFileSync(join(dir, 'a.yaml'), pod);
    symlinkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml'));
    const files = readManifestInputs([join(dir, 'a.yaml'), join(dir, 'a.yaml'), dir]).map((i) => i.file);
    expect(files).toEqual([join(dir, 'a.yaml')]);
  });

  it('reads - from the given standard input, once, named <stdin>', () => {
    const inputs = readManifestInputs(['-', '-'], { readStdin: () => pod });
    expect(inputs).toEqual([{ file: '<stdin>', text: pod }]);
    expect(lines(['-'], { readStdin: () => 'x'.repeat(10), maxBytes: 4 })).toEqual(['<stdin>: cannot read manifest: more than 4 bytes on standard input']);
  });
});
