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
  /** True when stderr is a terminal (progress lines allowed); absent = no. */
  readonly stderrIsTty?: boolean;
  /** Working directory that relative paths are resolved against. */
  readonly cwd: string;
  /** Reads standard input whole (for `-f -`); absent when there is none to read. */
  readonly readStdin?: () => string;
  /** Environment variables the CLI honours (`NO_COLOR`); default: none set. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Structured logger when `--log` was given (set by the CLI entry). */
  logger?: Logger | undefined;
}

/**
 * Thrown by a CliIo writer once the reader of standard output has gone away (EPIPE, e.g.
 * `vrsim reach ... | head`): the command stops where it is and the process exits 0, silently,
 * as `cat` and `grep` do.
 */
export class OutputClosed extends Error {
  constructor() {
    super('standard output was closed by its reader');
    this.name = 'OutputClosed';
  }
}

/**
 * A writer for a process stream that notices a closed pipe. On Linux pipe writes are
 * synchronous and a failed one sets `stream.errored` at once (the 'error' event comes later,
 * and is swallowed here for EPIPE): the next write throws `OutputClosed`, so a long command
 * stops instead of computing output nobody reads.
 */
export function streamWriter(stream: NodeJS.WritableStream & { readonly errored?: Error | null }): (text: string) => void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  return (text) => {
    if (isClosedPipe(stream.errored)) throw new OutputClosed();
    stream.write(text);
    if (isClosedPipe(stream.errored)) throw new OutputClosed();
  };
}

function isClosedPipe(error: Error | null | undefined): boolean {
  return error != null && (error as NodeJS.ErrnoException).code === 'EPIPE';
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
  if (error instanceof OutputClosed) return 0;
  if (error instanceof InputError) {
    for (const d of error.report) io.stderr(formatDiagnostic(d) + '\n');
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
