/**
 * Golden-file comparison: `expectGolden('explain-book.txt', text)` compares with
 * test/golden/<name>; with UPDATE_GOLDEN=1 it (re)writes the file instead.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const goldenDir = fileURLToPath(new URL('../golden/', import.meta.url));

export function expectGolden(name: string, text: string): void {
  const path = goldenDir + name;
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(path)) {
    if (process.env['UPDATE_GOLDEN'] !== '1') throw new Error(`golden file ${path} is missing; run with UPDATE_GOLDEN=1`);
    writeFileSync(path, text);
    return;
  }
  expect(text).toBe(readFileSync(path, 'utf8'));
}
