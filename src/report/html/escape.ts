/**
 * Escaping for the HTML report: every text that comes from the user (pod, namespace, node
 * and label names, scenario notes, command output, policy reasons) goes through `text()` or
 * `attr()` before it is written into the page, in element content, attribute values and SVG
 * `<text>` alike (SVG inline in HTML is parsed by the HTML parser).
 *
 * Guarantees: the result contains no `<`, `>`, `&` (other than as entities), `"` or `'`, so
 * it can neither open an element nor leave a quoted attribute; `domId()` gives an id made of
 * `[a-z0-9-]` only, the same for the same input.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content (and SVG `<text>`, `<title>`). */
export function text(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A value for a double-quoted attribute (the same escaping: quotes included). */
export function attr(value: string | number): string {
  return text(value);
}

/** An id made of lower-case letters, digits and dashes (stable for the same parts). */
export function domId(...parts: readonly (string | number)[]): string {
  return parts
    .map((p) => String(p).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((p) => p !== '')
    .join('-');
}
