/**
 * The shape of one CLI command: its entry in the command list (`commands.ts`: a yargs command
 * string and a description, enough for `vrsim --help`) and its implementation module (a
 * builder declaring its flags, and `run` returning the process exit code), loaded on demand.
 * Commands print only through `CliIo`.
 */
import type { Argv } from 'yargs';
import type { CliIo } from './io.js';

export interface CliCommand {
  builder(yargs: Argv): Argv;
  run(args: Record<string, unknown>, io: CliIo): Promise<number>;
}

export interface CommandEntry {
  readonly command: string;
  readonly describe: string;
  /** The implementation (imports the command's modules the first time). */
  load(): Promise<CliCommand>;
}
