/**
 * DaemonSet (apps/v1): one pod on every node whose labels match the template's
 * `spec.nodeSelector`, named `<name>-<5 chars>`, labelled with `controller-revision-hash:
 * <hash>` and `pod-template-generation: <metadata.generation, default 1>` as the daemon
 * controller does. Taints, tolerations and node affinity are not modelled (every node with
 * matching labels runs one).
 */
import type { WorkloadModule } from './types.js';
import { withLabels } from './spec-fields.js';
import { generatedName, randomSuffix } from './names.js';

export const daemonSet: WorkloadModule = {
  kind: 'DaemonSet',
  apiVersion: 'apps/v1',
  specFields: ['selector', 'template', 'updateStrategy', 'minReadySeconds', 'revisionHistoryLimit'],
  readSpec: () => ({ kind: 'DaemonSet' }),
  templateOf: (spec) => ({ parent: spec, key: 'template' }),
  pods(w, ctx) {
    const labels = withLabels(w.template.labels, {
      'controller-revision-hash': w.template.hash,
      'pod-template-generation': String(w.generation ?? 1),
    });
    const selector = Object.entries(w.template.nodeSelector);
    return ctx.nodes
      .filter((node) => selector.every(([k, v]) => node.labels?.[k] === v))
      .map((node) => ({ name: generatedName(`${w.name}-`, randomSuffix(ctx.seed, `${w.namespace}/${w.name}@${node.name}`)), labels, nodeName: node.name }));
  },
};
