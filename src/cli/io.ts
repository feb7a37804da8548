/**
 * The CLI's only window on the world: where output goes and how errors become exit codes.
 * Commands write through `CliIo` so tests can run them in-process and capture bytes.
 * `UserError` is a failure the user can fix (bad flag, bad file): printed as one line, no stack.
 */
import { InputError, formatDiagnostic } from '../model/diagnostics.js';
import type { Diagnostic } from '../model/types.js';
import type { Logger } from 'pino';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdout is a terminal (colour allowed). */
  readonly isTty: boolean;
  /** Working directory that relative paths are resolved against. */
  readonly cwd: string;
  /** Structured logger when `--log` was given (set by the CLI entry). */
  logger?: Logger | undefined;
}

export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** Print warnings (from loaders) to stderr, one line each. */
export function printWarnings(io: CliIo, warnings: readonly Diagnostic[]): void {
  for (const w of warnings) io.stderr(formatDiagnostic(w) + '\n');
}

/** Turn any thrown value into an exit code, printing a clear message and never a stack trace for user errors. */
export function reportFailure(io: CliIo, error: unknown): number {
  if (error instanceof InputError) {
    for (const d of error.diagnostics) io.stderr(formatDiagnostic(d) + '\n');
    return 1;
  }
  if (error instanceof UserError) {
    io.stderr(`vrsim: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'YError') {
    // yargs' own validation errors (bad choices, coerce failures): a usage problem.
    io.stderr(`vrsim: ${error.message}\nRun 'vrsim --help' for usage.\n`);
    return 2;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(`vrsim: internal error (please report it): ${message}\n`);
  return 70;
}
