/**
 * `target.push(...items)` without the spread: a spread passes every item as a call argument,
 * and an array of some 100,000 lines (a contrail view of 60,000 rules, a long transcript)
 * overflows the call stack. Guarantees: appends in order; any length.
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
  return target;
}
