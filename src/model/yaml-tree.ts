/**
 * Turns a composed YAML document into the plain tree the readers walk, as kubectl's decoder
 * (sigs.k8s.io/yaml over go-yaml v2) sees it:
 * - aliases (`*s`) are replaced by the nodes their anchors name, and merge keys (`<<: *m`,
 *   `<<: [*a, *b]`) are expanded: keys written in the map win over merged ones, an earlier
 *   merge source over a later one (go-yaml v2 `decoder.merge`);
 * - duplicate keys are errors naming the key's path and both lines (the API server's strict
 *   decoding refuses them too);
 * - nodes keep their source ranges, so a problem inside an aliased value points at the text
 *   of its anchor.
 *
 * Guarantees: the result has no Alias node and no merge key; expansion stops with one located
 * error past `MAX_EXPANDED_NODES` copied nodes or `MAX_NESTING_DEPTH` levels (alias bombs, an
 * alias inside its own anchor). A document without aliases is walked in place (only duplicate
 * pairs are dropped from it); one with aliases is copied, so no anchor's node is changed.
 */
import { isAlias, isMap, isScalar, isSeq, Pair, YAMLMap, YAMLSeq, type Alias, type Document, type LineCounter } from 'yaml';
import type { Diagnostic } from './types.js';
import { MAX_EXPANDED_NODES, MAX_NESTING_DEPTH } from './limits.js';
import { quote } from './quote.js';
import { appendAll } from './append-all.js';

interface TreeContext {
  readonly file: string;
  readonly lines: LineCounter;
  readonly diagnostics: Diagnostic[];
}

function lineOf(ctx: TreeContext, node: unknown, fallback: number): number {
  const range = (node as { range?: readonly number[] | null } | null)?.range;
  return range ? ctx.lines.linePos(range[0] ?? 0).line : fallback;
}

/** The text of a scalar key as kubectl's JSON conversion names it (`on:` is "true" in YAML 1.1). */
export function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const v = key.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null) return 'null';
  return undefined;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.type === 'PLAIN';
}

function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Maps every alias of the document to the node of the anchor it names (the latest before it). */
function anchorTargets(root: unknown): Map<Alias, unknown> {
  const targets = new Map<Alias, unknown>();
  const anchors = new Map<string, unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      targets.set(node, anchors.get(node.source));
      continue;
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (typeof anchor === 'string' && anchor !== '') anchors.set(anchor, node);
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        stack.push(pair?.value, pair?.key);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return targets;
}

/** Whether the tree holds any alias or merge key (most documents do not: no copy is made). */
function needsExpansion(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) return true;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isMergeKey(pair.key)) return true;
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return false;
}

class Expander {
  /** Nodes copied through aliases so far. */
  private copied = 0;
  /** How many aliases the walk is inside (copies are counted only there). */
  private inAlias = 0;
  /** The field path of the node being expanded, one part per level (joined only for messages). */
  private readonly path: string[] = [];
  /** Set when expansion stopped at a bound: the tree is then incomplete. */
  failed = false;
  constructor(
    private readonly ctx: TreeContext,
    private readonly targets: Map<Alias, unknown>,
    private readonly copy: boolean,
  ) {}

  private pathText(extra?: string): string {
    let out = '';
    for (const part of extra === undefined ? this.path : [...this.path, extra]) out = part.startsWith('[') ? out + part : childPath(out, part);
    return out;
  }

  private error(node: unknown, fallback: unknown, path: string, message: string): void {
    const line = lineOf(this.ctx, node, lineOf(this.ctx, fallback, 1));
    this.ctx.diagnostics.push({ severity: 'error', file: this.ctx.file, line, path, message });
  }

  private stop(node: unknown, fallback: unknown, message: string): undefined {
    if (!this.failed) this.error(node, fallback, this.pathText(), message);
    this.failed = true;
    return undefined;
  }

  /** `at` is the nearest node with a position (for an error's line). */
  expand(node: unknown, at: unknown): unknown {
    if (this.failed) return undefined;
    if (this.inAlias > 0 && ++this.copied > MAX_EXPANDED_NODES) {
      return this.stop(node, at, `the document copies more than ${MAX_EXPANDED_NODES} nodes through its aliases; vrsim stops here`);
    }
    if (isAlias(node)) {
      const target = this.targets.get(node);
      if (target === undefined) return this.stop(node, at, `alias *${node.source} names no anchor before it in this document`);
      this.inAlias++;
      const out = this.expand(target, node);
      this.inAlias--;
      return out;
    }
    if (!isMap(node) && !isSeq(node)) return node;
    if (this.path.length >= MAX_NESTING_DEPTH) {
      return this.stop(node, at, `nesting deeper than ${MAX_NESTING_DEPTH} levels (through aliases); vrsim reads at most ${MAX_NESTING_DEPTH}`);
    }
    if (isSeq(node)) {
      const out = this.copy ? new YAMLSeq() : node;
      if (out !== node) {
        out.range = node.range;
        out.flow = node.flow;
      }
      for (let i = 0; i < node.items.length; i++) {
        this.path.push(`[${i}]`);
        const value = this.expand(node.items[i], node.items[i] ?? node);
        this.path.pop();
        if (out !== node) out.items.push(value);
      }
      return out;
    }
    return this.expandMap(node);
  }

  private expandMap(node: YAMLMap): YAMLMap {
    const out = this.copy ? new YAMLMap() : node;
    if (out !== node) {
      out.range = node.range;
      out.flow = node.flow;
    }
    const written = new Map<string, unknown>();
    const merged: Pair[] = [];
    const kept: Pair[] = [];
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) {
        appendAll(merged, this.mergeSources(pair.value, pair.key));
        continue;
      }
      const text = keyText(pair.key);
      if (text !== undefined) {
        const first = written.get(text);
        if (first !== undefined) {
          this.error(pair.key, node, this.pathText(text), `duplicate key ${quote(text)} (first at line ${lineOf(this.ctx, first, 1)}); the API server refuses it`);
          continue;
        }
        written.set(text, pair.key);
      }
      this.path.push(text ?? '?');
      const value = this.expand(pair.value, pair.key);
      this.path.pop();
      kept.push(out === node ? pair : new Pair(pair.key, value));
    }
    for (const pair of merged) {
      const text = keyText(pair.key);
      if (text !== undefined && written.has(text)) continue;
      if (text !== undefined) written.set(text, pair.key);
      kept.push(pair);
    }
    out.items = kept;
    return out;
  }

  /** The pairs a merge key brings in, already expanded; earlier sources win. */
  private mergeSources(value: unknown, key: unknown): Pair[] {
    const sources = isSeq(value) ? value.items : [value];
    const pairs: Pair[] = [];
    const seen = new Set<string>();
    for (const source of sources) {
      const expanded = this.expand(source, key);
      if (this.failed) return [];
      if (!isMap(expanded)) {
        this.error(key, key, this.pathText('<<'), 'a merge key (<<) needs a mapping or a list of mappings, e.g. <<: *defaults');
        continue;
      }
      for (const pair of expanded.items) {
        const text = keyText(pair.key);
        if (text !== undefined && seen.has(text)) continue;
        if (text !== undefined) seen.add(text);
        pairs.push(pair as Pair);
      }
    }
    return pairs;
  }
}

/** The document's contents as a plain tree (see the header); undefined when a bound stopped it. */
export function plainTree(ctx: TreeContext, doc: Document.Parsed): unknown {
  // Without aliases the tree is walked in place (duplicate keys are still found); with them
  // it is copied, so an anchor's node is never changed under another alias.
  const copy = needsExpansion(doc.contents);
  const expander = new Expander(ctx, copy ? anchorTargets(doc.contents) : new Map(), copy);
  const tree = expander.expand(doc.contents, doc.contents);
  return expander.failed ? undefined : tree;
}
