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
  | (TraceBase & { readonly kind: 'flow-evict'; readonly index: number; readonly reverseIndex: number });

export type TraceListener = (event: DataplaneEvent) => void;
