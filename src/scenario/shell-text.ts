/**
 * The commands a user types for each step, as the book prints them: `$ kubectl ...` on the
 * workstation, `$ kubectl exec -it <pod> -n <ns> -- <cmd>` inside a pod, and
 * `[root@cent222 ~]# <cmd>` on a node host; plus how a probe's output appears on that
 * terminal (kubectl exec adds `command terminated with exit code N` for pods).
 *
 * Guarantees: pure text functions; addresses come from the cluster at that step.
 */
import type { Cluster } from '../model/types.js';
import type { EndpointRef, ProbeOutcome } from '../sim/cluster/types.js';
import { formatDurationMs } from './duration.js';
import type { DeleteTarget, FlowMatchTerm, LabelTarget, ManifestText } from './types.js';

export const W3M_SUFFIX = ' | w3m -T text/html | grep -v "^$"';
export const VROUTER_CONTAINER = 'vrouter_vrouter-agent_1';

function addressesOf(cluster: Cluster, ref: EndpointRef): readonly string[] {
  switch (ref.kind) {
    case 'pod':
      return cluster.pods.find((p) => p.namespace === ref.namespace && p.name === ref.name)?.ips ?? [];
    case 'host':
      return cluster.nodes.find((n) => n.name === ref.node)?.internalIPs ?? [];
    case 'ip':
      return [ref.ip];
  }
}

const familyOf = (ip: string): 4 | 6 => (ip.includes(':') ? 6 : 4);

/**
 * The address a destination endpoint resolves to at this step: with a source, its first
 * address of a family the source has (an IPv6-only pod reaches a dual-stack pod over IPv6),
 * else its first address.
 */
export function endpointIp(cluster: Cluster, ref: EndpointRef, from?: EndpointRef): string {
  const addresses = addressesOf(cluster, ref);
  if (from !== undefined) {
    const families = new Set(addressesOf(cluster, from).map(familyOf));
    const shared = addresses.find((a) => families.has(familyOf(a)));
    if (shared !== undefined) return shared;
  }
  return addresses[0] ?? '0.0.0.0';
}

export function urlFor(ip: string, port: number): string {
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return port === 80 ? `http://${host}` : `http://${host}:${port}`;
}

/** The command line as typed from `from`: kubectl exec for a pod, a root prompt on a host. */
export function promptFor(from: EndpointRef, command: string): string {
  switch (from.kind) {
    case 'pod':
      return `$ kubectl exec -it ${from.name} -n ${from.namespace} -- ${command}`;
    case 'host':
      return `[root@${from.node} ~]# ${command}`;
    case 'ip':
      return `[root@${from.ip} ~]# ${command}`;
  }
}

function seconds(s: number): string {
  return Number.isInteger(s) ? String(s) : String(Math.round(s * 1000) / 1000);
}

export function curlCommand(url: string, maxTimeSeconds: number): string {
  return `curl ${url} -m ${seconds(maxTimeSeconds)}`;
}

export function pingCommand(ip: string, count: number): string {
  return `ping -c ${count} ${ip}`;
}

export function udpCommand(ip: string, port: number, timeoutSeconds: number): string {
  return `nc -u -w ${seconds(timeoutSeconds)} ${ip} ${port}`;
}

export function sctpCommand(ip: string, port: number, timeoutSeconds: number): string {
  return `ncat --sctp -w ${seconds(timeoutSeconds)} ${ip} ${port}`;
}

/** What the terminal shows after a probe: stdout (already rendered), stderr, kubectl's exit line. */
export function probeTerminalText(from: EndpointRef, probe: ProbeOutcome, shownStdout: string): string {
  const parts: string[] = [];
  if (shownStdout.trimEnd() !== '') parts.push(shownStdout.trimEnd());
  if (probe.stderr.trimEnd() !== '') parts.push(probe.stderr.trimEnd());
  if (from.kind === 'pod' && probe.exitCode !== 0 && !probe.stderr.includes('command terminated with exit code')) {
    parts.push(`command terminated with exit code ${probe.exitCode}`);
  }
  return parts.join('\n');
}

export function applyCommands(manifest: ManifestText): string[] {
  if (manifest.shownName !== '-') return [`$ kubectl apply -f ${manifest.shownName}`];
  const body = manifest.text.replace(/^\n+/, '').trimEnd();
  return ['$ kubectl apply -f - <<EOF', ...body.split('\n'), 'EOF'];
}

const KIND_WORD: Readonly<Record<string, string>> = { NetworkPolicy: 'networkpolicy', Pod: 'pod', Namespace: 'namespace' };

export function deleteCommands(target: DeleteTarget): string[] {
  if (target.kind === 'manifest') {
    if (target.manifest.shownName !== '-') return [`$ kubectl delete -f ${target.manifest.shownName}`];
    const body = target.manifest.text.replace(/^\n+/, '').trimEnd();
    return ['$ kubectl delete -f - <<EOF', ...body.split('\n'), 'EOF'];
  }
  const ns = target.namespace === undefined ? '' : ` -n ${target.namespace}`;
  return [`$ kubectl delete ${KIND_WORD[target.objectKind] ?? target.objectKind.toLowerCase()} ${target.name}${ns}`];
}

export function labelCommand(target: LabelTarget, set: Readonly<Record<string, string>>, remove: readonly string[]): string {
  const changes = [...Object.entries(set).map(([k, v]) => `${k}=${v}`), ...remove.map((k) => `${k}-`)].join(' ');
  const overwrite = Object.keys(set).length > 0 ? ' --overwrite' : '';
  return target.kind === 'pod'
    ? `$ kubectl label pod ${target.name} -n ${target.namespace} ${changes}${overwrite}`
    : `$ kubectl label namespace ${target.name} ${changes}${overwrite}`;
}

function matchText(term: FlowMatchTerm): string {
  return `${term.ip ?? '*'}${term.port === undefined ? '' : `:${term.port}`}`;
}

export function flowCommand(node: string, match: readonly FlowMatchTerm[]): string {
  const args = match.length === 0 ? '-l' : `--match ${match.map(matchText).join(',')}`;
  return `[root@${node} ~]# docker exec -it ${VROUTER_CONTAINER} flow ${args}`;
}

/** A vRouter utility run in the agent's container (`dropstats`, `vif --get 4`, ...). */
export function vrouterCommand(node: string, command: string): string {
  return `[root@${node} ~]# docker exec -it ${VROUTER_CONTAINER} ${command}`;
}

export function backgroundComment(name: string, from: EndpointRef, url: string, everyMs: number, keepAlive: boolean): string {
  const who = from.kind === 'pod' ? `${from.namespace}/${from.name}` : from.kind === 'host' ? `node/${from.node}` : from.ip;
  const how = keepAlive ? 'over one keep-alive connection' : 'opening a new connection each time';
  return `# background "${name}": ${who} requests ${url} every ${formatDurationMs(everyMs)}, ${how}`;
}

export function logsCommand(from: EndpointRef, lastMs: number, name: string): string {
  if (from.kind === 'pod') return `$ kubectl logs ${from.name} -n ${from.namespace} --since=${formatDurationMs(lastMs)}`;
  return `# responses of background "${name}" in the last ${formatDurationMs(lastMs)}`;
}

/** `12.004s` — virtual time in the poller logs. */
export function clockText(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}
