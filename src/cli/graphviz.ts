/**
 * `-o svg` through Graphviz: whether `dot` is installed (`command -v dot`, as a shell finds
 * it), and a sink that feeds DOT text to `dot -Tsvg` whose SVG is copied to standard output as
 * it comes. Without Graphviz the command says how to get it and exits 2, before any work.
 */
import { spawn, spawnSync } from 'node:child_process';
import { type CliIo, OutputClosed, UserError } from './io.js';

export function graphvizAvailable(): boolean {
  const r = spawnSync('sh', ['-c', 'command -v dot'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 && r.stdout.toString().trim() !== '';
}

export function requireGraphviz(): void {
  if (!graphvizAvailable()) {
    throw new UserError('-o svg: Graphviz is not installed (no `dot` on PATH); install it (Debian/Ubuntu: apt-get install graphviz) or use -o dot and render it elsewhere');
  }
}

export interface DotPipe {
  /** Write DOT text to Graphviz. */
  readonly sink: (text: string) => void;
  /** Close Graphviz's input and wait until its SVG has been copied out. */
  finish(): Promise<void>;
}

export function dotToSvg(io: CliIo): DotPipe {
  const child = spawn('dot', ['-Tsvg'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let closedByReader = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (t: string) => void (stderr += t));
  child.stdout.on('data', (chunk: Buffer) => {
    if (closedByReader) return;
    try {
      io.stdout(chunk.toString('utf8'));
    } catch (e) {
      if (!(e instanceof OutputClosed)) throw e;
      closedByReader = true;
      child.kill();
    }
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  child.stdin.on('error', () => {
    // dot exited early; its exit code and stderr say why
  });
  return {
    sink: (text) => void child.stdin.write(text),
    async finish() {
      child.stdin.end();
      const code = await exited;
      if (closedByReader) throw new OutputClosed();
      if (code !== 0) throw new UserError(`-o svg: Graphviz dot failed (exit ${code}): ${stderr.trim()}`);
    },
  };
}
