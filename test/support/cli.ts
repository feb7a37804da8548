/**
 * Run the CLI in-process through `runCli` and capture what it wrote: exit code, stdout, stderr,
 * and the stdout chunks in order (to see that output was streamed, not built as one string).
 */
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly chunks: readonly string[];
}

export async function cli(...argv: string[]): Promise<CliRun> {
  const chunks: string[] = [];
  let err = '';
  const code = await runCli(argv, {
    stdout: (t) => void chunks.push(t),
    stderr: (t) => void (err += t),
    isTty: false,
    cwd: process.cwd(),
  });
  return { code, out: chunks.join(''), err, chunks };
}
