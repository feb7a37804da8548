/**
 * Kubernetes label selectors: matching and readable text.
 *
 * Guarantees: `selectorMatches` implements the LabelSelector spec exactly — every
 * `matchLabels` pair and every `matchExpressions` requirement must hold (AND); an empty
 * selector matches every label set. `selectorText` prints the kubectl form
 * (`app=web,tier in (a,b),!legacy`), `<all>` for the empty selector.
 */
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../model/types.js';

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

function requirementHolds(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(labels[req.key] as string);
    case 'NotIn':
      return !has || !req.values.includes(labels[req.key] as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const key of Object.keys(selector.matchLabels)) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== selector.matchLabels[key]) return false;
  }
  for (const req of selector.matchExpressions) {
    if (!requirementHolds(req, labels)) return false;
  }
  return true;
}

function requirementText(req: LabelSelectorRequirement): string {
  switch (req.operator) {
    case 'In':
      return `${req.key} in (${req.values.join(',')})`;
    case 'NotIn':
      return `${req.key} notin (${req.values.join(',')})`;
    case 'Exists':
      return req.key;
    case 'DoesNotExist':
      return `!${req.key}`;
  }
}

/** kubectl-style text; `<all>` for an empty selector. Keys of matchLabels are sorted. */
export function selectorText(selector: LabelSelector): string {
  if (isEmptySelector(selector)) return '<all>';
  const parts = Object.keys(selector.matchLabels)
    .sort()
    .map((k) => `${k}=${selector.matchLabels[k]}`);
  for (const req of selector.matchExpressions) parts.push(requirementText(req));
  return parts.join(',');
}

/** A stable key for caching selector results (same selector text = same pods). */
export function selectorKey(selector: LabelSelector): string {
  return JSON.stringify([
    Object.keys(selector.matchLabels)
      .sort()
      .map((k) => [k, selector.matchLabels[k]]),
    selector.matchExpressions.map((r) => [r.key, r.operator, [...r.values]]),
  ]);
}
