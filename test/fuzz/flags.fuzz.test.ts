/**
 * Fuzzing the command line (in-process): a command with a random set of its flags, each with
 * a valid value, a value past its range, an empty one, a wrong type, or repeated, over a small
 * valid manifest set. Every argv must be well-behaved (test/fuzz/invariants.ts): exit 0, 1 or
 * 2, usage errors as `vrsim: ...`, manifest diagnostics located, bounded output and time.
 */
import fc from 'fast-check';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { fuzzParameters, fuzzTimeout, scratchDir } from './fixtures.js';
import { expectWellBehaved } from './invariants.js';

const PODS = 'scenarios/book-ch3/manifests/pods.yaml';
const POLICY = 'scenarios/book-ch3/manifests/policy1.yaml';
const out = scratchDir();

const ENDPOINTS = ['dev/pod-a', 'qa/client1-qa', 'pod-b', 'node/cent222', 'app=web', 'dev', 'nowhere/none', '10.47.255.232', 'fd00::99', '999.1.1.1', '', 'svc/dev/none', 'dev/pod-a/extra'];
const PORTS = ['80', '53', '0', '65536', '-1', '80,443', 'web', 'http', '', '1-100', '32768', '99999999999999999999', '80,,81', 'abc'];
const SEEDS = ['0', '1', '4294967295', '4294967296', '-1', '', '1.5', '0x10', 'abc', '1e3'];
const WORDS = ['', 'x', 'TCP', 'udp', 'ICMP', 'SCTP,TCP', 'flow', 'packet', 'none', 'kubernetes', 'contrail', 'reevaluate', 'keep', 'json', 'text', 'md', 'csv', 'dot', 'table', 'full', 'compact', 'auto', 'pod', 'workload'];

const anyValue = (pool: readonly string[]): fc.Arbitrary<string> => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }));

/** One flag with a value (or none), as argv words; `value` gives the values (default: `anyValue(pool)`). */
const flag = (name: string, pool: readonly string[], value: fc.Arbitrary<string> = anyValue(pool)): fc.Arbitrary<string[]> =>
  fc.oneof(
    { weight: 6, arbitrary: value.map((v) => [name, v]) },
    value.map((v) => [`${name}=${v}`]),
    fc.constant<string[]>([name]),
    value.map((v) => [name, v, name, v]),
  );

/**
 * A flag naming a file the command writes (--junit, --pcap): a relative value is taken inside
 * the scratch directory, so that a fuzzed run never writes into the working tree (a report
 * written there as `udp` was then read back by a later case as a manifest).
 */
const outputFlag = (name: string, pool: readonly string[]): fc.Arbitrary<string[]> =>
  flag(name, pool, anyValue(pool).map((v) => (v === '' || isAbsolute(v) ? v : join(out, v))));

const COMMON = [
  flag('--seed', SEEDS),
  flag('--enforcement', ['flow', 'packet', 'none', 'flow,packet']),
  flag('--semantics', ['kubernetes', 'contrail']),
  flag('--policy-change', ['reevaluate', 'keep']),
  flag('--log', ['info', 'warn', 'error', 'debug']),
  fc.constantFrom<string[]>(['--bogus'], ['--no-such-flag', 'x'], ['-Z'], ['--hosts=maybe'], ['--help'], ['--version']),
];

const TRAFFIC = ['dev/pod-a->dev/pod-b:80', 'pod-a->pod-c:80/UDP', 'dev/pod-a->10.47.255.232:99999', 'dev/pod-a->dev/pod-b', '->:', 'dev/pod-a->fd00::1:80/TCP', 'x->y:80/ICMP', 'dev/pod-a->dev/pod-b:0/SCTP'];

const COMMANDS: Record<string, readonly fc.Arbitrary<string[]>[]> = {
  reach: [...COMMON, flag('--port', PORTS), flag('--protocol', ['TCP', 'UDP', 'SCTP', 'TCP,UDP']), flag('-o', ['table', 'json', 'csv', 'md', 'dot']), flag('--layout', ['auto', 'full', 'compact']), fc.constantFrom<string[]>(['--hosts'], ['--no-hosts']), flag('-n', ['dev', 'qa', 'none', '']), flag('--from', ENDPOINTS), flag('--to', ENDPOINTS),
    flag('--workers', ['1', '2', '0', 'x', '300']), fc.constantFrom<string[]>(['--classes'], ['--no-classes']), flag('--shard', ['0/2', '1/2', '2/2', '0/0', 'x']), flag('--group', ['pod', 'workload'])],
  trace: [...COMMON, flag('--from', ENDPOINTS), flag('--to', ENDPOINTS), flag('--port', PORTS), flag('--protocol', ['TCP', 'UDP', 'SCTP', 'ICMP']), flag('-o', ['text', 'json'])],
  flows: [...COMMON, flag('-t', TRAFFIC), flag('--node', ['cent222', 'cent333', 'nope', '']), flag('--match', ['10.47.255.232', '10.47.255.232:80', 'x', '1.2.3.4:99999,']), fc.constantFrom<string[]>(['--show-evicted'])],
  explain: [flag('-o', ['text', 'json']), flag('--group', ['pod', 'workload']), COMMON[5]!],
  contrail: [flag('-o', ['text', 'json']), flag('--cluster-name', ['k8s', 'prod', '', 'a b']), COMMON[5]!],
  diverge: [...COMMON, flag('--port', PORTS), flag('--protocol', ['TCP', 'UDP']), flag('-o', ['text', 'json', 'md']), fc.constantFrom<string[]>(['--hosts'], ['--no-hosts'])],
  vrouter: [...COMMON, flag('-t', TRAFFIC), flag('-o', ['text', 'json'])],
};

const MANIFEST_ARGS: readonly (readonly string[])[] = [['-f', PODS, '-f', POLICY], ['-f', PODS], ['-f', PODS, '-f', PODS], [], ['-f'], ['-f', 'no-such-file.yaml'], ['-f', 'scenarios/book-ch3/manifests']];

const argvArb: fc.Arbitrary<string[]> = fc
  .constantFrom(...Object.keys(COMMANDS), 'run', 'diff', 'nonsense')
  .chain((command) => {
    if (command === 'run') {
      const runFlags = [flag('--step', ['1', '2', '0', '999', '-1', 'x']), flag('--seed', SEEDS), flag('-o', ['text', 'json']), flag('--semantics', ['kubernetes', 'contrail']), outputFlag('--junit', ['j.xml', '']), outputFlag('--pcap', ['p.pcapng', ''])];
      return fc.tuple(fc.constantFrom('scenarios/book-ch3.yaml', 'scenarios/missing.yaml', ''), fc.array(fc.oneof(...runFlags), { maxLength: 3 })).map(([s, fs]) => ['run', ...(s === '' ? [] : [s]), ...fs.flat()]);
    }
    if (command === 'diff') {
      return fc.array(fc.oneof(flag('--before', [PODS, '']), flag('--after', [POLICY, PODS, 'no.yaml']), flag('--port', PORTS), flag('-o', ['text', 'json', 'md'])), { maxLength: 4 }).map((fs) => ['diff', ...fs.flat()]);
    }
    if (command === 'nonsense') return fc.constantFrom<string[]>(['nonsense'], ['reahc', '-f', PODS], ['--seed', '1'], []);
    const flags = COMMANDS[command]!;
    const positional = command === 'vrouter' ? fc.constantFrom<string[]>(['cent222', 'dropstats'], ['cent333', 'dropstats'], ['nope', 'dropstats'], ['cent222', 'bogus'], []) : fc.constant([] as string[]);
    return fc.tuple(positional, fc.constantFrom(...MANIFEST_ARGS), fc.array(fc.oneof(...flags), { maxLength: 4 })).map(([p, m, fs]) => [command, ...p, ...m, ...fs.flat()]);
  });

describe('fuzzing flags', () => {
  it('every argv gets exit 0/1/2, a usage error or a located message, bounded output, no internal error', async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(argvArb, async (argv) => {
        const started = performance.now();
        const run = await cli(...argv);
        const outcome = expectWellBehaved(run, { files: [PODS, POLICY, 'scenarios/book-ch3.yaml'], includes: true, usageErrors: true, elapsedMs: performance.now() - started });
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }),
      fuzzParameters('flags', 500, 10_000),
    );
    const total = [...outcomes.values()].reduce((a, b) => a + b, 0);
    console.log(`fuzz flags: ${total} argvs, ${outcomes.get('ok') ?? 0} exit 0`);
    expect(total).toBeGreaterThan(50);
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(0);
  }, fuzzTimeout(10_000));
});
