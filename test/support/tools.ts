/**
 * Real external consumers of vrsim's outputs (tshark, capinfos, chromium, ...): whether one is
 * installed, and running it. A test that needs a tool skips with a clear message when it is
 * absent, unless VRSIM_REQUIRE_TOOLS=1 (set by .ci/run, which installs them): then it fails.
 */
import { spawnSync } from 'node:child_process';

/** The Debian package of a tool whose name differs. */
const DEBIAN_PACKAGE: Record<string, string> = { capinfos: 'tshark', dot: 'graphviz', chromium: 'chromium' };

export function hasTool(name: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
  if (!found) {
    const message = `${name} is not installed: the tests that read vrsim's output with ${name} are skipped (Debian: apt-get install ${DEBIAN_PACKAGE[name] ?? name})`;
    if (process.env['VRSIM_REQUIRE_TOOLS'] === '1') throw new Error(`${message}; VRSIM_REQUIRE_TOOLS=1 requires it`);
    console.warn(message);
  }
  return found;
}

export function runTool(name: string, args: readonly string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(name, [...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error !== undefined) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => !l.startsWith('Running as user "root"') && l !== '').join('\n') };
}
