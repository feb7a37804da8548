/**
 * A description of the machine a benchmark ran on: CPU model and count, memory, OS, Node and
 * V8 versions, and the node flags of the measuring process; and its load average.
 *
 * Guarantees: read-only; uses `os` and `process` only (no shelling out).
 */
import os from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cpus: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  readonly nodeFlags: readonly string[];
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    nodeFlags: process.execArgv,
  };
}

export function machineText(m: Machine): string {
  return `${m.cpu}, ${m.cpus} vCPUs, ${m.memoryGiB} GiB RAM, ${m.os}; Node ${m.node} (V8 ${m.v8}); node flags: ${m.nodeFlags.join(' ') || '(none)'}`;
}

/** The 1, 5 and 15 minute load averages (`os.loadavg()`, rounded to 0.01): how busy the machine was. */
export function loadAverage(): readonly number[] {
  return os.loadavg().map((l) => Math.round(l * 100) / 100);
}
