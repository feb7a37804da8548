/**
 * The book's labs under `semantics: contrail`: the agent decides with the firewall policies
 * kube-manager builds (first match), and every outcome of chapters 3 and 8 still holds, as it
 * did on the book's Contrail cluster. The other labs come from non-Contrail sources.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/cli/run.js';
import { runScenario } from '../../src/scenario/runner.js';
import { renderTranscript } from '../../src/scenario/transcript.js';
import { defaultViews } from '../../src/scenario/default-views.js';
import { createClusterSim } from '../../src/scenario/sim-factory.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('book labs under semantics: contrail', () => {
  it.each(['book-ch8.yaml', 'book-ch3.yaml', 'book-ch3-packet-based.yaml'])('%s passes every expectation', (file) => {
    const loaded = loadScenarioFile(`scenarios/${file}`, ROOT);
    const scenario = { ...loaded, settings: { ...loaded.settings, semantics: 'contrail' as const } };
    const report = runScenario(scenario, createClusterSim, { views: defaultViews });
    const text = renderTranscript(report, { color: false });
    if (report.failed > 0) console.log(text);
    expect(text).toContain('semantics contrail');
    expect(report.passed).toBeGreaterThan(0);
    expect(report.failed).toBe(0);
  });
});
