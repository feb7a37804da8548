/**
 * The progress line: only on a terminal, only after a second, at most every 200 ms, and
 * cleared before other output and at the end; pipes and tests never see it.
 */
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { Progress } from '../../src/cli/progress.js';

function fakeIo(stderrIsTty: boolean): { io: CliIo; err: string[] } {
  const err: string[] = [];
  return { io: { stdout: () => undefined, stderr: (t) => void err.push(t), isTty: false, stderrIsTty, cwd: '.' }, err };
}

describe('Progress', () => {
  it('stays silent when stderr is not a terminal, however long the run', () => {
    const { io, err } = fakeIo(false);
    let t = 0;
    const p = new Progress(io, 'reach', () => t);
    for (t = 0; t < 10_000; t += 100) p.update(t, 10_000);
    p.clear();
    expect(err).toEqual([]);
  });

  it('on a terminal: nothing in the first second, then a redrawn line, then cleared', () => {
    const { io, err } = fakeIo(true);
    let t = 0;
    const p = new Progress(io, 'reach', () => t);
    t = 900;
    p.update(10, 100);
    expect(err).toEqual([]);
    t = 1100;
    p.update(50, 100);
    t = 1150; // within 200 ms of the last draw: not redrawn
    p.update(60, 100);
    t = 1400;
    p.update(75, 100);
    p.clear();
    expect(err).toEqual(['\r\x1b[Kreach: 50% (50 of 100, 1 s)', '\r\x1b[Kreach: 75% (75 of 100, 1 s)', '\r\x1b[K']);
  });
});
