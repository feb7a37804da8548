/**
 * What a vRouter reports, packet by packet, when someone is listening (`vrsim trace`).
 * Events are plain tagged records; they are only built when a listener is attached, so the
 * per-packet path stays allocation free otherwise.
 */

export interface TraceBase {
  /** Virtual time in microseconds. */
  readonly t: number;
  readonly node: string;
  /** One-line description of the packet: `10.47.255.233:42282 > 10.47.255.232:80 TCP [S] len 74`. */
  readonly packet: string;
}

export type DataplaneEvent =
  | (TraceBase & { readonly kind: 'vif-rx'; readonly vif: number; readonly vifName: string })
  | (TraceBase & { readonly kind: 'fabric-rx'; readonly outerSource: string; readonly label: number; readonly vif: number })
  | (TraceBase & { readonly kind: 'flow-hit'; readonly index: number; readonly action: string; readonly direction: 'forward' | 'reverse' })
  | (TraceBase & { readonly kind: 'flow-miss'; readonly key: string })
  | (TraceBase & { readonly kind: 'hold'; readonly index: number; readonly queued: number })
  | (TraceBase & { readonly kind: 'trap'; readonly index: number; readonly reason: 'FLOW_MISS' })
  | (TraceBase & {
      readonly kind: 'agent-decision';
      readonly index: number;
      readonly allowed: boolean;
      readonly reason: string;
    })
  | (TraceBase & {
      readonly kind: 'flow-install';
      readonly index: number;
      readonly reverseIndex: number;
      readonly forwardAction: string;
      readonly reverseAction: string;
    })
  | (TraceBase & { readonly kind: 'flow-update'; readonly index: number; readonly reverseIndex: number; readonly forwardAction: string; readonly reverseAction: string; readonly why: string })
  | (TraceBase & { readonly kind: 'tunnel-tx'; readonly outerSource: string; readonly outerDestination: string; readonly udpSourcePort: number; readonly label: number })
  | (TraceBase & { readonly kind: 'deliver'; readonly vif: number; readonly vifName: string })
  | (TraceBase & { readonly kind: 'drop'; readonly reason: string; readonly index: number })
  | (TraceBase & { readonly kind: 'route-out'; readonly destination: string })
  | (TraceBase & { readonly kind: 'no-flow'; readonly why: string })
  | (TraceBase & { readonly kind: 'flow-evict'; readonly index: number; readonly reverseIndex: number });

export type TraceListener = (event: DataplaneEvent) => void;

/**
 * Where a packet crossed a vif, for packet captures (`--pcap`). The vRouter calls its tap
 * only when one is attached (one field test otherwise, nothing allocated), with the packet
 * record itself; the capture encodes it with the byte-exact codec.
 * `in` = received by the vRouter on that vif (sent by the pod, host or fabric), `out` = sent
 * by the vRouter on it.
 */
export interface CaptureTap {
  /** A packet on a pod tap, vhost0, or routed plainly out of eth0 (`vif` is its index). */
  vifPacket(node: string, vif: number, direction: 'in' | 'out', packet: import('../packet/types.js').IpPacket, t: number): void;
  /**
   * A packet on eth0 inside MPLS-over-UDP: `out` towards `peer` with the sender's UDP source
   * port and the label of the remote vif; `in` from `peer` (the source port is the sender's).
   */
  tunnelPacket(
    node: string,
    direction: 'in' | 'out',
    packet: import('../packet/types.js').IpPacket,
    tunnel: { readonly source: import('../packet/types.js').IpAddr; readonly destination: import('../packet/types.js').IpAddr; readonly label: number; readonly udpSourcePort: number },
    t: number,
  ): void;
  /** A flow-miss packet trapped to the agent over pkt0 (`ingressVif`: where it came in, -1 = fabric). */
  trapPacket(node: string, ingressVif: number, packet: import('../packet/types.js').IpPacket, flowIndex: number, t: number): void;
}

/** One listener that calls each of the given ones in order (undefined ones are skipped); undefined if none. */
export function teeTraceListeners(...listeners: readonly (TraceListener | undefined)[]): TraceListener | undefined {
  const present = listeners.filter((l): l is TraceListener => l !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return (event) => {
    for (const l of present) l(event);
  };
}
