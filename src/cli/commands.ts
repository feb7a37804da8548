/**
 * The list of vrsim commands, in the order `vrsim --help` shows them: each command's name and
 * description here, its flags and implementation in its own file, imported only when that
 * command runs (or its `--help` is asked), so that a command loads its own modules and no
 * other command's.
 */
import type { CommandEntry } from './command.js';

export const commands: readonly CommandEntry[] = [
  {
    command: 'run <scenario>',
    describe: 'Replay a lab scenario (YAML) step by step and check its expectations',
    load: async () => (await import('./run.js')).runCommand,
  },
  {
    command: 'reach',
    describe: 'Attempt every pod-to-pod connection through the simulated dataplane and print the truth table',
    load: async () => (await import('./reach.js')).reachCommand,
  },
  {
    command: 'merge <shards..>',
    describe: 'Put the shard files of `vrsim reach --shard i/N` together: the output of a single reach run, in any format',
    load: async () => (await import('./merge.js')).mergeCommand,
  },
  {
    command: 'trace',
    describe: 'Follow one connection packet by packet through the vRouters: lookups, hold, agent decision, flows, tunnel, reply',
    load: async () => (await import('./trace.js')).traceCommand,
  },
  {
    command: 'flows',
    describe: 'Run connections through the cluster, then dump node flow tables like `flow -l` / `flow --match`',
    load: async () => (await import('./flows.js')).flowsCommand,
  },
  {
    command: 'explain',
    describe: 'Show which pods each NetworkPolicy selects and every pod\'s ingress/egress whitelist',
    load: async () => (await import('./explain.js')).explainCommand,
  },
  {
    command: 'contrail',
    describe: 'Show the Contrail firewall policies (APS k8s, k8s-<ns>-<name>, k8s-denyall, k8s-allowall) built from the NetworkPolicies',
    load: async () => (await import('./contrail.js')).contrailCommand,
  },
  {
    command: 'diverge',
    describe: 'List every connection where the Kubernetes spec and Contrail (kube-manager firewall policies) disagree, by cause; exit 1 if any',
    load: async () => (await import('./diverge.js')).divergeCommand,
  },
  {
    command: 'diff',
    describe: 'What a change of policies does: every connection whose verdict changes between two sets of manifests (exit 1 when any)',
    load: async () => (await import('./diff.js')).diffCommand,
  },
  {
    command: 'vrouter <node> <tool>',
    describe: 'Run connections, then show a vRouter utility of one node in its real layout (dropstats, vif, nh, rt, mpls, flow --get)',
    load: async () => (await import('./vrouter.js')).vrouterCommand,
  },
];
