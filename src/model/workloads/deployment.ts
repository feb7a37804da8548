/**
 * Deployment (apps/v1): its current ReplicaSet `<name>-<pod-template-hash>` runs
 * `spec.replicas` pods (default 1, SetDefaults_Deployment in kubernetes
 * pkg/apis/apps/v1/defaults.go) named `<name>-<hash>-<5 chars>`, labelled with the template's
 * labels plus `pod-template-hash` (as the deployment controller's getNewReplicaSet adds it).
 */
import type { WorkloadModule } from './types.js';
import { readCount, generatedNames, withLabels } from './spec-fields.js';

export const deployment: WorkloadModule = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  specFields: ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'],
  readSpec(spec) {
    const replicas = readCount(spec, 'replicas', 1);
    return replicas === undefined ? undefined : { kind: 'Deployment', replicas };
  },
  templateOf: (spec) => ({ parent: spec, key: 'template' }),
  pods(w, ctx) {
    if (w.spec.kind !== 'Deployment') return [];
    const hash = w.template.hash;
    const labels = withLabels(w.template.labels, { 'pod-template-hash': hash });
    return generatedNames(ctx.seed, w.namespace, `${w.name}-${hash}-`, w.spec.replicas).map((name) => ({ name, labels }));
  },
};

/** The ReplicaSet name a Deployment's pods carry: `<deployment>-<pod-template-hash>`. */
export function replicaSetNameOf(deploymentName: string, hash: string): string {
  return `${deploymentName}-${hash}`;
}
