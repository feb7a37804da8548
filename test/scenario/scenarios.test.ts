/**
 * Every lab under scenarios/*.yaml replayed on the real ClusterSim: 0 failed expectations,
 * and the chapter 8 transcript against its golden file (UPDATE_GOLDEN=1 regenerates it).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/cli/run.js';
import { runScenario } from '../../src/scenario/runner.js';
import { renderTranscript } from '../../src/scenario/transcript.js';
import { defaultViews } from '../../src/scenario/default-views.js';
import { createClusterSim } from '../../src/scenario/sim-factory.js';

const ROOT = join(import.meta.dirname, '..', '..');
const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();

function transcript(file: string): { text: string; failed: number; passed: number } {
  const scenario = loadScenarioFile(`scenarios/${file}`, ROOT);
  const report = runScenario(scenario, createClusterSim, { views: defaultViews });
  return { text: renderTranscript(report, { color: false }), failed: report.failed, passed: report.passed };
}

describe('seed labs', () => {
  it('there are labs to replay', () => {
    expect(files).toContain('book-ch8.yaml');
  });
  it.each(files)('%s passes every expectation', (file) => {
    const { text, failed, passed } = transcript(file);
    if (failed > 0) console.log(text);
    expect(passed).toBeGreaterThan(0);
    expect(failed).toBe(0);
  });
  it('the chapter 8 transcript matches test/golden/run-book-ch8.txt', () => {
    const { text } = transcript('book-ch8.yaml');
    const golden = join(ROOT, 'test', 'golden', 'run-book-ch8.txt');
    if (process.env['UPDATE_GOLDEN'] === '1') {
      mkdirSync(join(ROOT, 'test', 'golden'), { recursive: true });
      writeFileSync(golden, text);
    }
    expect(existsSync(golden), 'missing golden: run with UPDATE_GOLDEN=1').toBe(true);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('vrsim run through the CLI entry', () => {
  async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const { runCli } = await import('../../src/cli/main.js');
    let out = '';
    let err = '';
    const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTty: false, cwd: ROOT });
    return { code, out, err };
  }
  it('runs a lab and exits 0', async () => {
    const r = await cli(['run', 'scenarios/blog-calico-enforced.yaml', '--no-color']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\n\d+ passed, 0 failed\n$/);
  });
  it('--step and -o json', async () => {
    const r = await cli(['run', 'scenarios/book-ch8.yaml', '--step', '3', '-o', 'json']);
    const json = JSON.parse(r.out) as { stoppedAfterStep: number; steps: unknown[]; state: { node: string; output: string }[] };
    expect(json.stoppedAfterStep).toBe(3);
    expect(json.steps).toHaveLength(3);
    expect(json.state.map((s) => s.node)).toEqual(['cent222', 'cent333']);
    expect(json.state[1]?.output).toContain('Flow table(size 80609280, entries 629760)');
  });
  it('a missing scenario file exits 2 (bad input) without a stack trace', async () => {
    const r = await cli(['run', 'scenarios/nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('vrsim: cannot read scenario file "scenarios/nope.yaml": no such file or directory\n');
  });
});
