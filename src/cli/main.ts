#!/usr/bin/env node
/**
 * vrsim command line: registers one yargs command per file in this folder and runs it.
 * `runCli(argv, io)` is the in-process entry used by tests; the bottom of the file is the
 * process entry (exit code from the command, no stack traces for user errors).
 */
import yargs from 'yargs';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CliIo, UserError, reportFailure, streamWriter } from './io.js';
import { commands } from './commands.js';
import { LOG_LEVELS, createLogger, type LogLevel } from './logging.js';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const parser = yargs([...argv])
    .scriptName('vrsim')
    .usage('$0 <command> [options]\n\nSimulate a Contrail/Tungsten Fabric vRouter dataplane enforcing Kubernetes NetworkPolicy.')
    .strict()
    .demandCommand(1, 'Name a command (see the list above).')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
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
      const level = args['log'] as LogLevel | undefined;
      if (level !== undefined) {
        io.logger = createLogger(level, (line) => io.stderr(line));
        io.logger.info({ argv: [...argv] }, 'vrsim start');
      }
    })
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      throw error ?? new UserError(`${message ?? 'invalid command line'}\nRun 'vrsim --help' for usage.`);
    });
  for (const command of commands) {
    parser.command({
      command: command.command,
      describe: command.describe,
      builder: command.builder,
      handler: async (args: Record<string, unknown>) => {
        exitCode = await command.run(args, io);
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

if (isMain()) {
  const stdout = streamWriter(process.stdout);
  const stderr = streamWriter(process.stderr);
  const io: CliIo = {
    stdout,
    stderr: (text) => {
      try {
        stderr(text);
      } catch {
        // stderr closed too (`2>&1 | head`): nothing left to tell
      }
    },
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
