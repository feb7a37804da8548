/**
 * "Did you mean" suggestions by edit distance, for unknown field names.
 *
 * Guarantees: deterministic; suggests only when the edit distance (Levenshtein plus adjacent
 * swaps, so `form` → `from` is one edit) is at most a third of the word (at least 1); ties go
 * to the candidate sharing the longest prefix (typos rarely hit the first letter: `engress`
 * → `egress`, not `ingress`), then to the first candidate.
 */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
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
