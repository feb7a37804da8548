/**
 * What the dataplane needs from time: the current virtual time and a way to run something
 * later. The simulator's EventLoop satisfies it structurally; the dataplane never imports `sim`.
 * Times are integer microseconds. Contract: actions run in time order, and actions due at the
 * same instant run in the order they were scheduled (the agent's pending setups rely on it).
 */
export interface Scheduler {
  readonly now: number;
  after(delayUs: number, action: () => void): number;
}
