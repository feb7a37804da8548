/**
 * Reads a Kubernetes LabelSelector (`matchLabels` + `matchExpressions`).
 *
 * Guarantees: keys and values follow the label rules; operators are In, NotIn, Exists or
 * DoesNotExist; In/NotIn carry a non-empty `values` list and Exists/DoesNotExist none.
 * Unknown fields inside a selector are warnings with a suggestion.
 */
import type { LabelSelector, LabelSelectorRequirement, SelectorOperator } from './types.js';
import {
  childPath,
  field,
  missing,
  readMap,
  readMapList,
  readString,
  readStringList,
  report,
  warnUnknownFields,
  type MapView,
} from './field-reader.js';
import { checkLabelKey, checkLabelValue } from './k8s-names.js';
import { readLabels } from './read-metadata.js';

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Reads the selector at `key`; undefined when absent or not a mapping (reported). */
export function readSelector(parent: MapView, key: string): LabelSelector | undefined {
  const view = readMap(parent, key);
  if (view === undefined) return undefined;
  warnUnknownFields(view, ['matchLabels', 'matchExpressions']);
  const matchLabels = readLabels(view, 'matchLabels');
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const { item } of readMapList(view, 'matchExpressions') ?? []) {
    const requirement = readRequirement(item);
    if (requirement !== undefined) matchExpressions.push(requirement);
  }
  return { matchLabels, matchExpressions };
}

function readRequirement(item: MapView): LabelSelectorRequirement | undefined {
  warnUnknownFields(item, ['key', 'operator', 'values']);
  const key = readString(item, 'key');
  const keyField = field(item, 'key');
  if (keyField === undefined) missing(item, 'key', 'a label key');
  const keyProblem = key === undefined ? undefined : checkLabelKey(key);
  if (keyProblem !== undefined) report(item.ctx, 'error', keyField?.line ?? item.line, childPath(item.path, 'key'), keyProblem);

  const operatorText = readString(item, 'operator');
  const operatorField = field(item, 'operator');
  if (operatorField === undefined) missing(item, 'operator', 'one of In, NotIn, Exists, DoesNotExist');
  const operator = OPERATORS.find((o) => o === operatorText);
  if (operatorText !== undefined && operator === undefined) {
    report(item.ctx, 'error', operatorField?.line ?? item.line, childPath(item.path, 'operator'), `"${operatorText}" is not a valid operator: expected one of In, NotIn, Exists, DoesNotExist`);
  }

  const values = readStringList(item, 'values');
  const valuesField = field(item, 'values');
  let valid = key !== undefined && keyProblem === undefined && operator !== undefined;
  for (const v of values ?? []) {
    const problem = checkLabelValue(v.value);
    if (problem !== undefined) {
      report(item.ctx, 'error', v.line, v.path, problem);
      valid = false;
    }
  }
  const count = values?.length ?? 0;
  const valuesPath = childPath(item.path, 'values');
  if ((operator === 'In' || operator === 'NotIn') && count === 0) {
    report(item.ctx, 'error', valuesField?.line ?? item.line, valuesPath, `operator ${operator} needs a non-empty values list`);
    valid = false;
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && count > 0) {
    report(item.ctx, 'error', valuesField?.line ?? item.line, valuesPath, `operator ${operator} must not have values`);
    valid = false;
  }
  if (!valid || key === undefined || operator === undefined) return undefined;
  return { key, operator, values: (values ?? []).map((v) => v.value) };
}
