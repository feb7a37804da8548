/**
 * Input errors as values. `formatDiagnostic` prints the one-line form every vrsim
 * command uses: `file:line: path: message`. `InputError` carries one or more error
 * diagnostics across a boundary (the CLI prints them and exits 1, never a stack trace).
 */
import type { Diagnostic } from './types.js';
import { boundMessage } from './quote.js';

export function formatDiagnostic(d: Diagnostic): string {
  // Line 0 means the problem is with the file itself (missing, unreadable): no line to name.
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  // Bounded: a diagnostic line never echoes a huge value (quote() cuts values; this cuts the rest).
  return boundMessage(d.path === '' ? `${where}: ${prefix}${d.message}` : `${where}: ${prefix}${d.path}: ${d.message}`);
}

/** Thrown at an input boundary when something cannot be loaded; nothing was applied. */
export class InputError extends Error {
  /** The errors. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * What to print: the errors together with the warnings of the same inputs, in order (a
   * did-you-mean warning often explains the error next to it).
   */
  readonly report: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[], report: readonly Diagnostic[] = diagnostics) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
    this.diagnostics = diagnostics;
    this.report = report;
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
