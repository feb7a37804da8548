/**
 * The built CLI as a shell pipeline runs it: when the reader of standard output goes away
 * (`vrsim reach ... | head`), vrsim stops quietly with exit 0 and nothing on stderr, instead of
 * `Error: write EPIPE` with a stack trace. Spawns dist/ (built by `npm test`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CLI = 'dist/src/cli/main.js';
const M = 'scenarios/book-ch8/manifests';

function runClosingStdoutEarly(argv: readonly string[]): Promise<{ code: number | null; signal: string | null; stderr: string; firstChunk: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let firstChunk = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (t: string) => void (stderr += t));
    child.stdout.once('data', (chunk: Buffer) => {
      firstChunk = chunk.toString('utf8');
      child.stdout.destroy(); // what `head` does once it has its lines
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, firstChunk }));
  });
}

describe('a closed stdout pipe', () => {
  it.skipIf(!existsSync(CLI))('ends reach quietly with exit 0 (built CLI, stdout closed after the first chunk)', async () => {
    // 200 ports x 36 pairs: ~250 KB of tables, far more than a pipe buffer holds.
    const ports = Array.from({ length: 200 }, (_, i) => String(i + 1)).join(',');
    const r = await runClosingStdoutEarly(['reach', '-f', M, '--port', ports]);
    expect(r.firstChunk).toContain('Legend:');
    expect(r.stderr).toBe('');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  });
});
