/**
 * YAML 1.1 scalar resolution as go-yaml v2 does it (`resolve.go`, the decoder behind
 * kubectl's sigs.k8s.io/yaml), for the `yaml` package's composer:
 * - booleans `y Y yes Yes YES true True TRUE on On ON` and their `n ... off` counterparts,
 *   null `~ null Null NULL` and empty (the `yaml` package's YAML 1.1 tags, the same lists);
 * - a plain scalar starting with a digit or a sign is a number when Go would read it: all `_`
 *   removed, `strconv.ParseInt(s, 0, 64)` (so `0777` is octal 511, `0x1F`, `0o17`, `0b101`),
 *   else a float of the form `yamlStyleFloat`; `.5` and `.inf`/`.nan` forms are floats;
 * - everything else stays a string: timestamps (kubectl turns them back into text),
 *   sexagesimal `10:30`, `e0`, `1.2.3`.
 */
import type { ScalarTag } from 'yaml';

const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL = new Map<string, number>([
  ...['.nan', '.NaN', '.NAN'].map((t) => [t, Number.NaN] as [string, number]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((t) => [t, Number.POSITIVE_INFINITY] as [string, number]),
  ...['-.inf', '-.Inf', '-.INF'].map((t) => [t, Number.NEGATIVE_INFINITY] as [string, number]),
]);
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

function goInt(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[-+]/, '');
  if (/^0[xX]/.test(body)) return sign * Number.parseInt(body.slice(2), 16);
  if (/^0[oO]/.test(body)) return sign * Number.parseInt(body.slice(2), 8);
  if (/^0[bB]/.test(body)) return sign * Number.parseInt(body.slice(2), 2);
  if (body.length > 1 && body.startsWith('0')) return sign * Number.parseInt(body.slice(1), 8);
  return sign * Number(body);
}

/** The value go-yaml v2 gives a plain scalar that starts with a digit, a sign or a dot. */
export function goNumber(text: string): number | string {
  const special = SPECIAL.get(text);
  if (special !== undefined) return special;
  if (text.startsWith('.')) return DOT_FLOAT.test(text) ? Number(text) : text;
  const plain = text.replace(/_/g, '');
  if (GO_INT.test(plain)) return goInt(plain);
  if (GO_FLOAT.test(plain)) return Number(plain);
  return text;
}

/** Numbers as go-yaml v2 reads them (a non-number comes back as the string it is). */
export const goNumberTag: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^[-+0-9.][-+0-9A-Za-z_.]*$/,
  resolve: (text: string) => goNumber(text),
};

/** Whether a tag of the `yaml` package's YAML 1.1 schema is kept: numbers are `goNumberTag`'s. */
export function keepYaml11Tag(tag: string, format: string | undefined): boolean {
  return format !== 'TIME' && !/:(int|float|timestamp|binary|omap|pairs|set)$/.test(tag);
}
