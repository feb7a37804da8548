#!/usr/bin/env node
/**
 * vrsim command line: registers one yargs command per file in this folder and runs it.
 * `runCli(argv, io)` is the in-process entry used by tests; the bottom of the file is the
 * process entry (exit code from the command, no stack traces for user errors).
 */
import yargs, { type Argv } from 'yargs';
import { readSync, realpathSync } from 'node:fs';
import { checkFlags, unknownFlagHint, type FlagTable } from './flag-checks.js';
import { MAX_FILE_BYTES } from '../model/limits.js';
import { decodeStdin } from '../model/read-files.js';
import { fileURLToPath } from 'node:url';
import { type CliIo, UserError, drainWaiter, reportFailure, streamWriter } from './io.js';
import { commands } from './commands.js';
import { packageVersion } from './version.js';
import { LOG_LEVELS, createLogger, type LogLevel } from './logging.js';

/** `-f -` as `--file=-`: yargs would otherwise take a lone `-` for an unknown argument. */
function stdinFileArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if ((arg === '-f' || arg === '--file') && argv[i + 1] === '-') {
      out.push('--file=-');
      i++;
    } else out.push(arg);
  }
  return out;
}

function flagTable(instance: unknown): FlagTable {
  const options = (instance as { getOptions?: () => { key?: Record<string, unknown>; array?: string[]; boolean?: string[]; alias?: Record<string, string[]> } }).getOptions?.() ?? {};
  const aliases = Object.entries(options.alias ?? {}).flatMap(([k, v]) => [k, ...v]);
  const known = [...new Set([...Object.keys(options.key ?? {}), ...aliases])];
  const withAliases = (names: readonly string[]): string[] => names.flatMap((n) => [n, ...(options.alias?.[n] ?? [])]);
  return { known, arrays: withAliases(options.array ?? []), booleans: withAliases(options.boolean ?? []) };
}

/**
 * Exit codes: 0 success (and `vrsim` alone, which prints the command list, as kubectl does),
 * 1 a located input error (manifests) or a failed expectation (`run`), 2 a usage error (flags;
 * `run` also for a bad scenario), 70 an internal error.
 */
export async function runCli(rawArgv: readonly string[], io: CliIo): Promise<number> {
  const argv = rawArgv.length === 0 ? ['--help'] : stdinFileArgs(rawArgv);
  let exitCode = 0;
  const parser = yargs([...argv])
    .scriptName('vrsim')
    .usage('$0 <command> [options]\n\nSimulate a Contrail/Tungsten Fabric vRouter dataplane enforcing Kubernetes NetworkPolicy.')
    .strict()
    .demandCommand(1, 'Name a command (see the list above).')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(packageVersion())
    .option('log', {
      type: 'string',
      describe: `Structured JSON logs on stderr at this level (${LOG_LEVELS.join(', ')}; "debug" logs every dataplane event)`,
      coerce: (value: string | undefined) => {
        if (value === undefined) return undefined;
        const level = value === '' ? 'info' : value;
        if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new UserError(`--log: "${value}" is not one of ${LOG_LEVELS.join(', ')}`);
        return level;
      },
    })
    .middleware((args) => {
      checkFlags(args, argv, flagTable(parser));
      const level = args['log'] as LogLevel | undefined;
      if (level !== undefined) {
        io.logger = createLogger(level, (line) => io.stderr(line));
        io.logger.info({ argv: [...argv] }, 'vrsim start');
      }
    })
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      const text = unknownFlagHint(message ?? "invalid command line", flagTable(parser).known);
      throw error ?? new UserError(`${text}\nRun 'vrsim --help' for usage.`);
    });
  for (const command of commands) {
    parser.command({
      command: command.command,
      describe: command.describe,
      // Only the command being run (or asked for --help) is loaded: yargs awaits this builder.
      builder: async (y: Argv) => (await command.load()).builder(y),
      handler: async (args: Record<string, unknown>) => {
        exitCode = await (await command.load()).run(args, io);
      },
    });
  }
  try {
    let helpText = '';
    await parser.parseAsync([...argv], {}, (_err: unknown, _argv: unknown, output: string) => {
      helpText = output;
    });
    if (helpText !== '') io.stdout(helpText + '\n');
    return exitCode;
  } catch (error) {
    return reportFailure(io, error);
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/**
 * Standard input read whole, blocking, at most `MAX_FILE_BYTES` (+1 to detect more, which the
 * reader reports): `yes | vrsim explain -f -` ends with an error instead of reading forever.
 */
function readStdinBounded(): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    if (total > MAX_FILE_BYTES) break;
  }
  // Past the bound the reader reports the size; only what it will read must decode.
  if (total > MAX_FILE_BYTES) return Buffer.concat(chunks, total).toString('utf8');
  return decodeStdin(Buffer.concat(chunks, total));
}

if (isMain()) {
  const stdout = streamWriter(process.stdout);
  const stderr = streamWriter(process.stderr);
  const io: CliIo = {
    readStdin: readStdinBounded,
    env: process.env,
    stdout,
    stderr: (text) => {
      try {
        stderr(text);
      } catch {
        // stderr closed too (`2>&1 | head`): nothing left to tell
      }
    },
    drained: drainWaiter(process.stdout),
    isTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    cwd: process.cwd(),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportFailure(io, error);
    },
  );
}
