/**
 * Manifests and scenario files are decoded strictly as UTF-8, as kubectl's goyaml.v2 reader
 * does: bytes that are not UTF-8 are an error at their line and column with goyaml's reason,
 * never a silent U+FFFD in a label value or a name.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/model/utf8-text.js';
import { cli } from '../support/cli.js';
import { scratchDir } from '../fuzz/fixtures.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeUtf8', () => {
  it.each([
    ['a stray 0xff', bytes('a: 1\nb: x', [0xff]), { line: 2, column: 5, byte: 0xff, reason: 'invalid leading UTF-8 octet' }],
    ['a lone continuation byte', bytes('é', [0x80]), { line: 1, column: 2, byte: 0x80, reason: 'invalid leading UTF-8 octet' }],
    ['a cut-off sequence at the end', bytes('x: ', [0xe2, 0x82]), { line: 1, column: 4, byte: 0xe2, reason: 'incomplete UTF-8 octet sequence' }],
    ['a bad trailing byte', bytes('\n\nk: ', [0xc3, 0x41]), { line: 3, column: 4, byte: 0xc3, reason: 'invalid trailing UTF-8 octet' }],
    ['an overlong slash', bytes('k: ', [0xc0, 0xaf]), { line: 1, column: 4, byte: 0xc0, reason: 'invalid length of a UTF-8 sequence' }],
    ['an encoded surrogate', bytes('k: ', [0xed, 0xa0, 0x80]), { line: 1, column: 4, byte: 0xed, reason: 'invalid Unicode character' }],
    ['past U+10FFFF', bytes('k: ', [0xf4, 0x90, 0x80, 0x80]), { line: 1, column: 4, byte: 0xf4, reason: 'invalid Unicode character' }],
  ])('%s', (_name, input, expected) => {
    expect(decodeUtf8(input)).toEqual({ kind: 'invalid', ...expected });
  });

  it.each([
    ['ASCII', 'apiVersion: v1\n'],
    ['accents, CJK and emoji', 'app: café 日本 🚀\n'],
    ['a real U+FFFD written as UTF-8', 'app: \ufffd\n'],
    ['a BOM (left to the YAML reader)', '\ufeffkind: Pod\n'],
  ])('decodes %s exactly', (_name, text) => {
    expect(decodeUtf8(Buffer.from(text, 'utf8'))).toEqual({ kind: 'ok', text });
  });
});

describe('the CLI refuses files that are not UTF-8', () => {
  const dir = scratchDir();
  const pod = join(dir, 'pod.yaml');
  writeFileSync(pod, bytes('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: caf', [0xe9], '}\n'));
  const scenario = join(dir, 'lab.yaml');
  writeFileSync(scenario, bytes('title: x\nsteps:\n  - wait: 1s  # ', [0xff], '\n'));

  it('a manifest (Latin-1 é): the file, the line, the byte, and exit 1 as for any bad manifest', async () => {
    const run = await cli('explain', '-f', pod);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`${pod}:5: cannot read manifest: not UTF-8 at line 5, column 20 (byte 0xe9): invalid trailing UTF-8 octet; save the file as UTF-8 (kubectl refuses it too)\n`);
  });

  it('a scenario file: a usage error naming it, exit 2', async () => {
    const run = await cli('run', scenario);
    expect(run.code).toBe(2);
    expect(run.err).toContain('not UTF-8 at line 3, column 17 (byte 0xff): invalid leading UTF-8 octet');
    expect(run.err).toContain(scenario);
  });
});
