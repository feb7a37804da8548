/**
 * Input errors as values. `formatDiagnostic` prints the one-line form every vrsim
 * command uses: `file:line: path: message`. `InputError` carries one or more error
 * diagnostics across a boundary (the CLI prints them and exits 1, never a stack trace).
 */
import type { Diagnostic } from './types.js';

export function formatDiagnostic(d: Diagnostic): string {
  // Line 0 means the problem is with the file itself (missing, unreadable): no line to name.
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return d.path === '' ? `${where}: ${prefix}${d.message}` : `${where}: ${prefix}${d.path}: ${d.message}`;
}

/** Thrown at an input boundary when something cannot be loaded; nothing was applied. */
export class InputError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
    this.diagnostics = diagnostics;
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
