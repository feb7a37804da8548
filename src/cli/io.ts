/**
 * The CLI's only window on the world: where output goes and how errors become exit codes.
 * Commands write through `CliIo` so tests can run them in-process and capture bytes.
 * `UserError` is a failure the user can fix (bad flag, bad file): printed as one line, no stack.
 */
import { InputError, formatDiagnostic } from '../model/diagnostics.js';
import type { Diagnostic } from '../model/types.js';
import type { Logger } from 'pino';
import { SimulationLimitError } from '../sim/limit-error.js';

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
  /**
   * Resolves once stdout can take more (its buffer drained below the high-water mark), at once
   * when it can already. Long streaming commands await it between pieces of work so that a slow
   * reader slows them down instead of the output piling up in memory. Absent = never waits.
   */
  drained?(): Promise<void>;
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
 * attempted at once and a failed one sets `stream.errored` (the 'error' event comes later and
 * is swallowed here): after EPIPE the next write throws `OutputClosed`, so a long command stops
 * instead of computing output nobody reads; after any other failure a `UserError` (exit 1).
 */
export function streamWriter(stream: NodeJS.WritableStream & { readonly errored?: Error | null }): (text: string) => void {
  stream.on('error', () => {
    // EPIPE: the next write throws OutputClosed; any other failure: the next write says so
  });
  const check = (): void => {
    const error = stream.errored as NodeJS.ErrnoException | null | undefined;
    if (error == null) return;
    if (isClosedPipe(error)) throw new OutputClosed();
    throw new UserError(`cannot write the output: ${error.code ?? error.message}`, 1);
  };
  return (text) => {
    check();
    stream.write(text);
    check();
  };
}

/** `CliIo.drained` for a process stream: waits for 'drain' (or an error or close, after which writes throw). */
export function drainWaiter(stream: NodeJS.WritableStream & { readonly writableNeedDrain?: boolean; readonly errored?: Error | null }): () => Promise<void> {
  return () => {
    if (stream.writableNeedDrain !== true || stream.errored != null) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('error', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('error', done);
      stream.on('close', done);
    });
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
  if (error instanceof SimulationLimitError) {
    // A documented bound of the simulation (docs/limits.md): located when a scenario step ran into it.
    io.stderr(error.where === undefined ? `vrsim: ${error.message}\n` : `${error.message}\n`);
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

/**
 * Whether to colour: `--color` / `--no-color` when given, else off when `NO_COLOR` is set to
 * anything non-empty (no-color.org), else when stdout is a terminal.
 */
export function colorEnabled(args: Record<string, unknown>, io: CliIo): boolean {
  if (typeof args['color'] === 'boolean') return args['color'];
  const noColor = io.env?.['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return io.isTty;
}
