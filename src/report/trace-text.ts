/**
 * `vrsim trace` output: one connection packet by packet, per node, in time order: the vif or
 * tunnel it arrived on, the flow lookup (hit or miss), the hold queue and trap, the agent's
 * decision with the policy and rule that decided, the entries installed with their indexes,
 * the tunnel, delivery or drop — then the reply riding the reverse flow.
 */
import type { DataplaneEvent } from '../dataplane/trace-events.js';

function millis(us: number): string {
  const ms = Math.floor(us / 1000);
  const frac = String(us % 1000).padStart(3, '0');
  return `${String(ms).padStart(6, ' ')}.${frac} ms`;
}

/** The words for one event, without time and node. */
export function traceEventText(e: DataplaneEvent): string {
  switch (e.kind) {
    case 'vif-rx':
      return `rx on vif ${e.vif} (${e.vifName}): ${e.packet}`;
    case 'fabric-rx':
      return `rx from fabric, MPLSoUDP from ${e.outerSource} label ${e.label} -> vif ${e.vif}: ${e.packet}`;
    case 'flow-miss':
      return `flow lookup: miss (key ${e.key})`;
    case 'hold':
      return e.queued === 1 ? `new entry ${e.index}, action H (hold), packet queued (1 of 3)` : `entry ${e.index} in hold: packet queued (${e.queued} of 3)`;
    case 'trap':
      return `trap to agent over pkt0 (${e.reason}), entry ${e.index}`;
    case 'agent-decision':
      return `agent: ${e.reason}`;
    case 'flow-install':
      return `agent installs ${e.index} ${e.forwardAction} <=> ${e.reverseIndex} ${e.reverseAction}; held packets released`;
    case 'flow-update':
      return `agent re-evaluates ${e.index} -> ${e.forwardAction} <=> ${e.reverseIndex} -> ${e.reverseAction} (${e.why})`;
    case 'flow-hit':
      return `flow lookup: hit ${e.index} (${e.direction}), action ${e.action}: ${e.packet}`;
    case 'tunnel-tx':
      return `tunnel MPLSoUDP ${e.outerSource}:${e.udpSourcePort} -> ${e.outerDestination}:6635 label ${e.label}`;
    case 'deliver':
      return `deliver to vif ${e.vif} (${e.vifName})`;
    case 'drop':
      return `DROP (${e.reason})${e.index >= 0 ? ` on entry ${e.index}` : ''}: ${e.packet}`;
    case 'flow-evict':
      return `TCP connection dead (both sides closed): entries ${e.index} <=> ${e.reverseIndex} evicted, slots free for reuse`;
    case 'no-flow':
      return `no flow lookup (${e.why}): ${e.packet}`;
    case 'route-out':
      return `routed out of the fabric towards ${e.destination} (outside the cluster)`;
  }
}

export function formatTrace(events: readonly DataplaneEvent[]): string {
  const nodeWidth = Math.max(4, ...events.map((e) => e.node.length));
  const lines: string[] = [];
  let lastTime = -1;
  for (const e of events) {
    const time = e.t === lastTime ? ' '.repeat(millis(e.t).length) : millis(e.t);
    lastTime = e.t;
    lines.push(`${time}  ${e.node.padEnd(nodeWidth)}  ${traceEventText(e)}`);
  }
  return lines.join('\n') + '\n';
}
