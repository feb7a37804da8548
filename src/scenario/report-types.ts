/**
 * What running a scenario produced: per step, the commands a user would have typed, the
 * output the simulation printed, and each expectation with pass/fail. The text transcript
 * and `-o json` are both renderings of this one value.
 *
 * Guarantees: plain JSON-serialisable data; `passed + failed` = number of expectations.
 */
import type { ClusterSettings } from '../sim/cluster/types.js';
import type { StepKind } from './types.js';

export interface ExpectationResult {
  /** `expected success`, `expected no flow`, ... */
  readonly description: string;
  readonly passed: boolean;
  /** What happened instead (for failures): `got timeout (curl: (28) ...)`. */
  readonly actual?: string;
  /** Scenario line of the expectation. */
  readonly line: number;
}

export interface StepReport {
  /** 1-based position in `steps:` (0 for the setup block). */
  readonly number: number;
  readonly kind: StepKind | 'setup';
  readonly line: number;
  /** The prompt-and-command lines, each already prefixed (`$ `, `[root@cent222 ~]# `) or a `# ` comment. */
  readonly commands: readonly string[];
  /** What the commands printed (may be empty), without a trailing newline. */
  readonly output: string;
  readonly expectations: readonly ExpectationResult[];
  /** What a `vrouter` step's tool showed, as data (its `-o json`). */
  readonly data?: unknown;
  /** Virtual time when the step finished, in milliseconds. */
  readonly timeMs: number;
}

export interface StateDump {
  readonly node: string;
  readonly commands: readonly string[];
  readonly output: string;
}

export interface ScenarioReport {
  readonly file: string;
  readonly name: string;
  readonly source: string;
  readonly description: string;
  readonly settings: ClusterSettings;
  /** One entry per initial resource file (`kubectl apply -f`), number 0. */
  readonly setup: readonly StepReport[];
  readonly steps: readonly StepReport[];
  readonly passed: number;
  readonly failed: number;
  /** Each node's `dropstats` counters at the end of the run (printed names -> value). */
  readonly dropstats: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Set when `--step N` stopped the run early. */
  readonly stoppedAfterStep?: number;
  /** With `--step N`: every node's flow table (`flow -l`) at that point. */
  readonly state?: readonly StateDump[];
}
