/**
 * Helpers of the HTML report tests: run the CLI in-process with `--html` into a temporary
 * directory and read the page back; a scenario whose notes, name and description are HTML
 * (the injection a report must not execute).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';

export const htmlDir = mkdtempSync(join(tmpdir(), 'vrsim-html-'));
let n = 0;

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTty: false, cwd: process.cwd() });
  return { code, out, err };
}

/** Runs `vrsim <argv> --html <tmp file>` and returns the exit code, stdout and the page. */
export async function htmlOf(...argv: string[]): Promise<{ code: number; out: string; err: string; html: string; file: string }> {
  const file = join(htmlDir, `report-${++n}.html`);
  const r = await cli(...argv, '--html', file);
  return { ...r, html: r.code === 2 ? '' : readFileSync(file, 'utf8'), file };
}

/** A scenario over the chapter 8 manifests whose user-written texts are markup. */
export function hostileScenario(): string {
  const m = `${process.cwd()}/scenarios/book-ch8/manifests`;
  const file = join(htmlDir, `hostile-${++n}.yaml`);
  writeFileSync(
    file,
    [
      `name: "<img src=x onerror=\\"window.pwned=1\\">Lab</b>"`,
      `source: "</title><script>window.pwned=2</script>"`,
      'description: |',
      '  A description with <script>window.pwned=3</script> & "quotes" \'too\'.',
      'settings: { enforcement: flow, seed: 1 }',
      'resources:',
      `  - file: ${m}/policy-ns.yaml`,
      `  - file: ${m}/policy-pods.yaml`,
      'steps:',
      `  - note: "</pre></div><script>window.pwned=4</script><svg onload=\\"window.pwned=5\\">"`,
      '  - curl: { from: dev/client1-dev, to: dev/webserver-dev, maxTime: 5, expect: success }',
    ].join('\n') + '\n',
  );
  return file;
}
