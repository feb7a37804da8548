/**
 * ReplicaSet (apps/v1): `spec.replicas` pods (default 1, SetDefaults_ReplicaSet) named
 * `<name>-<5 chars>` (the controller's generateName), with the template's labels only (a
 * Deployment's ReplicaSet already carries `pod-template-hash` in its template).
 */
import type { WorkloadModule } from './types.js';
import { readCount, generatedNames } from './spec-fields.js';

export const replicaSet: WorkloadModule = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  specFields: ['replicas', 'minReadySeconds', 'selector', 'template'],
  readSpec(spec) {
    const replicas = readCount(spec, 'replicas', 1);
    return replicas === undefined ? undefined : { kind: 'ReplicaSet', replicas };
  },
  templateOf: (spec) => ({ parent: spec, key: 'template' }),
  pods(w, ctx) {
    if (w.spec.kind !== 'ReplicaSet') return [];
    return generatedNames(ctx.seed, w.namespace, `${w.name}-`, w.spec.replicas).map((name) => ({ name, labels: w.template.labels }));
  },
};
