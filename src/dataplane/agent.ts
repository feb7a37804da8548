/**
 * The node's vRouter agent: flow setup for trapped first packets, re-evaluation of existing
 * flows after a policy change, aging of idle flows and eviction of dead TCP flows.
 *
 * Flow setup: a trapped flow waits for the agent's processing latency and for its turn at the
 * configured setup rate, then the agent asks the FlowPolicy and installs both entries:
 * - allowed: `F` forward and `F` reverse;
 * - denied: `D(FwPolicy)` forward and `D(Unknown)` reverse (the reverse takes the reflexive
 *   action of the forward flow, as in the book's dump);
 * - enforcement `packet`: the reverse entry gets its own decision, as if the reply opened a
 *   connection (so a server's SYN-ACK needs an egress allow);
 * - enforcement `none`: everything is `F`.
 * Then the held packets are released through the new action.
 *
 * Both the source node and the destination node run this for a cross-node flow. The decision
 * covers the source's egress AND the destination's ingress, because Contrail's firewall rules
 * match the tags of both endpoints: a flow that either side denies is dropped at the first
 * vRouter it meets and the other node never sees it (the book's cent222 shows no flow).
 *
 * A flow to a Service address is planned by the vRouter's `ServiceNat` (service-nat.ts): the
 * decision is made on the backend it leads to, the pair is NATed (`N(D)`/`N(S)`) on the node of
 * that backend, forwarded with its ECMP index on the client's node, or short-dropped.
 *
 * Short flows (tf-controller `pkt/pkt_flow_info.cc`; `FlowEntry::MakeShortFlow` gives both
 * entries the reason, `ActionRecompute` puts it before any policy): a destination no node owns
 * (no route) gives `D(NoDstRt)` both ways; an interface over its flow limit `D(FlowLim)`
 * (`interface-flows.ts`). Deleting a pod's interface deletes its flows at once.
 *
 * A trapped TCP segment with ACK (a connection whose flows aged out or were flushed) makes a
 * TCP-ACK flow: it passes when either direction passes (flow_entry.cc, SessionMatch).
 */
import { TCP_ACK, type IpAddr, type IpPacket } from '../packet/types.js';
import { ipAddrFromWords } from '../packet/address.js';
import {
  ACTION_DROP,
  ACTION_FORWARD,
  ACTION_HOLD,
  ACTION_NAT,
  DROP_FLOW_LIMIT,
  DROP_FW_POLICY,
  DROP_NO_DST_ROUTE,
  DROP_NO_REVERSE_FLOW,
  DROP_OUT_FW_POLICY,
  DROP_UNKNOWN,
  FLAG_EVICT_CANDIDATE,
  FLAG_NEW_FLOW,
  FLAG_RFLOW_VALID,
  FLAG_DNAT,
  FLAG_SNAT,
} from './flow-codes.js';
import { FlowKey, flowKeyHash, setReverseKey } from './flow-key.js';
import { MAX_HELD_PACKETS_PER_FLOW } from './hold-queue.js';
import { inheritReverseTcpState } from './tcp-digest.js';
import { InterfaceFlowCounts } from './interface-flows.js';
import { InstallOrder } from './install-order.js';
import { PendingSetups } from './pending-setups.js';
import { describePacket } from './packet-text.js';
import type { FlowPolicy } from './flow-policy.js';
import { VIF_VHOST0, interfaceNextHop, vrfOfKeyNextHop } from './topology.js';
import { PLAN_ECMP, PLAN_NAT, PLAN_NONE, PLAN_SHORT, setNatReverseKey } from './service-nat.js';
import type { Vrouter } from './vrouter.js';

export type Enforcement = 'flow' | 'packet' | 'none';

export interface AgentOptions {
  /** Time from trap to installed flow, in microseconds. */
  readonly latencyUs: number;
  /** Flow setups per second; traps queue behind each other at this rate. */
  readonly setupRatePerSecond: number;
  /** Entries in HOLD before new flows are refused ("Flow Unusable"). */
  readonly holdLimit: number;
  /** Idle flows are deleted after this many seconds. */
  readonly agingSeconds: number;
  /** Flow entries per pod interface before new flows are short (`FlowLim`); 0 or absent: no limit. */
  readonly maxFlowsPerInterface?: number;
}

/** Which side of a pair an entry is: the one the first packet created, or the one the agent added. */
const ROLE_NONE = 0;
const ROLE_FORWARD = 1;
const ROLE_REVERSE = 2;

/** How often the agent scans for idle flows, in microseconds of virtual time. */
const AGING_SCAN_US = 1_000_000;

export class VrouterAgent {
  readonly holdLimit: number;
  enforcement: Enforcement;
  policy: FlowPolicy;
  private readonly vrouter: Vrouter;
  private readonly options: AgentOptions;
  /** Forward-entry indexes of installed pairs (for aging and re-evaluation), in install order. */
  private readonly pairs = new InstallOrder();
  /** Forward indexes of installed pairs that are TCP-ACK flows (trapped on a segment with ACK). */
  private readonly tcpAckPairs = new Set<number>();
  private readonly fwdKey = new FlowKey();
  private readonly revKey = new FlowKey();
  private readonly held = new Array<IpPacket | undefined>(MAX_HELD_PACKETS_PER_FLOW).fill(undefined);
  private nextFreeAt = 0;
  private agingArmed = false;
  /**
   * Trapped flows waiting for setup, with their first packets (pending-setups.ts). Due times
   * never decrease and the scheduler runs same-time events in scheduling order, so the k-th
   * `runPending` event always belongs to the k-th trap: one shared callback instead of a
   * closure per flow.
   */
  private readonly pending = new PendingSetups();
  private readonly runPending = (): void => this.setUpNext();
  /** Flow setups completed. */
  setups = 0;
  /** Flow entries per pod interface, for the flow limit. */
  readonly interfaceFlows: InterfaceFlowCounts;

  constructor(vrouter: Vrouter, options: AgentOptions, enforcement: Enforcement, policy: FlowPolicy) {
    this.vrouter = vrouter;
    this.options = options;
    this.holdLimit = options.holdLimit;
    this.enforcement = enforcement;
    this.policy = policy;
    this.interfaceFlows = new InterfaceFlowCounts(options.maxFlowsPerInterface);
  }

  isForward(index: number): boolean {
    return this.vrouter.table.ownerTag(index) !== ROLE_REVERSE;
  }

  /** Flow pairs currently installed (forward indexes). */
  installedPairs(): readonly number[] {
    return [...this.pairs];
  }

  /**
   * A first packet was trapped for the HOLD entry `index`; `hash` is `flowKeyHash` of its key.
   * The packet is held here until the setup releases it.
   */
  trap(index: number, hash: number, first: IpPacket): void {
    this.vrouter.table.setOwnerTag(index, ROLE_FORWARD);
    const scheduler = this.vrouter.schedulerRef;
    const now = scheduler.now;
    const spacing = 1_000_000 / this.options.setupRatePerSecond;
    const start = Math.max(now + this.options.latencyUs, this.nextFreeAt);
    this.nextFreeAt = start + spacing;
    this.pending.push(index, this.vrouter.table.genId(index), hash, first);
    scheduler.after(Math.round(start - now), this.runPending);
  }

  /** Entries in HOLD: pending setups still holding their first packet (`vr_flow_hold_limit` counts them). */
  get heldEntries(): number {
    return this.pending.holding;
  }

  private setUpNext(): void {
    const next = this.pending.shift();
    // No packet: released as a reverse entry's, or dropped with its entry.
    if (next.first !== undefined) this.setUp(next.index, next.gen, next.hash, next.first);
  }

  /**
   * Decide and install the pair for a trapped flow, then release its held packets (`first`,
   * the trapped one, then those queued behind it). `hash`: `flowKeyHash` of the entry's key.
   */
  private setUp(index: number, gen: number, hash: number, first: IpPacket): void {
    const vrouter = this.vrouter;
    const table = vrouter.table;
    // Overtaken: the entry was deleted (its queue closed then) or reused by another flow (whose
    // queue is not this one's): the first packet is dropped, nothing else is touched.
    if (!table.isInUse(index) || table.genId(index) !== gen) return;
    if (table.action(index) !== ACTION_HOLD) {
      vrouter.holds.close(index);
      return;
    }
    table.readKey(index, this.fwdKey);
    const src = first.src;
    const dst = first.dst;
    const fwdKey = this.fwdKey;
    const srcNh = vrouter.rpfNextHop(src);
    // A Service address: where the flow really goes (the backend and its target port).
    const plan = vrouter.nat.planFor(index, fwdKey, dst, hash);
    const target = plan.dst ?? dst;
    // The reverse packets arrive on the destination's vif when it is local, else from the
    // fabric with the label of the source's vif: both carry that interface's next hop.
    const dstLocation = vrouter.locate(target);
    const reverseNh = dstLocation !== undefined && dstLocation.vrouter === vrouter ? interfaceNextHop(dstLocation.vif) : fwdKey.nh;
    if (plan.kind === PLAN_NAT) setNatReverseKey(this.revKey, fwdKey, target, plan.dport, reverseNh);
    else setReverseKey(this.revKey, fwdKey, reverseNh);
    const revHash = flowKeyHash(this.revKey);
    // The reverse bucket is a cache miss in a large table: start it before the decision.
    table.touchBucket(revHash);
    // pkt_flow_info.cc: no route to the destination, then the flow limit (skipped for a flow already short).
    let shortReason = plan.kind === PLAN_SHORT ? plan.reason : -1;
    if (shortReason < 0 && dstLocation === undefined && plan.kind === PLAN_NONE) shortReason = DROP_NO_DST_ROUTE;
    else if (shortReason < 0 && this.interfaceFlows.exceeded(fwdKey.nh, reverseNh)) shortReason = DROP_FLOW_LIMIT;
    const short = shortReason >= 0;
    // pkt_handler.cc: a trapped TCP segment with ACK makes a TCP-ACK flow (after aging or a flush).
    const tcpAck = first.l4.kind === 'tcp' && (first.l4.flags & TCP_ACK) !== 0;
    let allowed = !short && this.decide(src, target, fwdKey.proto, plan.dport, index, first);
    if (!allowed && !short && tcpAck) allowed = this.reverseAllows(target, src, fwdKey.proto, fwdKey.sport, index, first);
    let reverse = table.lookupHashed(this.revKey, revHash);
    let addedReverse = false;
    const now = vrouter.nowMs();
    // vr_flow.c: a HOLD entry the agent programs counts in Processed; an existing entry it
    // rewrites in Changed; a new entry it creates (the reverse) in Added.
    // A reverse entry in HOLD (its own first packet trapped meanwhile) is released with this pair.
    let reverseWasHeld = false;
    if (reverse >= 0) {
      reverseWasHeld = table.action(reverse) === ACTION_HOLD;
      if (reverseWasHeld) table.counters.processed++;
      else table.counters.changed++;
    } else {
      reverse = table.allocateByAgent(this.revKey, revHash, now);
      addedReverse = reverse >= 0;
    }
    if (reverse < 0) {
      this.program(index, ACTION_DROP, DROP_NO_REVERSE_FLOW, -1, srcNh, hash, fwdKey.nh);
    } else {
      let reverseAllowed = allowed;
      if (this.enforcement === 'packet' && !short) {
        reverseAllowed = this.policy.allows(target, src, fwdKey.proto, fwdKey.sport);
      }
      const pass = plan.kind === PLAN_NAT ? ACTION_NAT : ACTION_FORWARD;
      this.program(index, allowed ? pass : ACTION_DROP, short ? shortReason : forwardDenyReason(fwdKey.nh), reverse, srcNh, hash, fwdKey.nh);
      const reverseReason = short ? shortReason : this.enforcement === 'packet' ? DROP_FW_POLICY : DROP_UNKNOWN;
      this.program(reverse, reverseAllowed ? pass : ACTION_DROP, reverseReason, index, vrouter.rpfNextHopOf(dstLocation), revHash, this.revKey.nh);
      if (plan.kind !== PLAN_NONE) {
        table.setFlags(index, table.flags(index) | plan.forwardFlags);
        table.setFlags(reverse, table.flags(reverse) | plan.reverseFlags);
        table.setEcmpIndex(index, plan.ecmp);
        if (plan.ecmp >= 0 && vrouter.ecmpListener !== undefined) vrouter.ecmpListener(fwdKey, plan.ecmp);
        // Packets coming back from a remote member arrive from the VIP's ECMP route.
        if (plan.kind === PLAN_ECMP && plan.vip !== undefined) table.setSrcNh(reverse, plan.vip.compositeNh);
      }
      table.setOwnerTag(reverse, ROLE_REVERSE);
      // vr_flow_set, new entry: vr_flow_tcp_rflow_set copies what the forward saw (S -> Sr, ...).
      if (addedReverse) inheritReverseTcpState(table, reverse);
      this.pairs.add(index);
      if (tcpAck) this.tcpAckPairs.add(index);
      else if (this.tcpAckPairs.size !== 0) this.tcpAckPairs.delete(index);
      this.interfaceFlows.update(fwdKey.nh, reverseNh, 1);
      this.armAging();
    }
    table.counters.processed++;
    this.setups++;
    if (vrouter.tracing) {
      vrouter.emit({
        kind: 'flow-install', t: vrouter.now, node: vrouter.name, packet: describePacket(first), index,
        reverseIndex: reverse, forwardAction: vrouter.actionText(index), reverseAction: reverse >= 0 ? vrouter.actionText(reverse) : '-',
      });
    }
    this.flush(index, first);
    if (reverseWasHeld) this.flush(reverse, this.pending.take(reverse, table.genId(reverse)));
  }

  private decide(src: IpAddr, dst: IpAddr, proto: number, dport: number, index: number, first: import('../packet/types.js').IpPacket): boolean {
    if (this.enforcement === 'none') return true;
    const vrouter = this.vrouter;
    if (vrouter.tracing) {
      const verdict = this.policy.explain(src, dst, proto, dport);
      vrouter.emit({
        kind: 'agent-decision', t: vrouter.now, node: vrouter.name, packet: describePacket(first), index,
        allowed: verdict.allowed, reason: verdict.reason,
      });
      return verdict.allowed;
    }
    return this.policy.allows(src, dst, proto, dport);
  }

  /**
   * A TCP-ACK flow passes when either direction passes (flow_entry.cc, FlowEntry::SessionMatch:
   * for a TcpAckFlow the reverse ACLs are matched even when the forward denies, and the
   * summary is DENY only when both directions deny).
   */
  private reverseAllows(from: IpAddr, to: IpAddr, proto: number, dport: number, index: number, first: IpPacket): boolean {
    if (this.enforcement === 'none') return true;
    const allowed = this.policy.allows(from, to, proto, dport);
    const vrouter = this.vrouter;
    if (vrouter.tracing) {
      vrouter.emit({
        kind: 'agent-decision', t: vrouter.now, node: vrouter.name, packet: describePacket(first), index, allowed,
        reason: allowed ? 'TCP-ACK flow: the reverse direction is allowed, so the flow passes' : 'TCP-ACK flow: the reverse direction is denied too',
      });
    }
    return allowed;
  }

  /**
   * `srcNh`: the RPF next hop of the entry's source; `hash`: flowKeyHash of its key (the tunnel
   * source port); `keyNh`: its key next hop (which gives its VRF).
   */
  private program(index: number, action: number, reason: number, rflow: number, srcNh: number, hash: number, keyNh: number): void {
    this.vrouter.table.program(index, action, action === ACTION_DROP ? reason : 0, rflow, FLAG_NEW_FLOW, rflow >= 0 ? FLAG_RFLOW_VALID : 0,
      srcNh, vrfOfKeyNextHop(keyNh), tunnelSourcePortOfHash(hash));
  }

  /**
   * Release an entry's held packets through its (new) action, without counting them again
   * (they were counted on arrival): `first`, then the queued ones in arrival order. The queue
   * is closed before the packets go on; `held` is safe to reuse because releaseHeld never
   * flushes synchronously (deliveries, tunnel sends and evictions are scheduled).
   */
  private flush(index: number, first: IpPacket | undefined): void {
    const vrouter = this.vrouter;
    if (first !== undefined) vrouter.releaseHeld(index, first);
    const holds = vrouter.holds;
    if (holds.size === 0) return;
    const held = this.held;
    const n = holds.drainInto(index, held);
    for (let k = 0; k < n; k++) {
      const packet = held[k]!;
      held[k] = undefined;
      vrouter.releaseHeld(index, packet);
    }
  }

  /** Mark a dead TCP pair evict-candidate now, evict it as deferred work (slot reusable). */
  evictDead(index: number): void {
    const table = this.vrouter.table;
    const reverse = table.rflow(index);
    table.setFlags(index, table.flags(index) | FLAG_EVICT_CANDIDATE);
    if (reverse >= 0) table.setFlags(reverse, table.flags(reverse) | FLAG_EVICT_CANDIDATE);
    const gen = table.genId(index);
    this.vrouter.schedulerRef.after(0, () => {
      if (table.genId(index) !== gen || (table.flags(index) & FLAG_EVICT_CANDIDATE) === 0) return;
      const forward = this.isForward(index) ? index : reverse;
      if (this.pairs.delete(forward)) this.countPairGone(forward);
      this.tcpAckPairs.delete(forward);
      table.markEvicted(index);
      if (reverse >= 0) table.markEvicted(reverse);
      if (this.vrouter.tracing) {
        this.vrouter.emit({ kind: 'flow-evict', t: this.vrouter.now, node: this.vrouter.name, packet: '', index, reverseIndex: reverse });
      }
      table.setOwnerTag(index, ROLE_NONE);
      if (reverse >= 0) table.setOwnerTag(reverse, ROLE_NONE);
    });
  }

  /**
   * Re-decide every installed pair with the current policy (a policy or inventory change).
   * Returns the number of pairs whose action changed.
   */
  reevaluate(why: string): number {
    const vrouter = this.vrouter;
    const table = vrouter.table;
    let changed = 0;
    for (const index of this.pairs) {
      const reverse = table.rflow(index);
      if (reverse < 0) continue;
      table.readKey(index, this.fwdKey);
      const k = this.fwdKey;
      const src = ipAddrFromWords(k.family, k.s0, k.s1, k.s2, k.s3);
      const dst = ipAddrFromWords(k.family, k.d0, k.d1, k.d2, k.d3);
      const reason = table.dropReason(index);
      const denyReason = forwardDenyReason(k.nh);
      if (table.action(index) === ACTION_DROP && reason !== denyReason) continue; // short flows keep their reason
      // A Service flow is decided on its backend and target port.
      const translated = vrouter.nat.translatedDestination(index, k, dst);
      const to = translated?.dst ?? dst;
      const dport = translated === undefined ? k.dport : translated.dport;
      let allowed = this.enforcement === 'none' ? true : this.policy.allows(src, to, k.proto, dport);
      if (!allowed && this.tcpAckPairs.has(index)) allowed = this.policy.allows(to, src, k.proto, k.sport);
      const reverseAllowed =
        this.enforcement === 'packet' ? this.policy.allows(to, src, k.proto, k.sport) : allowed;
      const pass = (table.flags(index) & (FLAG_DNAT | FLAG_SNAT)) !== 0 ? ACTION_NAT : ACTION_FORWARD;
      const fwdAction = allowed ? pass : ACTION_DROP;
      const revAction = reverseAllowed ? pass : ACTION_DROP;
      if (table.action(index) === fwdAction && table.action(reverse) === revAction) continue;
      table.setActionAndReason(index, fwdAction, allowed ? 0 : denyReason);
      table.setActionAndReason(reverse, revAction, reverseAllowed ? 0 : this.enforcement === 'packet' ? DROP_FW_POLICY : DROP_UNKNOWN);
      table.counters.changed += 2;
      changed++;
      if (vrouter.tracing) {
        vrouter.emit({
          kind: 'flow-update', t: vrouter.now, node: vrouter.name, packet: `${src.text} > ${dst.text}`, index,
          reverseIndex: reverse, forwardAction: vrouter.actionText(index), reverseAction: vrouter.actionText(reverse), why,
        });
      }
    }
    return changed;
  }

  /** Delete pairs idle for the aging timeout (both entries), as the agent's flow aging does. */
  ageFlows(): number {
    const table = this.vrouter.table;
    const nowMs = this.vrouter.nowMs();
    const limitMs = this.options.agingSeconds * 1000;
    let aged = 0;
    // Deleting the visited pair during the walk is well defined (install-order.ts).
    this.pairs.forEach((index) => {
      const reverse = table.rflow(index);
      const lastUsed = Math.max(table.lastUsed(index), reverse >= 0 ? table.lastUsed(reverse) : 0);
      if (nowMs - lastUsed < limitMs) return;
      this.deletePair(index);
      aged++;
    });
    return aged;
  }

  /** Delete the installed pair whose forward entry is `index` (both entries), as aging does; false when it is not one. */
  deletePair(index: number): boolean {
    if (!this.pairs.delete(index)) return false;
    this.tcpAckPairs.delete(index);
    this.countPairGone(index);
    const table = this.vrouter.table;
    const reverse = table.rflow(index);
    this.deleteEntry(index);
    if (reverse >= 0) this.deleteEntry(reverse);
    return true;
  }

  /** The agent deletes an entry (a flow delete request): vr_flow.c counts it in Deleted and in Changed. */
  private deleteEntry(index: number): void {
    const table = this.vrouter.table;
    if (!table.isInUse(index)) return;
    table.release(index);
    table.counters.changed++;
    table.setOwnerTag(index, ROLE_NONE);
  }

  /** Delete every flow pair and held entry (the `flow -F` flush). */
  flushAll(): void {
    const live = this.liveIndexes();
    this.pending.dropWhere(() => true);
    for (const index of live) {
      this.vrouter.holds.close(index);
      this.deleteEntry(index);
    }
    for (const index of this.pairs) this.countPairGone(index);
    this.pairs.clear();
    this.tcpAckPairs.clear();
  }

  /**
   * The pod interface `vif` is going away: delete at once every pair and held entry keyed on
   * its next hop, as the agent's flow management does when the interface is deleted (flows
   * are not left to age).
   */
  deleteFlowsOf(vif: number): number {
    const table = this.vrouter.table;
    const nh = interfaceNextHop(vif);
    let deleted = 0;
    for (const index of this.pairs) {
      const reverse = table.rflow(index);
      if (table.keyNh(index) === nh || (reverse >= 0 && table.keyNh(reverse) === nh)) {
        this.deletePair(index);
        deleted++;
      }
    }
    // Entries in HOLD: each holds its first packet in the pending ring (its queue holds the rest).
    this.pending.dropWhere((index, gen) => {
      if (!table.isInUse(index) || table.genId(index) !== gen || table.keyNh(index) !== nh) return false;
      this.vrouter.holds.close(index);
      this.deleteEntry(index);
      return true;
    });
    this.interfaceFlows.forget(vif);
    return deleted;
  }

  /** The installed pair whose forward entry is `index` is leaving the agent's books. */
  private countPairGone(index: number): void {
    if (!this.interfaceFlows.enabled) return;
    const table = this.vrouter.table;
    const reverse = table.rflow(index);
    this.interfaceFlows.update(table.keyNh(index), reverse >= 0 ? table.keyNh(reverse) : table.keyNh(index), -1);
  }

  /**
   * Every live entry, ascending (as `activeIndexes`), found from the installed pairs and the
   * held entries in O(live) when they account for all of the table's live entries; otherwise
   * (entries the agent does not track, e.g. a forward entry left without a reverse), or when
   * the table is at most 8 times larger than its live entries, by the O(capacity) scan.
   */
  private liveIndexes(): Int32Array {
    const table = this.vrouter.table;
    const c = table.counters;
    const live = c.allocated - c.deleted - c.evicted;
    // A table not much larger than what lives in it (a reach's, sized to its batch): the scan
    // reads a few flag words per live entry and needs no sort.
    if (table.capacity <= 8 * live) return table.activeIndexes();
    // Typed array, sorted and deduplicated in place (a reverse entry can also be held): no Set.
    const found = new Int32Array(2 * this.pairs.size + this.heldEntries);
    let n = 0;
    for (const index of this.pairs) {
      if (table.isInUse(index)) found[n++] = index;
      const reverse = table.rflow(index);
      if (reverse >= 0 && table.isInUse(reverse)) found[n++] = reverse;
    }
    if (this.heldEntries !== 0) {
      // The HOLD entries: those of the setups still holding their first packet.
      this.pending.forEachHolding((index, gen) => {
        if (table.isInUse(index) && table.genId(index) === gen) found[n++] = index;
      });
    }
    const sorted = found.subarray(0, n).sort();
    let unique = 0;
    for (let k = 0; k < n; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[unique++] = sorted[k]!;
    if (unique !== live) return table.activeIndexes();
    return sorted.subarray(0, unique);
  }

  private armAging(): void {
    if (this.agingArmed) return;
    this.agingArmed = true;
    const tick = (): void => {
      this.ageFlows();
      if (this.pairs.size > 0) {
        this.vrouter.schedulerRef.after(AGING_SCAN_US, tick);
      } else {
        this.agingArmed = false;
      }
    };
    this.vrouter.schedulerRef.after(AGING_SCAN_US, tick);
  }
}

/**
 * The drop reason of a policy-denied forward flow (`FlowEntry::ActionRecompute`, flow_entry.cc):
 * `DROP_FIREWALL_POLICY` when the source interface's firewall policies deny it
 * (`aps_policy.action`); from vhost0, which has none, the destination pod's policies deny it as
 * the out ACL (`aps_policy.out_action`, `FlowEntry::SessionMatch`): `DROP_OUT_FIREWALL_POLICY`.
 */
export function forwardDenyReason(keyNh: number): number {
  return keyNh === interfaceNextHop(VIF_VHOST0) ? DROP_OUT_FW_POLICY : DROP_FW_POLICY;
}

/**
 * The MPLS-over-UDP source port of a flow: from the flow's hash, in 49152-65535, so that
 * flows spread over the fabric's ECMP paths (the book's `SPort 52162`, `SPort 54194`).
 */
export function tunnelSourcePort(k: FlowKey): number {
  return tunnelSourcePortOfHash(flowKeyHash(k));
}

/** `tunnelSourcePort` of a key whose `flowKeyHash` is `hash`. */
export function tunnelSourcePortOfHash(hash: number): number {
  return 49152 + (hash & 16383); // = hash % 16384 for a uint32 hash, without a float modulo
}
