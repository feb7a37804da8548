/**
 * The list of vrsim commands, in the order `vrsim --help` shows them. Each lives in its own file.
 */
import type { CliCommand } from './command.js';
import { contrailCommand } from './contrail.js';
import { divergeCommand } from './diverge.js';
import { vrouterCommand } from './vrouter.js';
import { explainCommand } from './explain.js';
import { diffCommand } from './diff.js';
import { flowsCommand } from './flows.js';
import { reachCommand } from './reach.js';
import { mergeCommand } from './merge.js';
import { runCommand } from './run.js';
import { traceCommand } from './trace.js';

export const commands: readonly CliCommand[] = [
  runCommand,
  reachCommand,
  mergeCommand,
  traceCommand,
  flowsCommand,
  explainCommand,
  contrailCommand,
  divergeCommand,
  diffCommand,
  vrouterCommand,
];
