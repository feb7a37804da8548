/**
 * What the dataplane needs from time: the current virtual time and a way to run something
 * later. The simulator's EventLoop satisfies it structurally; the dataplane never imports `sim`.
 * Times are integer microseconds.
 */
export interface Scheduler {
  readonly now: number;
  after(delayUs: number, action: () => void): number;
}
