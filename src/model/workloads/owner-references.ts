/**
 * Reads `metadata.ownerReferences` (what a dump says about who created a pod, a ReplicaSet
 * or a Job) and picks the managing controller.
 *
 * Guarantees: every reference has a kind and a name (else a located error); the controller
 * is the reference with `controller: true`, else the only reference; never throws.
 */
import { field, missing, readBoolean, readMap, readMapList, readString, type MapView } from '../field-reader.js';

export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
  readonly uid?: string;
  readonly controller: boolean;
}

export function readOwnerReferences(object: MapView): OwnerRef[] {
  const meta = readMap(object, 'metadata');
  if (meta === undefined) return [];
  const out: OwnerRef[] = [];
  for (const { item } of readMapList(meta, 'ownerReferences') ?? []) {
    const kind = readString(item, 'kind');
    const name = readString(item, 'name');
    const uid = readString(item, 'uid');
    if (field(item, 'kind') === undefined) missing(item, 'kind', 'the owner\'s kind, e.g. ReplicaSet');
    if (field(item, 'name') === undefined) missing(item, 'name', 'the owner\'s name');
    const controller = readBoolean(item, 'controller') ?? false;
    if (kind === undefined || name === undefined) continue;
    out.push({ kind, name, ...(uid === undefined ? {} : { uid }), controller });
  }
  return out;
}

/** The managing owner: `controller: true`, else the single reference. */
export function controllerOf(owners: readonly OwnerRef[]): OwnerRef | undefined {
  return owners.find((o) => o.controller) ?? (owners.length === 1 ? owners[0] : undefined);
}
