/**
 * The bounds of one simulation run, in one place (docs/limits.md, section "Simulation", lists
 * them with what happens past each; the bounds of loading are in src/model/limits.ts).
 * Every bound is far above what a lab scenario needs (the shipped scenarios simulate a few
 * minutes and at most 1,521 events each: course-demo.yaml) and low enough that a run ends, with a clear
 * error, in well under a minute of CPU instead of running for hours and exhausting memory.
 */

/** Longest virtual time one simulation may reach: 24 hours (also the longest single duration a scenario may write). */
export const MAX_VIRTUAL_TIME_MS = 24 * 60 * 60 * 1000;

/**
 * Most events (packets delivered, timers fired) one simulation may run: 15-20 s of CPU at the
 * measured 250,000-330,000 events/s (a poller `every: 10ms`: 10,000,000 events took 41 s of
 * user time on the 2-core CI machine, too long for a bound one hits by mistake).
 */
export const MAX_EVENTS = 5_000_000;

/**
 * Events one background poller's tick costs, measured: a fresh connection per tick (SYN,
 * SYN-ACK, ACK, request, response, FIN exchange through two vRouters, flow setup and timers)
 * ran 1,744,107 events for 60,000 ticks (`every: 10ms`, `wait: 600s`), about 29 each.
 */
export const EVENTS_PER_POLLER_TICK = 29;

/** A run whose pollers alone are estimated above this many events is announced with a warning before it starts. */
export const LONG_RUN_WARNING_EVENTS = 1_000_000;
