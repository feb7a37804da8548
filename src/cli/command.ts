/**
 * The shape of one CLI command module: a yargs command string, a description, a builder
 * declaring its flags, and `run` returning the process exit code. Commands print only through `CliIo`.
 */
import type { Argv } from 'yargs';
import type { CliIo } from './io.js';

export interface CliCommand {
  readonly command: string;
  readonly describe: string;
  builder(yargs: Argv): Argv;
  run(args: Record<string, unknown>, io: CliIo): Promise<number>;
}
