/**
 * The pre-parse object count (src/model/object-count.ts): a lower bound of what the loader
 * counts, so a load past MAX_OBJECTS is refused before parsing and no valid load is refused.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { countObjectsAtLeast } from '../../src/model/object-count.js';
import { splitManifest } from '../../src/model/documents.js';
import { loadCluster } from '../../src/model/load.js';
import { InputError } from '../../src/model/diagnostics.js';
import { MAX_OBJECTS } from '../../src/model/limits.js';
import type { Diagnostic } from '../../src/model/types.js';

/** What the loader itself counts after parsing. */
function parsedCount(text: string): number {
  const diagnostics: Diagnostic[] = [];
  return splitManifest({ file: 'm.yaml', text }, diagnostics).length;
}

const ns = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

describe('countObjectsAtLeast', () => {
  const cases: [string, string, number][] = [
    ['one object', ns('a'), 1],
    ['three documents, one empty', `${ns('a')}---\n---\n${ns('b')}--- \n${ns('c')}`, 3],
    ['a List in kubectl layout', `apiVersion: v1\nkind: List\nitems:\n- ${ns('a').replace(/\n(?!$)/g, '\n  ')}- ${ns('b').replace(/\n(?!$)/g, '\n  ')}metadata: {}\n`, 2],
    ['a PodList with an unknown top-level list after items', 'apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: p}\n- metadata: {name: q}\nextra:\n- a\n- b\n- c\n', 2],
    ['kinds that are not simulated count nothing', 'apiVersion: v1\nkind: ConfigMap\n---\nkind: List\nitems:\n- kind: Secret\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n', 1],
    ['indented items count nothing (lower bound)', 'apiVersion: v1\nkind: List\nitems:\n  - kind: Namespace\n    metadata: {name: a}\n', 0],
    ['comments and a block scalar with dashes', `# kind: Pod\n${ns('a')}data: |\n  - x\n  ---\n`, 1],
    ['JSON counts as nothing', '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}', 0],
    ['quoted kind', 'apiVersion: v1\n"kind": Namespace\nkind2: x\n', 0],
    ['CRLF line ends', ns('a').replace(/\n/g, '\r\n'), 1],
  ];
  it.each(cases)('%s', (_what, text, expected) => {
    expect(countObjectsAtLeast(text)).toBe(expected);
    expect(countObjectsAtLeast(text)).toBeLessThanOrEqual(Math.max(parsedCount(text), 0));
  });

  it('never counts more than the loader on random manifests and lists', () => {
    const object = fc.record({
      apiVersion: fc.constant('v1'),
      kind: fc.constantFrom('Namespace', 'Pod', 'ConfigMap'),
      metadata: fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/) }),
      data: fc.option(fc.dictionary(fc.constantFrom('a', 'b', 'items', 'kind'), fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }))), { nil: undefined }),
    });
    const document = fc.oneof(
      object,
      fc.record({ apiVersion: fc.constant('v1'), kind: fc.constantFrom('List', 'PodList'), items: fc.array(object, { maxLength: 4 }) }),
    );
    fc.assert(fc.property(fc.array(document, { minLength: 1, maxLength: 5 }), fc.constantFrom('kubectl', 'indented', 'flow'), (docs, style) => {
      const options = style === 'flow' ? { collectionStyle: 'flow' as const } : { indentSeq: style === 'indented' };
      const text = docs.map((d) => stringify(d, options)).join('---\n');
      const atLeast = countObjectsAtLeast(text);
      expect(atLeast).toBeLessThanOrEqual(parsedCount(text));
      // Block style with unindented sequences, as kubectl prints: the count is exact.
      if (style === 'kubectl') expect(atLeast).toBe(parsedCount(text));
    }), { numRuns: 300, seed: 13 });
  });
});

describe('a load past the object bound', () => {
  it('is refused before parsing, naming the file where the count passes the bound', () => {
    const half = Math.ceil((MAX_OBJECTS + 1) / 2);
    const many = (from: number): string => Array.from({ length: half }, (_, i) => `kind: Namespace\nmetadata: {name: n${from + i}}\n`).join('---\n');
    let error: unknown;
    try {
      loadCluster([{ file: 'a.yaml', text: many(0) }, { file: 'b.yaml', text: many(half) }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const errors = (error as InputError).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file}: ${d.message}`)).toEqual([`b.yaml: more than ${MAX_OBJECTS} objects in all; vrsim loads at most ${MAX_OBJECTS} at once`]);
  });
});
