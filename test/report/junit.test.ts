/**
 * `vrsim run --junit FILE` read by real JUnit XML readers: fast-xml-parser's validator (well
 * formed XML) and junit2json (the JUnit structure CI tools read): one testcase per
 * expectation, the transcript as system-out, failures as <failure>; and the exit codes
 * (0 passed, 1 an expectation failed, 2 bad input, no file written).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parse } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { junitXml } from '../../src/report/junit.js';

const dir = mkdtempSync(join(tmpdir(), 'vrsim-junit-'));
const book = readFileSync('scenarios/book-ch8.yaml', 'utf8').replace(/book-ch8\//g, `${process.cwd()}/scenarios/book-ch8/`);

let runs = 0;
async function junitOf(scenario: string): Promise<{ code: number; xml: string; out: string }> {
  const file = join(dir, `run-${++runs}.xml`);
  const r = await cli('run', scenario, '--junit', file);
  return { code: r.code, xml: readFileSync(file, 'utf8'), out: r.out };
}

describe('vrsim run --junit', () => {
  it('the chapter 8 lab: 43 passing testcases with their transcript lines', async () => {
    const { code, xml, out } = await junitOf('scenarios/book-ch8.yaml');
    expect(code).toBe(0);
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = (await parse(xml)) as import('junit2json').TestSuites;
    expect([suites.tests, suites.failures]).toEqual([43, 0]);
    const suite = suites.testsuite![0]!;
    expect(suite.name).toBe('Chapter 8 — Contrail network policy lab');
    expect(suite.testcase).toHaveLength(43);
    expect(suite.testcase!.every((t) => t.failure === undefined && t.classname === 'book-ch8')).toBe(true);
    // Names are unique (a CI keys test history on them) and say the step and the expectation.
    expect(new Set(suite.testcase!.map((t) => t.name)).size).toBe(43);
    const timeout = suite.testcase!.find((t) => t.name!.includes('expected timeout'))!;
    expect(timeout.name).toMatch(/^step \d+ \(curl\): expected timeout$/);
    expect(timeout['system-out']![0]).toContain('curl: (28) Connection timed out after 5000 milliseconds');
    // Every transcript line of the step is in the transcript that `vrsim run` prints.
    for (const t of suite.testcase!) for (const line of t['system-out']![0]!.split('\n')) expect(out).toContain(line);
    const flows = suite.testcase!.find((t) => t.name!.includes('D(FwPolicy)'))!;
    expect(flows['system-out']![0]).toContain('Stats:3/222');
  });

  it('a failed expectation is a <failure> with what happened instead, and exit 1', async () => {
    const file = join(dir, 'fails.yaml');
    // Step 2 expects client1-dev's curl to time out: it succeeds.
    writeFileSync(file, book.replace('expect: success', 'expect: timeout'));
    const { code, xml } = await junitOf(file);
    expect(code).toBe(1);
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = (await parse(xml)) as import('junit2json').TestSuites;
    expect([suites.tests, suites.failures]).toEqual([43, 1]);
    const failed = suites.testsuite![0]!.testcase!.filter((t) => t.failure !== undefined);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.name).toBe('step 2 (curl): expected timeout');
    expect(failed[0]!.failure![0]!.message).toMatch(/^got success/);
    expect(failed[0]!.failure![0]!.inner).toContain(`${file}:`);
  });

  it('bad input exits 2 and writes no JUnit file', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, book.replace('expect: success', 'expect: sucess'));
    const out = join(dir, 'bad.xml');
    const r = await cli('run', bad, '--junit', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:\d+: steps\[\d+\]\.curl\.expect: "sucess" is not one of/);
    expect(existsSync(out)).toBe(false);
    const nodir = await cli('run', 'scenarios/book-ch8.yaml', '--junit', join(dir, 'no/such/dir.xml'));
    expect(nodir.code).toBe(2);
    expect(nodir.err).toContain('--junit: cannot write');
  });

  it('text XML forbids is escaped or dropped, and stays parseable', async () => {
    const xml = junitXml([
      {
        file: 'a&b.yaml', name: '<lab> "x"', settings: { enforcement: 'flow', policyChange: 'keep', seed: 1 }, setup: [], passed: 0, failed: 1,
        steps: [{ number: 1, kind: 'curl', line: 3, commands: ['$ echo <&> \u0007bell'], output: ']]> end', timeMs: 5, expectations: [{ description: 'expected "ok"', passed: false, actual: 'got\n<bad>', line: 3 }] }],
      },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = (await parse(xml)) as import('junit2json').TestSuites;
    const t = suites.testsuite![0]!.testcase![0]!;
    expect(t['system-out']![0]).toBe('$ echo <&> bell\n]]> end');
    expect(t.failure![0]!.message).toBe('got\n<bad>');
  });
});
