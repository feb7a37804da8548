/**
 * ReplicationController (v1): `spec.replicas` pods (default 1) named `<name>-<5 chars>`, with
 * the template's labels. Its `spec.selector` is a plain label map that defaults to the
 * template's labels (SetDefaults_ReplicationController in kubernetes pkg/apis/core/v1).
 */
import type { WorkloadModule } from './types.js';
import { readCount, generatedNames } from './spec-fields.js';

export const replicationController: WorkloadModule = {
  kind: 'ReplicationController',
  apiVersion: 'v1',
  specFields: ['replicas', 'minReadySeconds', 'selector', 'template'],
  readSpec(spec) {
    const replicas = readCount(spec, 'replicas', 1);
    return replicas === undefined ? undefined : { kind: 'ReplicationController', replicas };
  },
  templateOf: (spec) => ({ parent: spec, key: 'template' }),
  pods(w, ctx) {
    if (w.spec.kind !== 'ReplicationController') return [];
    return generatedNames(ctx.seed, w.namespace, `${w.name}-`, w.spec.replicas).map((name) => ({ name, labels: w.template.labels }));
  },
};
