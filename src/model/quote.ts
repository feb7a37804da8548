/**
 * Quoting user values in messages, bounded: a 1 MB label value or a file full of secrets is
 * never echoed whole. `quote` gives JSON-style quotes (control characters escaped) and cuts
 * the value at `MAX_QUOTED_CHARS` with the count of characters left out.
 */
import { MAX_MESSAGE_CHARS, MAX_QUOTED_CHARS } from './limits.js';

export function quote(value: string, max = MAX_QUOTED_CHARS): string {
  if (value.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, max))}... (${value.length - max} more characters)`;
}

/** A message cut to `MAX_MESSAGE_CHARS` (the last safety net: readers quote values themselves). */
export function boundMessage(message: string, max = MAX_MESSAGE_CHARS): string {
  if (message.length <= max) return message;
  return `${message.slice(0, max)}... (message cut, ${message.length - max} more characters)`;
}
