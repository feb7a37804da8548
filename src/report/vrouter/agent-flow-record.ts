/**
 * An agent-introspect-like record for a flow entry (what `contrail-vrouter-agent`'s flow
 * introspect shows next to what `flow -l` shows): the firewall policy and rule that matched
 * the session (`fw_policy_match`, under `semantics: contrail`) and the agent's drop reason in
 * its own words (tf-controller `pkt/flow_entry.cc`, `FlowEntry::FlowDropReasonStr`).
 * Guarantees: pure; a reverse entry carries its session's match (its action is reflexive).
 */
import { DROP_REASON_NAMES } from '../../dataplane/flow-codes.js';
import type { ContrailMatch } from '../../policy/contrail-evaluate.js';

/** FlowDropReasonStr by vRouter drop code (VR_FLOW_DR_*); codes the agent names differently are absent. */
const AGENT_DROP_TEXT: Readonly<Record<number, string>> = {
  0x00: 'UNKNOWN',
  0x01: 'Short flow Interface unavialable',
  0x02: 'Short flow Ipv4 forwarding disabled',
  0x03: 'Short flow VRF unavailable',
  0x04: 'Short flow No Source route',
  0x05: 'Short flow No Destination route',
  0x06: 'Short flow Audit Entry',
  0x07: 'Short flow VRF CHANGE',
  0x08: 'Short flow No Reverse flow',
  0x09: 'Short flow Reverse flow change',
  0x0a: 'Short flow NAT Changed',
  0x0b: 'Short flow Flow Limit Reached',
  0x0c: 'Short flow Linklocal source NAT failed',
  0x0d: 'Short flow vrouter install failed',
  0x0e: 'Short flow invalid L2 flow',
  0x0f: 'Short flow TSN flow',
  0x10: 'Short flow No mirror entry ',
  0x11: 'Short flow same flow and rflow',
  0x13: 'Short flow No Source route for RPF NH',
  0x14: 'Short flow Conflicting config for NAT and FAT flow',
  0x15: 'Flow drop Policy',
  0x16: 'Flow drop Out Policy',
  0x17: 'Flow drop SG',
  0x18: 'Flow drop OUT SG',
  0x19: 'Flow drop REVERSE SG',
  0x1a: 'Flow drop REVERSE OUT SG',
  0x1b: 'Flow drop Firewall Policy',
  0x1c: 'Flow drop OUT Firewall Policy',
  0x1d: 'Flow drop REVERSE Firewall Policy',
  0x1e: 'Flow drop REVERSE OUT Firewall Policy',
  0x1f: 'Flow drop FWAAS Policy',
  0x20: 'Flow drop OUT FWAAS Policy',
  0x21: 'Flow drop REVERSE FWAAS Policy',
  0x22: 'Flow drop REVERSE OUT FWAAS Policy',
};

export interface AgentFlowRecord {
  /** `<firewall policy>:<rule>` of the session, or null (no match, or not under contrail). */
  readonly fw_policy_match: string | null;
  readonly fw_policy: string | null;
  readonly fw_rule: string | null;
  readonly fw_rule_sequence: string | null;
  /** The agent's text for a drop entry, null for an entry that is not a drop. */
  readonly drop_reason: string | null;
  /** True for the entry the agent added (its action is the forward flow's, reflexive). */
  readonly reflexive: boolean;
}

export function agentDropReasonText(code: number): string {
  return AGENT_DROP_TEXT[code] ?? DROP_REASON_NAMES[code] ?? String(code);
}

export function agentFlowRecord(match: ContrailMatch | null, dropCode: number | null, reflexive: boolean): AgentFlowRecord {
  return {
    fw_policy_match: match === null ? null : `${match.policy.name}:${match.rule.name}`,
    fw_policy: match?.policy.name ?? null,
    fw_rule: match?.rule.name ?? null,
    fw_rule_sequence: match?.rule.sequence ?? null,
    drop_reason: dropCode === null ? null : agentDropReasonText(dropCode),
    reflexive,
  };
}
