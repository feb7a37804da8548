/**
 * Reads a controller's pod template (`spec.template`, or `spec.jobTemplate.spec.template`):
 * the labels the pods get, their container ports, hostNetwork, nodeName / nodeSelector and
 * restartPolicy, and the template's hash (names.ts) for pod-template-hash style names.
 *
 * Guarantees: labels, ports and node names are validated as for a Pod (located errors);
 * unknown fields warn with a did-you-mean as for a Pod, at every level vrsim reads (the
 * template, its metadata, its pod spec, containers and their ports); never throws.
 */
import type { ContainerPort, Labels, SourceRef } from '../types.js';
import { childPath, field, missing, readBoolean, readMap, readString, report, warnUnknownFields, type MapView } from '../field-reader.js';
import { checkDns1123Subdomain } from '../k8s-names.js';
import { readLabels } from '../read-metadata.js';
import { readContainerPorts } from '../read-pod.js';
import { templateHash } from './names.js';
import { OBJECT_META_FIELDS, POD_SPEC_FIELDS } from '../known-fields.js';

export interface PodTemplateDraft {
  readonly labels: Labels;
  /** Line and path of `metadata.labels` (or of the template) for selector errors. */
  readonly labelsLine: number;
  readonly labelsPath: string;
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  readonly nodeName?: string;
  readonly nodeSelector: Labels;
  readonly restartPolicy?: { readonly value: string; readonly line: number; readonly path: string };
  readonly hash: string;
  readonly source: SourceRef;
}

/** Reads the template at `parent.key`; a missing template is a located error. */
export function readPodTemplate(parent: MapView, key = 'template'): PodTemplateDraft | undefined {
  const view = readMap(parent, key);
  if (view === undefined) {
    if (field(parent, key) === undefined) missing(parent, key, 'a pod template (metadata.labels and spec.containers)');
    return undefined;
  }
  warnUnknownFields(view, ['metadata', 'spec']);
  const meta = readMap(view, 'metadata');
  if (meta !== undefined) warnUnknownFields(meta, OBJECT_META_FIELDS);
  const labels = meta === undefined ? {} : readLabels(meta, 'labels');
  const labelsField = meta === undefined ? undefined : field(meta, 'labels');
  const spec = readMap(view, 'spec');
  const ports: ContainerPort[] = [];
  let hostNetwork = false;
  let nodeName: string | undefined;
  let nodeSelector: Labels = {};
  let restartPolicy: PodTemplateDraft['restartPolicy'];
  if (spec === undefined) {
    if (field(view, 'spec') === undefined) missing(view, 'spec', 'a pod spec with containers');
  } else {
    warnUnknownFields(spec, POD_SPEC_FIELDS);
    if (field(spec, 'containers') === undefined) missing(spec, 'containers', 'at least one container');
    readContainerPorts(spec, ports);
    hostNetwork = readBoolean(spec, 'hostNetwork') ?? false;
    nodeName = readString(spec, 'nodeName');
    if (nodeName !== undefined) {
      const problem = checkDns1123Subdomain(nodeName);
      if (problem !== undefined) {
        report(spec.ctx, 'error', field(spec, 'nodeName')?.line ?? spec.line, childPath(spec.path, 'nodeName'), problem);
        nodeName = undefined;
      }
    }
    nodeSelector = readLabels(spec, 'nodeSelector');
    const policy = readString(spec, 'restartPolicy');
    const policyField = field(spec, 'restartPolicy');
    if (policy !== undefined && policyField !== undefined) restartPolicy = { value: policy, line: policyField.line, path: policyField.path };
  }
  return {
    labels,
    labelsLine: labelsField?.line ?? view.line,
    labelsPath: labelsField?.path ?? view.path,
    ports,
    hostNetwork,
    ...(nodeName === undefined ? {} : { nodeName }),
    nodeSelector,
    ...(restartPolicy === undefined ? {} : { restartPolicy }),
    hash: templateHash(view.node.toJSON()),
    source: { file: view.ctx.file, line: view.line },
  };
}
