/**
 * The list of vrsim commands, in the order `vrsim --help` shows them. Each lives in its own file.
 */
import type { CliCommand } from './command.js';
import { runCommand } from './run.js';

export const commands: readonly CliCommand[] = [
  runCommand,
];
