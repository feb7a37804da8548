/**
 * LabelSelector matching inside the model (the policy layer has its compiled matcher; the
 * model cannot import it): matchLabels AND every matchExpressions requirement, with the
 * Kubernetes meaning of In, NotIn (also true when the key is absent), Exists, DoesNotExist.
 * Guarantees: pure; an empty selector selects everything.
 */
import type { LabelSelector, Labels } from '../types.js';

export function selectorSelects(selector: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  for (const r of selector.matchExpressions) {
    const value = labels[r.key];
    switch (r.operator) {
      case 'In':
        if (value === undefined || !r.values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && r.values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
    }
  }
  return true;
}
