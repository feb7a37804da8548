/**
 * "Did you mean" suggestions by edit distance, for unknown field names.
 *
 * Guarantees: deterministic; suggests only when the Levenshtein distance is at most a third
 * of the word (at least 1); ties go to the candidate sharing the longest prefix (typos rarely
 * hit the first letter: `engress` → `egress`, not `ingress`), then to the first candidate.
 */

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export function suggestClosest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { name: string; distance: number; prefix: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance > limit) continue;
    const prefix = commonPrefixLength(word, name);
    if (best === undefined || distance < best.distance || (distance === best.distance && prefix > best.prefix)) {
      best = { name, distance, prefix };
    }
  }
  return best?.name;
}
