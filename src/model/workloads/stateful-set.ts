/**
 * StatefulSet (apps/v1): `spec.replicas` pods (default 1, SetDefaults_StatefulSet) named
 * `<name>-<ordinal>` from `spec.ordinals.start` (default 0), labelled as the controller's
 * newVersionedStatefulSetPod / updateIdentity do: `controller-revision-hash: <name>-<hash>`,
 * `statefulset.kubernetes.io/pod-name: <pod>`, `apps.kubernetes.io/pod-index: <ordinal>`.
 */
import type { WorkloadModule } from './types.js';
import { readCount, withLabels } from './spec-fields.js';
import { readMap } from '../field-reader.js';

export const statefulSet: WorkloadModule = {
  kind: 'StatefulSet',
  apiVersion: 'apps/v1',
  specFields: ['replicas', 'selector', 'template', 'volumeClaimTemplates', 'serviceName', 'podManagementPolicy', 'updateStrategy',
    'revisionHistoryLimit', 'minReadySeconds', 'persistentVolumeClaimRetentionPolicy', 'ordinals'],
  readSpec(spec) {
    const replicas = readCount(spec, 'replicas', 1);
    const ordinals = readMap(spec, 'ordinals');
    const ordinalsStart = ordinals === undefined ? 0 : readCount(ordinals, 'start', 0);
    if (replicas === undefined || ordinalsStart === undefined) return undefined;
    return { kind: 'StatefulSet', replicas, ordinalsStart };
  },
  templateOf: (spec) => ({ parent: spec, key: 'template' }),
  pods(w) {
    if (w.spec.kind !== 'StatefulSet') return [];
    const out = [];
    for (let i = 0; i < w.spec.replicas; i++) {
      const ordinal = w.spec.ordinalsStart + i;
      const name = `${w.name}-${ordinal}`;
      out.push({
        name,
        labels: withLabels(w.template.labels, {
          'controller-revision-hash': `${w.name}-${w.template.hash}`,
          'statefulset.kubernetes.io/pod-name': name,
          'apps.kubernetes.io/pod-index': String(ordinal),
        }),
      });
    }
    return out;
  },
};
