/**
 * Scenario types: a lab replay as typed data. A scenario is the initial cluster (manifest
 * files or inline YAML), the settings, and an ordered list of steps; every step remembers
 * the scenario line it came from so the runner and the transcript can point back at it.
 *
 * Guarantees: steps are a discriminated union on `kind`; expectations are a discriminated
 * union on `kind` as well; nothing here performs I/O.
 */
import type { ClusterSettings, EndpointRef } from '../sim/cluster/types.js';
import type { SourceRef } from '../model/types.js';
import type { VrouterToolRequest } from './vrouter-request.js';

/** A manifest included by a scenario: a file (path relative to the scenario) or inline YAML. */
export type ManifestSource =
  | { readonly kind: 'file'; readonly path: string; readonly line: number }
  | { readonly kind: 'inline'; readonly text: string; readonly line: number };

/** A resolved manifest: the text and the name diagnostics use for it. */
export interface ManifestText {
  /** As displayed (`policy1-do.yaml` for a file, `lab.yaml (inline at line 12)` for inline). */
  readonly file: string;
  readonly text: string;
  /** The file name a user would type after `kubectl apply -f`. */
  readonly shownName: string;
  /** Inline YAML starts this many lines into the scenario file (0 for files). */
  readonly lineOffset: number;
}

/** Which objects a delete step names. */
export type DeleteTarget =
  | { readonly kind: 'object'; readonly objectKind: 'Namespace' | 'Pod' | 'NetworkPolicy'; readonly namespace?: string; readonly name: string }
  | { readonly kind: 'manifest'; readonly manifest: ManifestText };

export type LabelTarget =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'namespace'; readonly name: string };

export type CurlExpectation =
  | { readonly kind: 'outcome'; readonly outcome: 'success' | 'timeout' | 'refused' }
  | { readonly kind: 'exact'; readonly exitCode?: number; readonly stdout?: string; readonly stderr?: string };

export type PingExpectation = 'success' | 'no-reply';
export type UdpExpectation = 'success' | 'timeout' | 'unreachable';
export type SctpExpectation = 'success' | 'timeout' | 'aborted';
export type BackgroundExpectation = 'responses' | 'no-responses';

/** One expected flow record; absent fields are not checked. Ports may be `*`. */
export interface FlowExpectation {
  readonly source?: { readonly ip: string; readonly port: number | '*' };
  readonly destination?: { readonly ip: string; readonly port: number | '*' };
  readonly action?: string;
  readonly dropReason?: string;
  readonly tcp?: string;
  readonly packets?: number;
  readonly bytes?: number;
  readonly line: number;
}

/** What a `vrouter` step checks: counters by name (dropstats' printed names, vif's vifr_* fields) and texts in the output. */
export interface VrouterStepExpectation {
  readonly counters: readonly { readonly name: string; readonly value: number; readonly line: number }[];
  readonly contains: readonly string[];
  readonly line: number;
}

export interface FlowMatchTerm {
  readonly ip?: string;
  readonly port?: number;
}

interface StepBase {
  readonly line: number;
  /** Position in `steps` (0-based). */
  readonly index: number;
}

export type Step =
  | (StepBase & { readonly kind: 'note'; readonly text: string })
  | (StepBase & { readonly kind: 'apply'; readonly manifest: ManifestText })
  | (StepBase & { readonly kind: 'delete'; readonly target: DeleteTarget })
  | (StepBase & {
      readonly kind: 'label';
      readonly target: LabelTarget;
      readonly set: Readonly<Record<string, string>>;
      readonly remove: readonly string[];
    })
  | (StepBase & {
      readonly kind: 'curl';
      readonly from: EndpointRef;
      /** Destination as written: an endpoint (resolved to a URL at run time) or a URL. */
      readonly to: { readonly kind: 'endpoint'; readonly ref: EndpointRef; readonly port?: number } | { readonly kind: 'url'; readonly url: string };
      readonly maxTimeSeconds: number;
      readonly expect?: CurlExpectation;
    })
  | (StepBase & { readonly kind: 'ping'; readonly from: EndpointRef; readonly to: EndpointRef; readonly count: number; readonly expect?: PingExpectation })
  | (StepBase & { readonly kind: 'udp'; readonly from: EndpointRef; readonly to: EndpointRef; readonly port: number; readonly timeoutSeconds: number; readonly expect?: UdpExpectation })
  | (StepBase & { readonly kind: 'sctp'; readonly from: EndpointRef; readonly to: EndpointRef; readonly port: number; readonly timeoutSeconds: number; readonly expect?: SctpExpectation })
  | (StepBase & {
      readonly kind: 'background';
      readonly name: string;
      readonly from: EndpointRef;
      readonly to: EndpointRef;
      readonly port: number;
      readonly everyMs: number;
      readonly keepAlive: boolean;
    })
  | (StepBase & { readonly kind: 'stop'; readonly name: string })
  | (StepBase & { readonly kind: 'wait'; readonly ms: number })
  | (StepBase & { readonly kind: 'check'; readonly background: string; readonly lastMs: number; readonly expect: BackgroundExpectation })
  | (StepBase & {
      readonly kind: 'reach';
      readonly ports: readonly (number | string)[];
      readonly protocols: readonly ('TCP' | 'UDP' | 'SCTP')[];
      readonly hosts: boolean;
      readonly expect?: string;
    })
  | (StepBase & {
      /** Apply a manifest and show what it changes: a reach before and after, compared. */
      readonly kind: 'diff';
      readonly manifest: ManifestText;
      readonly ports: readonly (number | string)[];
      readonly protocols: readonly ('TCP' | 'UDP' | 'SCTP')[];
      readonly hosts: boolean;
      /** Connections (`from -> to PROTO/port`) expected to change; absent = not checked. */
      readonly expect?: { readonly newlyBlocked: readonly string[]; readonly newlyAllowed: readonly string[] };
    })
  | (StepBase & {
      /** A tf-vrouter utility on a node (`dropstats`, `vif --get 4`, ...), or `dropstats --clear`. */
      readonly kind: 'vrouter';
      readonly node: string;
      readonly request: VrouterToolRequest;
      readonly clear: boolean;
      readonly expect?: VrouterStepExpectation;
    })
  | (StepBase & {
      readonly kind: 'flows';
      readonly node: string;
      readonly match: readonly FlowMatchTerm[];
      /** `none` = no flow matches; a list = these records (in any order) and no others. */
      readonly expect?: 'none' | readonly FlowExpectation[];
    });

export type StepKind = Step['kind'];

export interface Scenario {
  /** The scenario file as the user named it. */
  readonly file: string;
  readonly name: string;
  readonly source: string;
  readonly description: string;
  readonly settings: ClusterSettings;
  /** Virtual time a user takes between two commands (after every step but note and wait). */
  readonly pauseMs: number;
  /** `capture:` — a pcapng file (relative to the scenario file) to write every packet of the run to. */
  readonly capture?: string;
  readonly resources: readonly ManifestText[];
  readonly steps: readonly Step[];
  readonly origin: SourceRef;
}
