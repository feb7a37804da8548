/**
 * Strict JSON (RFC 8259) check for `.json` manifests: kubectl reads a `.json` file as JSON, so
 * trailing commas, single quotes, comments, unquoted keys or several top-level values are
 * refused here even though the YAML parser (which keeps line numbers) would accept them.
 *
 * `findJsonError` returns the offset and a short reason of the first violation, never any of
 * the file's text. It scans iteratively (an explicit stack), so nesting depth costs no stack.
 */

export interface JsonProblem {
  readonly offset: number;
  readonly message: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function describeChar(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const c = text[i] ?? '';
  if (c === "'") return 'a single quote (JSON strings use double quotes)';
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `the control character U+${code.toString(16).padStart(4, '0')}` : `"${c}"`;
}

/** Offset just past the string starting at `i` (a `"`), or a problem. */
function scanString(text: string, i: number): number | JsonProblem {
  let j = i + 1;
  while (j < text.length) {
    const code = text.charCodeAt(j);
    if (code === 0x22) return j + 1;
    if (code < 0x20) return { offset: j, message: 'a control character inside a string (escape it)' };
    if (code === 0x5c) {
      const e = text[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return { offset: j, message: 'a \\u escape needs four hex digits' };
        j += 6;
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(e)) return { offset: j, message: 'an invalid escape in a string' };
      j += 2;
      continue;
    }
    j++;
  }
  return { offset: i, message: 'a string that is never closed' };
}

type Frame = 'object' | 'array';

export function findJsonError(text: string): JsonProblem | undefined {
  const stack: Frame[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const skip = (): void => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const expected = (what: string): JsonProblem => ({ offset: i, message: `expected ${what}, found ${describeChar(text, i)}` });
  // State machine: 'value' = a value is expected next; 'after' = a value just ended.
  let state: 'value' | 'after' | 'key' = 'value';
  let first = true; // first element of the current object/array (a closing bracket is allowed)
  for (;;) {
    skip();
    if (state === 'key') {
      if (first && text[i] === '}') {
        stack.pop();
        i++;
        state = 'after';
        first = false;
        continue;
      }
      if (text[i] !== '"') return expected(first ? 'a double-quoted field name or "}"' : 'a double-quoted field name (no trailing comma before "}")');
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      skip();
      if (text[i] !== ':') return expected('":" after the field name');
      i++;
      state = 'value';
      first = false;
      continue;
    }
    if (state === 'value') {
      const c = text[i];
      if (c === '{') {
        stack.push('object');
        i++;
        state = 'key';
        first = true;
        continue;
      }
      if (c === '[') {
        stack.push('array');
        i++;
        skip();
        if (text[i] === ']') {
          stack.pop();
          i++;
          state = 'after';
          continue;
        }
        continue;
      }
      if (c === '"') {
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
      } else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (m === null || m[0] === '' || m[0] === '-') {
          const top = stack[stack.length - 1];
          if (top === 'array' && c === ']') return { offset: i, message: 'a trailing comma before "]"' };
          return expected('a JSON value (object, array, double-quoted string, number, true, false or null)');
        }
        i += m[0].length;
      }
      state = 'after';
      continue;
    }
    // state === 'after'
    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (i < text.length) return expected('the end of the file (one JSON value per file)');
      return undefined;
    }
    const c = text[i];
    if (c === ',') {
      i++;
      state = top === 'object' ? 'key' : 'value';
      first = false;
      continue;
    }
    if ((top === 'object' && c === '}') || (top === 'array' && c === ']')) {
      stack.pop();
      i++;
      continue;
    }
    return expected(top === 'object' ? '"," or "}"' : '"," or "]"');
  }
}
