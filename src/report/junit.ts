/**
 * A scenario run as JUnit XML (`vrsim run --junit FILE`), so any CI shows lab replays and
 * policy checks as tests: one <testsuite> per scenario, one <testcase> per expectation named
 * after its step and what it expected, the step's transcript lines (commands and output) as
 * its <system-out>, a <failure> with what happened instead when it failed.
 *
 * Guarantees: well-formed XML 1.0 (text and attributes escaped, characters XML forbids
 * dropped); elements in the order the JUnit schema wants (failure before system-out);
 * `time` is virtual seconds (the step's duration on the simulation clock), so the same run
 * gives the same bytes; no timestamp or hostname.
 */
import { appendAll } from './append-all.js';

/** What the writer reads of a scenario report (`ScenarioReport` has this shape). */
export interface JunitInput {
  readonly file: string;
  readonly name: string;
  readonly settings: { readonly enforcement: string; readonly policyChange: string; readonly seed: number };
  readonly setup: readonly JunitStep[];
  readonly steps: readonly JunitStep[];
  readonly passed: number;
  readonly failed: number;
}

export interface JunitStep {
  readonly number: number;
  readonly kind: string;
  readonly line: number;
  readonly commands: readonly string[];
  readonly output: string;
  readonly expectations: readonly { readonly description: string; readonly passed: boolean; readonly actual?: string; readonly line: number }[];
  readonly timeMs: number;
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function text(s: string): string {
  return s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;').replace(/\r/g, '&#13;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = i < 0 ? path : path.slice(i + 1);
  return name.replace(/\.(ya?ml|json)$/i, '');
}

/** One or more scenario reports as one JUnit XML document. */
export function junitXml(reports: readonly JunitInput[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const tests = reports.reduce((a, r) => a + r.passed + r.failed, 0);
  const failures = reports.reduce((a, r) => a + r.failed, 0);
  const total = reports.reduce((a, r) => a + lastTime(r), 0);
  out.push(`<testsuites name="vrsim" tests="${tests}" failures="${failures}" errors="0" time="${seconds(total)}">`);
  reports.forEach((r, id) => appendAll(out, suite(r, id)));
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function lastTime(r: JunitInput): number {
  return r.steps.at(-1)?.timeMs ?? r.setup.at(-1)?.timeMs ?? 0;
}

function suite(r: JunitInput, id: number): string[] {
  const classname = baseName(r.file);
  const lines: string[] = [];
  const tests = r.passed + r.failed;
  lines.push(
    `  <testsuite name="${attr(r.name)}" id="${id}" package="${attr(classname)}" tests="${tests}" failures="${r.failed}" errors="0" skipped="0" time="${seconds(lastTime(r))}">`,
  );
  lines.push('    <properties>');
  lines.push(`      <property name="file" value="${attr(r.file)}"/>`);
  lines.push(`      <property name="enforcement" value="${attr(r.settings.enforcement)}"/>`);
  lines.push(`      <property name="policyChange" value="${attr(r.settings.policyChange)}"/>`);
  lines.push(`      <property name="seed" value="${r.settings.seed}"/>`);
  lines.push('    </properties>');
  let previousMs = 0;
  for (const step of [...r.setup, ...r.steps]) {
    const duration = Math.max(0, step.timeMs - previousMs);
    previousMs = step.timeMs;
    const transcript = [...step.commands, ...(step.output === '' ? [] : [step.output])].join('\n');
    for (const e of step.expectations) {
      const where = step.number === 0 ? 'setup' : `step ${step.number} (${step.kind})`;
      lines.push(`    <testcase name="${attr(`${where}: ${e.description}`)}" classname="${attr(classname)}" file="${attr(r.file)}" line="${e.line}" time="${seconds(duration)}">`);
      if (!e.passed) {
        const message = e.actual ?? 'expectation not met';
        lines.push(`      <failure message="${attr(message)}" type="expectation">${text(`${r.file}:${e.line}: ${e.description}: ${message}`)}</failure>`);
      }
      lines.push(`      <system-out>${text(transcript)}</system-out>`);
      lines.push('    </testcase>');
    }
  }
  lines.push('  </testsuite>');
  return lines;
}
