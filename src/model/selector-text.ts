/**
 * Label selectors written as `kubectl get -l` takes them: comma-separated requirements
 * `key=value`, `key==value`, `key!=value`, `key in (a,b)`, `key notin (a,b)`, `key` (exists)
 * and `!key` (does not exist), parsed into the model's `LabelSelector`.
 *
 * Guarantees: the whole text is consumed or a message says what was expected at which
 * requirement; keys and values are checked with the API's rules for label keys and values
 * (`k8s-names.ts`); `!=` and `notin` match objects without the key, as the API server does.
 */
import type { LabelSelector, LabelSelectorRequirement } from './types.js';

export type SelectorParse = { readonly ok: true; readonly selector: LabelSelector } | { readonly ok: false; readonly message: string };

const KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Split on commas outside parentheses. */
function splitRequirements(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) return undefined;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(current);
  return parts.map((p) => p.trim());
}

function checkKey(key: string): string | undefined {
  return KEY.test(key) && key.length <= 317 ? undefined : `"${key}" is not a valid label key`;
}

function checkValue(value: string): string | undefined {
  return VALUE.test(value) && value.length <= 63 ? undefined : `"${value}" is not a valid label value`;
}

function requirement(text: string): LabelSelectorRequirement | { readonly error: string } {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(text);
  if (set !== null) {
    const key = set[1]!;
    const values = set[3]!.split(',').map((v) => v.trim());
    const bad = checkKey(key) ?? values.map(checkValue).find((m) => m !== undefined);
    if (bad !== undefined) return { error: bad };
    return { key, operator: set[2] === 'in' ? 'In' : 'NotIn', values };
  }
  const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(text);
  if (cmp !== null) {
    const [, key, op, value] = cmp as unknown as [string, string, string, string];
    const bad = checkKey(key) ?? checkValue(value);
    if (bad !== undefined) return { error: bad };
    return { key, operator: op === '!=' ? 'NotIn' : 'In', values: [value] };
  }
  const not = /^!\s*(\S+)$/.exec(text);
  if (not !== null) {
    const bad = checkKey(not[1]!);
    return bad !== undefined ? { error: bad } : { key: not[1]!, operator: 'DoesNotExist', values: [] };
  }
  if (/^\S+$/.test(text)) {
    const bad = checkKey(text);
    return bad !== undefined ? { error: bad } : { key: text, operator: 'Exists', values: [] };
  }
  return { error: `"${text}" is not key=value, key!=value, key in (a,b), key notin (a,b), key or !key` };
}

export function parseSelectorText(text: string): SelectorParse {
  const parts = splitRequirements(text.trim());
  if (parts === undefined) return { ok: false, message: `unbalanced parentheses in "${text}"` };
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const part of parts) {
    if (part === '') return { ok: false, message: `an empty requirement in "${text}"` };
    const r = requirement(part);
    if ('error' in r) return { ok: false, message: r.error };
    matchExpressions.push(r);
  }
  return { ok: true, selector: { matchLabels: {}, matchExpressions } };
}

/** True when the text can only be a selector (it has an operator), not a pod or namespace name. */
export function looksLikeSelector(text: string): boolean {
  return /[=!(]/.test(text) || /\s(in|notin)\s*\(/.test(text);
}
