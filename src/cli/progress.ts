/**
 * A one-line progress indicator on standard error for long runs: shown only when stderr is a
 * terminal and the run has lasted more than a second, redrawn at most every 200 ms, cleared
 * before anything else is written to the terminal and when the run ends. Tests and pipes never
 * see it. Wall-clock time is read here, in the CLI, never in the simulation core.
 */
import { performance } from 'node:perf_hooks';
import type { CliIo } from './io.js';

const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 200;

export class Progress {
  private readonly startedAt: number;
  private lastDraw = 0;
  private shown = false;

  /** `now` is the wall clock in milliseconds (injected by tests). */
  constructor(private readonly io: CliIo, private readonly what: string, private readonly now: () => number = () => performance.now()) {
    this.startedAt = now();
  }

  get enabled(): boolean {
    return this.io.stderrIsTty === true;
  }

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = this.now();
    if (now - this.startedAt < SHOW_AFTER_MS || now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
    const seconds = Math.round((now - this.startedAt) / 1000);
    this.io.stderr(`\r\x1b[K${this.what}: ${percent}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}, ${seconds} s)`);
    this.shown = true;
  }

  /** Remove the line (before other output reaches the terminal, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.io.stderr('\r\x1b[K');
    this.shown = false;
  }
}
