/**
 * Test helpers for the model loader: load texts, and print diagnostics the way users see them.
 */
import { formatDiagnostic, isInputError } from '../../src/model/diagnostics.js';
import { loadCluster, type LoadResult } from '../../src/model/load.js';

/** Loads one file's text and returns the formatted error lines (fails the test if it loads). */
export function errorLines(text: string, file = 'in.yaml'): string[] {
  try {
    loadCluster([{ file, text }]);
  } catch (e) {
    if (isInputError(e)) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
  throw new Error('expected the input to be rejected, but it loaded');
}

export function load(text: string, file = 'in.yaml'): LoadResult {
  return loadCluster([{ file, text }]);
}

export function warningLines(text: string, file = 'in.yaml'): string[] {
  return load(text, file).warnings.map(formatDiagnostic);
}

/** A NetworkPolicy document whose spec starts on line 6 (`spec:` is line 5). */
export function policyDoc(specBody: string, name = 'p'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${specBody}`;
}
