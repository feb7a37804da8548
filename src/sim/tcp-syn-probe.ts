/**
 * A half-open TCP probe (what a SYN scan sends): the record a host stack keeps for one SYN it
 * sent without a connection, until the SYN is answered or the probe is cancelled. One object
 * per probe is both the stack's demultiplexing entry and the caller's handle. Guarantees:
 * the listener hears at most one answer, and only one acknowledging its SYN; after `cancel` it hears none.
 */
import type { IpAddr } from '../packet/types.js';

/** How a half-open TCP probe was answered. */
export type TcpProbeAnswer = 'syn-ack' | 'rst';

/** Who hears a probe's answer. */
export interface TcpProbeListener {
  answered(answer: TcpProbeAnswer): void;
}

/** What a probe needs from its stack: forgetting it. */
export interface SynProbeOwner {
  forgetProbe(probe: SynProbe): void;
}

export class SynProbe {
  constructor(
    readonly localAddress: IpAddr,
    readonly localPort: number,
    readonly remoteAddress: IpAddr,
    readonly remotePort: number,
    /** The SYN's sequence number: an answer must acknowledge iss + 1. */
    readonly iss: number,
    readonly listener: TcpProbeListener,
    private readonly owner: SynProbeOwner,
  ) {}

  /** Forget the probe: a late answer then gets the stack's ordinary treatment (RST for a SYN-ACK). */
  cancel(): void {
    this.owner.forgetProbe(this);
  }
}
