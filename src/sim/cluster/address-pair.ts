/**
 * Which addresses a connection between two endpoints uses: the destination's first address
 * of a family the source also has (a dual-stack destination is reached over IPv6 from an
 * IPv6-only source), sent from the source's first address of that family. Guarantees: pure
 * and deterministic; undefined when the two share no address family, which a Linux stack
 * reports as connect(2) ENETUNREACH ("Network is unreachable"): a result, never an error.
 */
import type { IpAddr } from '../../packet/types.js';

export interface AddressPair {
  readonly src: IpAddr;
  readonly dst: IpAddr;
}

export function pairAddresses(from: readonly IpAddr[], to: readonly IpAddr[]): AddressPair | undefined {
  for (const dst of to) {
    for (const src of from) if (src.family === dst.family) return { src, dst };
  }
  return undefined;
}

/** Why a pair has no connection, in one line: `a has no IPv6 address to reach b (fd00::1): connect: Network is unreachable`. */
export function noCommonFamilyReason(fromLabel: string, to: readonly IpAddr[], toLabel: string): string {
  const families = [...new Set(to.map((a) => `IPv${a.family}`))].join(' or ');
  const addresses = to.map((a) => a.text).join(', ');
  return `${fromLabel} has no ${families} address to reach ${toLabel} (${addresses}): connect: Network is unreachable`;
}
