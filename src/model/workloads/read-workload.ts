/**
 * Reads a workload controller object (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job,
 * CronJob, ReplicationController) into a `WorkloadDraft`, with the API server's validation:
 * - apps/v1 kinds need a non-empty `spec.selector` ("empty selector is invalid");
 * - every selector must select the template's labels ("`selector` does not match template
 *   `labels`", at `spec.template.metadata.labels`, as ValidateDeploymentSpec and its siblings);
 *   a Job's generated selector is its own, so only a manualSelector or a dumped one is checked;
 * - a ReplicationController's map selector defaults to the template's labels;
 * - restartPolicy: `Always` for the replicating kinds, `OnFailure` or `Never` for Jobs;
 * - unknown fields of `spec` warn with a suggestion.
 * Guarantees: undefined when the object is unusable (its errors are recorded); never throws.
 */
import type { LabelSelector, Labels, WorkloadKind } from '../types.js';
import { childPath, field, missing, readInteger, readMap, report, warnUnknownFields, type MapView } from '../field-reader.js';
import { readLabels, readObjectMeta } from '../read-metadata.js';
import { readSelector } from '../read-selector.js';
import { selectorSelects } from './selector-match.js';
import { controllerOf, readOwnerReferences } from './owner-references.js';
import { readPodTemplate } from './pod-template.js';
import type { WorkloadDraft, WorkloadModule } from './types.js';
import { deployment } from './deployment.js';
import { replicaSet } from './replica-set.js';
import { replicationController } from './replication-controller.js';
import { statefulSet } from './stateful-set.js';
import { daemonSet } from './daemon-set.js';
import { job } from './job.js';
import { cronJob } from './cron-job.js';
import { readString } from '../field-reader.js';

export const WORKLOAD_MODULES: Readonly<Record<WorkloadKind, WorkloadModule>> = {
  Deployment: deployment,
  ReplicaSet: replicaSet,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: job,
  CronJob: cronJob,
  ReplicationController: replicationController,
};

export { isWorkloadKind, WORKLOAD_KINDS } from './kinds.js';

const APPS_KINDS: ReadonlySet<WorkloadKind> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

export function readWorkload(kind: WorkloadKind, object: MapView): WorkloadDraft | undefined {
  const module = WORKLOAD_MODULES[kind];
  const meta = readObjectMeta(object, 'dns1123-subdomain');
  const owner = controllerOf(readOwnerReferences(object));
  const metaView = readMap(object, 'metadata');
  const uid = metaView === undefined ? undefined : readString(metaView, 'uid');
  const generation = metaView === undefined ? undefined : readInteger(metaView, 'generation');
  const spec = readMap(object, 'spec');
  if (spec === undefined) {
    if (field(object, 'spec') === undefined) missing(object, 'spec', `the ${kind} spec with a pod template`);
    return undefined;
  }
  warnUnknownFields(spec, module.specFields);
  const kindSpec = module.readSpec(spec, object);
  if (kindSpec === undefined) return undefined;
  const where = module.templateOf(spec);
  const template = where === undefined ? undefined : readPodTemplate(where.parent, where.key);
  if (template === undefined || meta === undefined) return undefined;

  const selector = readWorkloadSelector(kind, spec, template.labels);
  const selectorPath = kind === 'CronJob' ? undefined : childPath(spec.path, 'selector');
  if (selector !== undefined && selectorPath !== undefined && !selectorSelects(selector, template.labels)) {
    report(object.ctx, 'error', template.labelsLine, template.labelsPath, '`selector` does not match template `labels`');
  }
  checkRestartPolicy(kind, template.restartPolicy, object, where?.parent, template.source.line);
  return {
    kind,
    namespace: meta.namespace ?? 'default',
    name: meta.name,
    ...(uid === undefined ? {} : { uid }),
    ...(owner === undefined ? {} : { owner }),
    ...(selector === undefined ? {} : { selector }),
    template,
    spec: kindSpec,
    ...(meta.createdAtMs === undefined ? {} : { createdAtMs: meta.createdAtMs }),
    ...(generation === undefined ? {} : { generation }),
    source: { file: object.ctx.file, line: meta.line },
  };
}

function readWorkloadSelector(kind: WorkloadKind, spec: MapView, templateLabels: Labels): LabelSelector | undefined {
  if (kind === 'CronJob') return undefined;
  if (kind === 'ReplicationController') {
    const written = field(spec, 'selector') === undefined ? undefined : readLabels(spec, 'selector');
    return { matchLabels: written !== undefined && Object.keys(written).length > 0 ? written : templateLabels, matchExpressions: [] };
  }
  const selector = readSelector(spec, 'selector');
  if (APPS_KINDS.has(kind)) {
    if (selector === undefined) {
      if (field(spec, 'selector') === undefined) missing(spec, 'selector', 'a label selector matching spec.template.metadata.labels');
      return undefined;
    }
    if (Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0) {
      report(spec.ctx, 'error', field(spec, 'selector')?.line ?? spec.line, childPath(spec.path, 'selector'), `empty selector is invalid for ${kind.toLowerCase()}`);
      return undefined;
    }
  }
  return selector;
}

function checkRestartPolicy(kind: WorkloadKind, policy: { value: string; line: number; path: string } | undefined, object: MapView, templateParent: MapView | undefined, templateLine: number): void {
  const isJob = kind === 'Job' || kind === 'CronJob';
  const allowed = isJob ? ['OnFailure', 'Never'] : ['Always'];
  const value = policy?.value ?? 'Always';
  if (allowed.includes(value)) return;
  const line = policy?.line ?? templateLine;
  const path = policy?.path ?? childPath(childPath(templateParent?.path ?? 'spec', 'template'), 'spec.restartPolicy');
  const supported = allowed.map((a) => `"${a}"`).join(', ');
  report(object.ctx, 'error', line, path, policy === undefined
    ? `Required value: a ${kind}'s pods need restartPolicy ${supported} (the default "Always" is not allowed)`
    : `Unsupported value: "${value}": supported values: ${supported}`);
}
