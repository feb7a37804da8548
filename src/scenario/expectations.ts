/**
 * Judges a step's expectations against what the simulation did: probe outcomes (curl,
 * ping, UDP, SCTP), background poller windows, reach tables and flow dumps. Each verdict
 * says what was expected and, when it failed, what happened instead in the user's terms
 * (`got timeout (curl: (28) Connection timed out after 5000 milliseconds)`).
 *
 * Guarantees: a step without `expect` yields no verdict; pure functions.
 */
import { connectionText, type ReachDiff } from '../sim/cluster/reach-diff.js';
import type { ProbeOutcome } from '../sim/cluster/types.js';
import { formatDurationMs } from './duration.js';
import { checkFlows, describeFlowExpectation, describeFlowRecord, type FlowRecord } from './flow-records.js';
import type { ExpectationResult } from './report-types.js';
import type { Step } from './types.js';

type ProbeStep = Extract<Step, { kind: 'curl' | 'ping' | 'udp' | 'sctp' }>;

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

function gotText(probe: ProbeOutcome, outcome: string): string {
  const why = firstLine(probe.stderr) || firstLine(probe.stdout);
  return `got ${outcome}${why === '' ? '' : ` (${why})`}`;
}

/** ping: any reply = success; `no-reply` covers timeouts and unreachables. */
function pingOutcome(probe: ProbeOutcome): 'success' | 'no-reply' {
  return probe.outcome === 'success' ? 'success' : 'no-reply';
}

export function checkProbe(step: ProbeStep, probe: ProbeOutcome, shownStdout: string): ExpectationResult[] {
  const line = step.line;
  if (step.expect === undefined) return [];
  if (step.kind === 'curl' && step.expect.kind === 'exact') {
    const e = step.expect;
    const out: ExpectationResult[] = [];
    if (e.exitCode !== undefined) {
      const passed = probe.exitCode === e.exitCode;
      out.push({ description: `expected exit code ${e.exitCode}`, passed, line, ...(passed ? {} : { actual: `got exit code ${probe.exitCode}` }) });
    }
    const same = (a: string, b: string): boolean => a.trim() === b.trim();
    if (e.stdout !== undefined) {
      const passed = same(shownStdout, e.stdout);
      out.push({ description: `expected stdout ${JSON.stringify(firstLine(e.stdout))}${e.stdout.trim().includes('\n') ? ' ...' : ''}`, passed, line, ...(passed ? {} : { actual: `got ${JSON.stringify(shownStdout.trim())}` }) });
    }
    if (e.stderr !== undefined) {
      const passed = same(probe.stderr, e.stderr);
      out.push({ description: `expected stderr ${JSON.stringify(e.stderr.trim())}`, passed, line, ...(passed ? {} : { actual: `got ${JSON.stringify(probe.stderr.trim())}` }) });
    }
    return out;
  }
  const expected = step.kind === 'curl' && step.expect.kind === 'outcome' ? step.expect.outcome : (step.expect as string);
  const actual = step.kind === 'ping' ? pingOutcome(probe) : probe.outcome;
  const passed = actual === expected;
  return [{ description: `expected ${expected}`, passed, line, ...(passed ? {} : { actual: gotText(probe, actual) }) }];
}

export function checkPoller(step: Extract<Step, { kind: 'check' }>, sent: number, responded: number): ExpectationResult {
  const window = `in the last ${formatDurationMs(step.lastMs)}`;
  const summary = `${sent} request${sent === 1 ? '' : 's'} sent, ${responded} response${responded === 1 ? '' : 's'} ${window}`;
  const passed = step.expect === 'responses' ? responded > 0 : responded === 0;
  const description = step.expect === 'responses' ? `expected responses ${window}` : `expected no responses ${window}`;
  return { description, passed, line: step.line, ...(passed ? {} : { actual: `got ${summary}` }) };
}

/** Compares two tables ignoring trailing spaces and surrounding blank lines. */
export function sameTableText(a: string, b: string): boolean {
  const norm = (t: string): string =>
    t
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trim();
  return norm(a) === norm(b);
}

export function checkReach(step: Extract<Step, { kind: 'reach' }>, text: string): ExpectationResult[] {
  if (step.expect === undefined) return [];
  const passed = sameTableText(step.expect, text);
  return [{ description: 'expected the truth table above', passed, line: step.line, ...(passed ? {} : { actual: `got the table above, expected:\n${step.expect.trim()}` }) }];
}

export function checkFlowsStep(step: Extract<Step, { kind: 'flows' }>, listed: readonly FlowRecord[]): ExpectationResult[] {
  if (step.expect === undefined) return [];
  if (step.expect === 'none') {
    const passed = listed.length === 0;
    const first = listed[0];
    return [{ description: 'expected no flow', passed, line: step.line, ...(passed || first === undefined ? {} : { actual: `got ${listed.length} flow${listed.length === 1 ? '' : 's'}, first ${describeFlowRecord(first)}` }) }];
  }
  const { checks, unclaimed } = checkFlows(step.expect, listed);
  const out: ExpectationResult[] = checks.map((c) => {
    const description = `expected flow ${describeFlowExpectation(c.expectation)}`;
    if (c.matched !== undefined) return { description, passed: true, line: c.expectation.line };
    const actual = c.closest !== undefined ? `got ${describeFlowRecord(c.closest)}` : 'got no such flow';
    return { description, passed: false, line: c.expectation.line, actual };
  });
  const extra = unclaimed[0];
  const passed = unclaimed.length === 0;
  out.push({ description: `expected no other flow`, passed, line: step.line, ...(passed || extra === undefined ? {} : { actual: `got ${unclaimed.length} more, first ${describeFlowRecord(extra)}` }) });
  return out;
}

/** diff: the newly blocked and newly allowed connections are exactly the expected ones (any order). */
export function checkDiff(step: Extract<Step, { kind: 'diff' }>, diff: ReachDiff): ExpectationResult[] {
  if (step.expect === undefined) return [];
  const check = (what: string, expected: readonly string[], got: readonly string[]): ExpectationResult => {
    const missing = expected.filter((c) => !got.includes(c));
    const extra = got.filter((c) => !expected.includes(c));
    const passed = missing.length === 0 && extra.length === 0;
    const description = expected.length === 0 ? `expected nothing ${what}` : `expected ${expected.length} ${what}: ${expected.join(', ')}`;
    const actual = [...(missing.length > 0 ? [`not ${what}: ${missing.join(', ')}`] : []), ...(extra.length > 0 ? [`also ${what}: ${extra.join(', ')}`] : [])].join('; ');
    return { description, passed, line: step.line, ...(passed ? {} : { actual: `got ${got.length} ${what}; ${actual}` }) };
  };
  return [
    check('newly blocked', step.expect.newlyBlocked, diff.newlyBlocked.map(connectionText)),
    check('newly allowed', step.expect.newlyAllowed, diff.newlyAllowed.map(connectionText)),
  ];
}
