/**
 * A typo anywhere vrsim reads in a controller's pod template warns as it does in a bare Pod,
 * with the line and a did-you-mean: the template's metadata (`lables`), its pod spec
 * (`hostNetwrk`, `contaners`), containers (`prots`) and their ports (`protcol`), for every
 * controller kind, CronJob's jobTemplate included. The real-cluster dump stays warning-free there.
 */
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/model/load.js';
import { readManifestInputs } from '../../src/model/read-files.js';

const TEMPLATE = (indent: string, restart = 'Always') =>
  `template:
  metadata:
    lables: { app: web }
    labels: { app: web }
  spec:
    hostNetwrk: false
    restartPolicy: ${restart}
    contaners: []
    containers:
    - name: web
      image: nginx
      prots: []
      ports:
      - { containerPort: 80, protcol: TCP }
`.split('\n').map((l) => (l === '' ? l : indent + l)).join('\n');

const CONTROLLERS: Record<string, string> = {
  Deployment: `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: default }\nspec:\n  selector: { matchLabels: { app: web } }\n${TEMPLATE('  ')}`,
  ReplicaSet: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: { name: web, namespace: default }\nspec:\n  selector: { matchLabels: { app: web } }\n${TEMPLATE('  ')}`,
  StatefulSet: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: web, namespace: default }\nspec:\n  serviceName: web\n  selector: { matchLabels: { app: web } }\n${TEMPLATE('  ')}`,
  DaemonSet: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: { name: web, namespace: default }\nspec:\n  selector: { matchLabels: { app: web } }\n${TEMPLATE('  ')}`,
  ReplicationController: `apiVersion: v1\nkind: ReplicationController\nmetadata: { name: web, namespace: default }\nspec:\n  selector: { app: web }\n${TEMPLATE('  ')}`,
  Job: `apiVersion: batch/v1\nkind: Job\nmetadata: { name: web, namespace: default }\nspec:\n${TEMPLATE('  ', 'Never')}`,
  CronJob: `apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: web, namespace: default }\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n${TEMPLATE('      ', 'Never')}`,
};

function warnings(text: string): string[] {
  return loadCluster([{ file: 'w.yaml', text }]).warnings.map((w) => `${w.line}: ${w.message}`);
}

describe('unknown fields in pod templates', () => {
  it.each(Object.keys(CONTROLLERS))('%s: every level of the template warns with a did-you-mean', (kind) => {
    const text = CONTROLLERS[kind]!;
    const lines = text.split('\n');
    const lineOf = (word: string) => lines.findIndex((l) => l.includes(`${word}:`)) + 1;
    const base = kind === 'CronJob' ? 'spec.jobTemplate.spec.template' : 'spec.template';
    const got = warnings(text).filter((w) => w.includes('unknown field'));
    expect(got).toEqual([
      `${lineOf('lables')}: unknown field "${base}.metadata.lables" (did you mean "${base}.metadata.labels"?)`,
      `${lineOf('hostNetwrk')}: unknown field "${base}.spec.hostNetwrk" (did you mean "${base}.spec.hostNetwork"?)`,
      `${lineOf('contaners')}: unknown field "${base}.spec.contaners" (did you mean "${base}.spec.containers"?)`,
      `${lineOf('prots')}: unknown field "${base}.spec.containers[0].prots" (did you mean "${base}.spec.containers[0].ports"?)`,
      `${lineOf('protcol')}: unknown field "${base}.spec.containers[0].ports[0].protcol" (did you mean "${base}.spec.containers[0].ports[0].protocol"?)`,
    ]);
  });

  it('the realistic dump and repository manifests have no unknown field', () => {
    for (const input of ['test/fixtures/real-cluster/cluster.yaml', 'test/fixtures/real-cluster/repo']) {
      const { warnings: w } = loadCluster(readManifestInputs([input]));
      expect(w.filter((d) => d.message.includes('unknown field'))).toEqual([]);
    }
  });
});
