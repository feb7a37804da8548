/**
 * Structured logs (pino, JSON lines on stderr), off unless `--log [level]` is given. At `debug`
 * and below every dataplane event of the simulation is logged (one JSON object per packet
 * step); at `info` the commands log what they loaded and ran. Logs never go to stdout, so
 * they do not disturb the byte-exact outputs.
 */
import { pino, type Logger } from 'pino';
import type { TraceListener } from '../dataplane/trace-events.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A pino logger writing its JSON lines through `write` (the CLI's stderr). */
export function createLogger(level: LogLevel, write: (line: string) => void): Logger {
  return pino({ name: 'vrsim', level }, { write });
}

/** A dataplane listener that logs each event at debug level, or undefined when that is off. */
export function dataplaneLogListener(logger: Logger | undefined): TraceListener | undefined {
  if (logger === undefined || !logger.isLevelEnabled('debug')) return undefined;
  return (event) => logger.debug({ dataplane: event }, event.kind);
}
