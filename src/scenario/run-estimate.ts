/**
 * The dry run's view of how long a scenario runs, before anything runs: the virtual time its
 * waits and pauses add up to (a lower bound: probes add their own time) and the requests its
 * background pollers send over it (one per `every`, from the start of the poller to its stop
 * or the end). Against the bounds of src/sim/limits.ts this gives:
 * - a located error for a scenario certain to pass a bound: waits and pauses past 24 h of
 *   virtual time, or more poller requests than the run may simulate events (each request
 *   is at least one event);
 * - a located warning for a scenario whose pollers are estimated (at the measured events per
 *   request) above LONG_RUN_WARNING_EVENTS: printed before the run starts.
 * Pure: no simulation is created.
 */
import type { Diagnostic } from '../model/types.js';
import { EVENTS_PER_POLLER_TICK, LONG_RUN_WARNING_EVENTS, MAX_EVENTS, MAX_VIRTUAL_TIME_MS } from '../sim/limits.js';
import { formatDurationMs } from './duration.js';
import type { Scenario, Step } from './types.js';

export interface RunEstimate {
  /** Virtual time of the waits and pauses, ms. */
  readonly minimumMs: number;
  /** Requests the background pollers send over that time. */
  readonly pollerRequests: number;
  readonly pollers: number;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

export function estimateRun(scenario: Scenario): RunEstimate {
  const errors: Diagnostic[] = [];
  const at = (step: Step, message: string, severity: 'error' | 'warning' = 'error'): Diagnostic => ({
    severity,
    file: scenario.file,
    line: step.line,
    path: `steps[${step.index}].${step.kind}`,
    message,
  });
  let now = 0;
  let finished = 0;
  let pollers = 0;
  const active = new Map<string, { startMs: number; everyMs: number }>();
  const sent = (p: { startMs: number; everyMs: number }): number => Math.floor((now - p.startMs) / p.everyMs) + 1;
  let timeReported = false;
  let eventsReported = false;
  let firstPoller: Step | undefined;
  for (const step of scenario.steps) {
    if (step.kind === 'background') {
      active.set(step.name, { startMs: now, everyMs: step.everyMs });
      pollers++;
      firstPoller ??= step;
    }
    if (step.kind === 'stop') {
      const p = active.get(step.name);
      if (p !== undefined) finished += sent(p);
      active.delete(step.name);
    }
    if (step.kind === 'wait') now += step.ms;
    else if (step.kind !== 'note') now += scenario.pauseMs;
    if (!timeReported && now > MAX_VIRTUAL_TIME_MS) {
      timeReported = true;
      errors.push(at(step, `the waits and pauses reach ${formatDurationMs(now)} of virtual time by the end of this step, past the ${formatDurationMs(MAX_VIRTUAL_TIME_MS)} (24 hours) one run may simulate (docs/limits.md)`));
    }
    let requests = finished;
    for (const p of active.values()) requests += sent(p);
    if (!eventsReported && requests > MAX_EVENTS) {
      eventsReported = true;
      errors.push(at(step, `the background pollers send ${count(requests)} requests by the end of this step, each at least one event, past the ${count(MAX_EVENTS)} events one run may simulate (docs/limits.md); poll less often (every:), wait less, or stop pollers sooner`));
    }
  }
  let pollerRequests = finished;
  for (const p of active.values()) pollerRequests += sent(p);
  const warnings: Diagnostic[] = [];
  const events = pollerRequests * EVENTS_PER_POLLER_TICK;
  if (errors.length === 0 && firstPoller !== undefined && events > LONG_RUN_WARNING_EVENTS) {
    const likely = events > MAX_EVENTS ? `; it will likely stop at the bound of ${count(MAX_EVENTS)} events per run (docs/limits.md)` : ` (the bound is ${count(MAX_EVENTS)} per run, docs/limits.md)`;
    warnings.push(
      at(
        firstPoller,
        `a long run: ${pollers} background poller${pollers === 1 ? ' sends' : 's send'} about ${count(pollerRequests)} requests over ${formatDurationMs(now)} of virtual time, about ${count(events)} simulated events${likely}`,
        'warning',
      ),
    );
  }
  return { minimumMs: now, pollerRequests, pollers, errors, warnings };
}
