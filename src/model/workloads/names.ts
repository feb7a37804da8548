/**
 * Names shaped like the controllers' own, deterministic from the seed:
 * - `templateHash(template)`: a pod-template-hash as the Deployment controller builds it —
 *   FNV-1a 32 of the template, printed in decimal, each digit mapped through
 *   `SafeEncodeString` (k8s.io/apimachinery pkg/util/rand: `alphanums[int(b) % 27]`). Kubernetes
 *   hashes Go's printed struct (`DeepHashObject`); vrsim hashes the template's canonical JSON,
 *   so the shape and alphabet match but the value is vrsim's own;
 * - `randomSuffix(seed, key, n)`: the 5 characters `names.SimpleNameGenerator` appends to a
 *   `generateName` (rand.String(5) over "bcdfghjklmnpqrstvwxz2456789"), drawn from a
 *   splitmix32 stream seeded by the seed and the key instead of crypto randomness;
 * - `generatedName(base, suffix)`: the base cut to 58 characters as the API server does
 *   (maxGeneratedNameLength = 63 - 5) plus the suffix.
 * Guarantees: pure functions; the same inputs give the same names on every platform.
 */

/** k8s.io/apimachinery/pkg/util/rand's alphabet: no vowels, no confusable 0/1/3. */
export const RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_GENERATED_BASE = 58;

export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    hash ^= b;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** apimachinery's SafeEncodeString. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (const ch of text) out += RAND_ALPHABET[(ch.codePointAt(0) ?? 0) % RAND_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted, so equal templates hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function templateHash(template: unknown): string {
  return safeEncodeString(String(fnv1a32(canonicalJson(template))));
}

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** `length` characters of RAND_ALPHABET, a function of (seed, key) only. */
export function randomSuffix(seed: number, key: string, length = 5): string {
  let state = (fnv1a32(key) ^ Math.imul(seed >>> 0, 0x9e3779b1)) | 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    const [next, value] = splitmix32(state);
    state = next;
    out += RAND_ALPHABET[value % RAND_ALPHABET.length];
  }
  return out;
}

export function generatedName(base: string, suffix: string): string {
  return `${base.slice(0, MAX_GENERATED_BASE)}${suffix}`;
}

/** A UID-shaped (8-4-4-4-12 hex) value, a function of (seed, key): for objects written without `metadata.uid`. */
export function deterministicUid(seed: number, key: string): string {
  let state = (fnv1a32(`uid:${key}`) ^ Math.imul(seed >>> 0, 0x9e3779b1)) | 0;
  let hex = '';
  while (hex.length < 32) {
    const [next, value] = splitmix32(state);
    state = next;
    hex += value.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
