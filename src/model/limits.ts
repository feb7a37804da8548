/**
 * The bounds of loading, in one place (docs/limits.md lists them with what happens past each).
 * Every bound is far above what a real manifest or `kubectl get -o yaml` dump reaches and low
 * enough that vrsim answers with a located error instead of exhausting memory or the stack.
 */

/** Largest manifest file (or standard input) read: 64 MiB. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Deepest nesting of YAML/JSON collections (maps and lists) in a document. */
export const MAX_NESTING_DEPTH = 100;

/** Most YAML nodes a document may copy through aliases (a "billion laughs" guard). */
export const MAX_EXPANDED_NODES = 250_000;

/** Most objects (items of lists included) one load may hold. */
export const MAX_OBJECTS = 200_000;

/** Longest value quoted in a message; longer ones are cut with the count of what was left out. */
export const MAX_QUOTED_CHARS = 80;

/** Longest message line printed for one diagnostic. */
export const MAX_MESSAGE_CHARS = 400;
