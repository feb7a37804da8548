/**
 * Parses a manifest text into plain YAML trees with line numbers, the way kubectl reads it.
 *
 * - Scalars follow YAML 1.1 as go-yaml v2 resolves them (kubectl decodes manifests with
 *   sigs.k8s.io/yaml, which uses goyaml.v2, `resolve.go`): `yes`/`no`/`on`/`off`/`y`/`n` are
 *   booleans, `010` is octal; timestamps stay strings (kubectl turns them back into text) and
 *   sexagesimal numbers (`10:30`) stay strings, as in go-yaml v2. The same rules apply to
 *   every file vrsim reads (manifests and scenarios).
 * - A `.json` file must be strict JSON (trailing commas, single quotes, comments refused).
 * - A text with NUL bytes, or UTF-16, is refused as "not a text file" without echoing it.
 * - Nesting deeper than `MAX_NESTING_DEPTH` is refused with its line before the composer
 *   runs (the CST is walked iteratively, so no depth can exhaust the stack).
 * - Aliases and merge keys are expanded and duplicate keys reported (`yaml-tree.ts`).
 *
 * Guarantees: never throws; problems are located diagnostics; documents come in order.
 */
import { Composer, isScalar, LineCounter, Parser, type CST, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import type { Diagnostic } from './types.js';
import { findJsonError } from './json-check.js';
import { MAX_NESTING_DEPTH } from './limits.js';
import { plainTree } from './yaml-tree.js';
import { goNumberTag, keepYaml11Tag } from './yaml-scalars.js';

/** One document of a stream: its plain tree (null for an empty document) and first line. */
export interface YamlDocument {
  readonly contents: unknown;
  readonly line: number;
}

export interface YamlSource {
  readonly lines: LineCounter;
  readonly documents: readonly YamlDocument[];
  /** True when the text holds no document at all (empty, only comments or `---`). */
  readonly empty: boolean;
}

/** Options of vrsim's YAML: YAML 1.1 scalars as go-yaml v2 (see the header). */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  prettyErrors: false,
  uniqueKeys: false, // duplicates are reported by yaml-tree.ts with the key's path
  customTags: (tags) => [
    ...tags.filter((t) => (typeof t === 'string' ? true : keepYaml11Tag(t.tag, (t as { format?: string }).format))),
    goNumberTag,
  ],
};

function error(file: string, diagnostics: Diagnostic[], line: number, message: string): void {
  diagnostics.push({ severity: 'error', file, line, path: '', message });
}

/** Checks that the text is text: no NUL bytes (binary files, UTF-16, /proc files). */
function textProblem(text: string, lines: (offset: number) => number): { line: number; message: string } | undefined {
  const nul = text.indexOf('\u0000');
  if (nul < 0) return undefined;
  const utf16 = /^\ufeff?(.\u0000){2}|^\ufeff?(\u0000.){2}/s.test(text) || text.startsWith('\ufffd\ufffd');
  return {
    line: lines(nul),
    message: utf16
      ? 'not a text file vrsim can read: it looks like UTF-16; save it as UTF-8'
      : 'not a text file: it holds NUL bytes (expected YAML or JSON manifests)',
  };
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

type Collection = CST.BlockMap | CST.BlockSequence | CST.FlowCollection;

function isCollection(token: CST.Token | null | undefined): token is Collection {
  return token != null && (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection');
}

/** Offset of the first collection nested deeper than the bound, walking the CST iteratively. */
function tooDeep(document: CST.Document): number | undefined {
  const stack: { token: Collection; depth: number }[] = [];
  if (isCollection(document.value)) stack.push({ token: document.value, depth: 1 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (depth > MAX_NESTING_DEPTH) return token.offset;
    for (const item of token.items) {
      if (isCollection(item.key)) stack.push({ token: item.key, depth: depth + 1 });
      if (isCollection(item.value)) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * The line of the first collection nested deeper than `MAX_NESTING_DEPTH` in `text`, or
 * undefined: for readers that compose YAML themselves (scenario files), before they do, so
 * that no depth reaches the composer's recursion.
 */
export function tooDeepLine(text: string): number | undefined {
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    const deep = tooDeep(token);
    if (deep !== undefined) return lineOfOffset(text, deep);
  }
  return undefined;
}

/** The message for a text nested past the bound. */
export const TOO_DEEP_MESSAGE = `nesting deeper than ${MAX_NESTING_DEPTH} levels; vrsim reads at most ${MAX_NESTING_DEPTH} (no Kubernetes object needs more)`;

export function parseYamlSource(file: string, text: string, diagnostics: Diagnostic[]): YamlSource {
  const lines = new LineCounter();
  const none: YamlSource = { lines, documents: [], empty: false };
  const problem = textProblem(text, (offset) => lineOfOffset(text, offset));
  if (problem !== undefined) {
    error(file, diagnostics, problem.line, problem.message);
    return none;
  }
  if (file.toLowerCase().endsWith('.json') && text.trim() !== '') {
    const json = findJsonError(text);
    if (json !== undefined) {
      error(file, diagnostics, lineOfOffset(text, json.offset), `not valid JSON (a .json file is read as JSON, as kubectl does): ${json.message}`);
      return none;
    }
  }
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  for (const token of tokens) {
    if (token.type !== 'document') continue;
    const deep = tooDeep(token);
    if (deep !== undefined) {
      error(file, diagnostics, lines.linePos(deep).line, TOO_DEEP_MESSAGE);
      return none;
    }
  }
  const documents: YamlDocument[] = [];
  let sawDocument = false;
  const ctx = { file, lines, diagnostics };
  for (const doc of new Composer(YAML_OPTIONS).compose(tokens)) {
    const line = lines.linePos(doc.range[0]).line;
    if (doc.errors.length > 0) {
      for (const e of doc.errors) error(file, diagnostics, lines.linePos(e.pos[0]).line, `malformed YAML: ${e.message.split('\n')[0] ?? ''}`);
      sawDocument = true;
      continue;
    }
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) {
      documents.push({ contents: null, line });
      continue;
    }
    sawDocument = true;
    const tree = plainTree(ctx, doc);
    if (tree !== undefined) documents.push({ contents: tree, line });
  }
  return { lines, documents, empty: !sawDocument };
}
