/**
 * Judges a `vrouter` step: each expected counter against the tool's named counters (exact
 * value; an unknown name fails and lists the names the tool has, with the closest first), each
 * expected text against the output, and a tool that refused the request (no such vif index,
 * VRF or flow on the node) fails every expectation with the tool's message.
 * Guarantees: pure; one verdict per counter and per text.
 */
import { suggestClosest } from '../model/suggest.js';
import type { ExpectationResult } from './report-types.js';
import type { Step } from './types.js';

/** What the step's tool gave: its text and named counters, or the refusal. */
export type VrouterToolView =
  | { readonly kind: 'output'; readonly text: string; readonly counters: Readonly<Record<string, number>>; readonly json: unknown }
  | { readonly kind: 'refused'; readonly message: string };

export function checkVrouterStep(step: Extract<Step, { kind: 'vrouter' }>, view: VrouterToolView): ExpectationResult[] {
  const e = step.expect;
  if (e === undefined) return view.kind === 'refused' ? [{ description: 'expected the tool to run', passed: false, actual: view.message, line: step.line }] : [];
  const out: ExpectationResult[] = [];
  for (const c of e.counters) {
    const description = `expected ${c.name} ${c.value}`;
    if (view.kind === 'refused') {
      out.push({ description, passed: false, actual: view.message, line: c.line });
      continue;
    }
    const got = view.counters[c.name];
    if (got === undefined) {
      const names = Object.keys(view.counters);
      const close = suggestClosest(c.name, names);
      out.push({ description, passed: false, actual: `no counter named "${c.name}"${close === undefined ? '' : ` (did you mean "${close}"?)`}`, line: c.line });
      continue;
    }
    out.push({ description, passed: got === c.value, line: c.line, ...(got === c.value ? {} : { actual: `got ${got}` }) });
  }
  for (const text of e.contains) {
    const description = `expected the output to contain ${JSON.stringify(text)}`;
    if (view.kind === 'refused') out.push({ description, passed: false, actual: view.message, line: e.line });
    else out.push({ description, passed: view.text.includes(text), line: e.line, ...(view.text.includes(text) ? {} : { actual: 'not in the output' }) });
  }
  return out;
}
