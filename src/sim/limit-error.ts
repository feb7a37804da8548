/**
 * A run that the simulation refuses to continue because it passed one of its documented
 * bounds (docs/limits.md, section "Simulation"): virtual time, events, or ports a prober
 * needs. Not an internal error: the message says which bound and what to change; the CLI
 * prints it without a stack trace and exits 1. `where` is the scenario location
 * (`file:line: field`) when the run came from a scenario step.
 */
export class SimulationLimitError extends Error {
  constructor(message: string, readonly where?: string) {
    super(where === undefined ? message : `${where}: ${message}`);
    this.name = 'SimulationLimitError';
  }
}
