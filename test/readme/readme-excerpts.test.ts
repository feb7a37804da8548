/**
 * The README's examples are real: every excerpt is run and its shown output compared with
 * what vrsim prints today, so an excerpt that drifts (a flow index, a line number, a count)
 * fails here. The marking rules are the README's own ("Development" section, "README
 * excerpts"); in short:
 * - a fenced block whose first line starts with `$ ` is checked: each `$ vrsim ...` line is
 *   run in-process from the repository root and the lines after it, up to the next `$ `, must
 *   be its output (stdout and stderr as printed); `...` stands for any number of lines; the
 *   output must start with the shown lines unless the excerpt starts with `...`, and end with
 *   them unless it ends with `...` (a `...` line may be indented); trailing spaces are ignored;
 *   a command with no lines after it is checked for its exit code only; `$ NAME=value` sets `$NAME`;
 * - the exit code must be 0, or N when the command ends with `# exit N`;
 * - `<!-- readme-check: vrsim ... -->` on the line before a block makes the block a fragment
 *   (anywhere in order) of that command's output (transcripts, traces);
 * - `<!-- readme-check: skip <why> -->` exempts the next block;
 * - in a ```sh block without `$`, every `vrsim` line without a `<placeholder>` is run and
 *   must exit 0 without an internal error; `npm start` runs the start script's vrsim command.
 * Files that commands write (`--html`, `--pcap`, `--junit`) go to a temporary directory.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';

const README = readFileSync('README.md', 'utf8').split('\n');
const OUTPUT_FLAGS = new Set(['--html', '--pcap', '--junit']);

interface Command {
  readonly line: number;
  readonly text: string;
  readonly exit: number;
  readonly expected: readonly string[] | undefined;
  readonly fragment: boolean;
  readonly env: Readonly<Record<string, string>>;
}

/** `cmd   # exit N` -> [cmd, N]; other trailing comments (two spaces then #) are dropped. */
function splitComment(text: string): [string, number] {
  const m = /^(.*?)\s+#\s*(.*)$/.exec(text);
  if (m === null) return [text.trim(), 0];
  const exit = /^exit(?:s)? (\d+)\b/.exec(m[2]!);
  return [m[1]!.trim(), exit === null ? 0 : Number(exit[1])];
}

function parseReadme(): { commands: Command[]; skipped: number[] } {
  const commands: Command[] = [];
  const skipped: number[] = [];
  let marker: string | undefined;
  for (let i = 0; i < README.length; i++) {
    const line = README[i]!;
    const mark = /^<!--\s*readme-check:\s*(.*?)\s*-->\s*$/.exec(line);
    if (mark !== null) {
      marker = mark[1]!;
      continue;
    }
    const fence = /^```(\w*)\s*$/.exec(line);
    if (fence === null) {
      if (line.trim() !== '') marker = undefined;
      continue;
    }
    const start = i + 1;
    let end = start;
    while (end < README.length && !README[end]!.startsWith('```')) end++;
    const block = README.slice(start, end);
    const at = start; // README line of the block's first line, 0-based
    i = end;
    const ownMarker = marker;
    marker = undefined;
    if (ownMarker?.startsWith('skip')) {
      skipped.push(at);
      continue;
    }
    if (ownMarker !== undefined) {
      const [text, exit] = splitComment(ownMarker);
      commands.push({ line: at, text, exit, expected: block, fragment: true, env: {} });
      continue;
    }
    if (block[0]?.startsWith('$ ')) {
      const env: Record<string, string> = {};
      for (let j = 0; j < block.length; j++) {
        if (!block[j]!.startsWith('$ ')) continue;
        const [text, exit] = splitComment(block[j]!.slice(2));
        let k = j + 1;
        while (k < block.length && !block[k]!.startsWith('$ ')) k++;
        const assignment = /^([A-Z_]+)=(\S+)$/.exec(text);
        if (assignment !== null) env[assignment[1]!] = assignment[2]!;
        else commands.push({ line: at + j, text, exit, expected: block.slice(j + 1, k), fragment: false, env: { ...env } });
        j = k - 1;
      }
      continue;
    }
    if (fence[1] === 'sh') {
      block.forEach((raw, j) => {
        const [text, exit] = splitComment(raw);
        if (text === 'npm ci && npm start') {
          const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['start']!;
          const cmd = /node dist\/src\/cli\/main\.js (.*)$/.exec(start)?.[1];
          if (cmd !== undefined) commands.push({ line: at + j, text: `vrsim ${cmd}`, exit: 0, expected: undefined, fragment: true, env: {} });
        } else if (text.startsWith('vrsim ') && !text.includes('<')) {
          commands.push({ line: at + j, text, exit, expected: undefined, fragment: true, env: {} });
        }
      });
    }
  }
  return { commands, skipped };
}

/** Shell words: single and double quotes, `$NAME` from the excerpt's assignments; pipes and redirections are refused. */
function words(text: string, env: Readonly<Record<string, string>>): string[] {
  if (/[|><;&`]/.test(text.replace(/'[^']*'/g, ''))) throw new Error(`cannot run "${text}" in-process (a pipe or redirection): mark its block <!-- readme-check: skip ... -->`);
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const word = m[1] ?? (m[2] ?? m[3]!).replace(/\$([A-Z_]+)/g, (_all, name: string) => env[name] ?? `$${name}`);
    out.push(word);
  }
  return out;
}

async function run(command: Command, scratch: string): Promise<{ code: number; lines: string[] }> {
  const argv = words(command.text, command.env);
  if (argv[0] !== 'vrsim') throw new Error(`README line ${command.line + 1}: "${command.text}" is not a vrsim command`);
  const args = argv.slice(1);
  for (let i = 0; i < args.length - 1; i++) if (OUTPUT_FLAGS.has(args[i]!)) args[i + 1] = join(scratch, args[i + 1]!.replace(/[/\\]/g, '_'));
  let text = '';
  const code = await runCli(args, { stdout: (t) => void (text += t), stderr: (t) => void (text += t), isTty: false, cwd: process.cwd() });
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { code, lines };
}

/** Where the shown lines fail to match the output, or undefined when they match. */
export function mismatch(shown: readonly string[], actual: readonly string[], fragment: boolean): string | undefined {
  const lines = shown.map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const anchoredStart = !fragment && lines[0]?.trim() !== '...';
  const anchoredEnd = !fragment && lines[lines.length - 1]?.trim() !== '...';
  const chunks: string[][] = [[]];
  for (const l of lines) {
    if (l.trim() === '...') chunks.push([]);
    else chunks[chunks.length - 1]!.push(l);
  }
  let pos = 0;
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    if (chunk.length === 0) continue;
    const fits = (at: number) => chunk.every((l, k) => actual[at + k] === l);
    let found = -1;
    if (c === 0 && anchoredStart) found = fits(0) ? 0 : -1;
    else for (let at = pos; at + chunk.length <= actual.length && found < 0; at++) if (fits(at)) found = at;
    if (found < 0) {
      const first = chunk[0]!;
      const near = actual.findIndex((l, k) => k >= pos && l.trim() === first.trim());
      return `shown lines not found in order: ${JSON.stringify(chunk.slice(0, 3))}${near >= 0 ? ` (first one at output line ${near + 1}, the next lines differ)` : ''}`;
    }
    pos = found + chunk.length;
  }
  if (anchoredEnd && pos !== actual.length) return `the output goes on after the shown lines (${actual.length - pos} more, e.g. ${JSON.stringify(actual[pos])}); end the excerpt with ...`;
  return undefined;
}

const { commands, skipped } = parseReadme();

describe('README excerpts', () => {
  it('has excerpts to check (the parser found them)', () => {
    expect(commands.length).toBeGreaterThanOrEqual(15);
    expect(commands.filter((c) => c.expected !== undefined).length).toBeGreaterThanOrEqual(12);
    expect(skipped.length).toBeLessThanOrEqual(3);
  });

  it.each(commands.map((c) => [c.line + 1, c.text, c] as const))('README line %i: %s', async (_line, _text, command) => {
    const scratch = mkdtempSync(join(tmpdir(), 'vrsim-readme-'));
    const { code, lines } = await run(command, scratch);
    const all = lines.join('\n');
    expect(all).not.toContain('internal error');
    expect(code, `exit code of "${command.text}" (README line ${command.line + 1}); output:\n${all.slice(0, 2000)}`).toBe(command.exit);
    if (command.expected !== undefined && command.expected.some((l) => l.trim() !== '')) {
      const problem = mismatch(command.expected, lines, command.fragment);
      expect(problem, `README line ${command.line + 1} "${command.text}": ${problem}\n--- output ---\n${all.slice(0, 4000)}`).toBeUndefined();
    }
  });
});

describe('the excerpt matcher', () => {
  const out = ['a', 'b', 'c', 'd'];
  it.each([
    [['a', 'b', 'c', 'd'], false, true],
    [['a', '...', 'd'], false, true],
    [['...', 'c', 'd'], false, true],
    [['a', 'b'], false, false],
    [['a', 'c'], false, false],
    [['b', 'c'], true, true],
    [['d', 'c'], true, false],
    [['b', 'x'], true, false],
  ])('%j (fragment %s) matches: %s', (shown, fragment, ok) => {
    expect(mismatch(shown, out, fragment) === undefined).toBe(ok);
  });
});
