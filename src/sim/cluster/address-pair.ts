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

/** An address's family as a bit of `familyMask`: 1 for IPv4, 2 for IPv6. */
function familyBit(address: IpAddr): number {
  return address.family === 4 ? 1 : 2;
}

/** The families a list of addresses has, as familyBit bits (0 for none). */
export function familyMask(addresses: readonly IpAddr[]): number {
  let mask = 0;
  for (const a of addresses) mask |= familyBit(a);
  return mask;
}

/**
 * `pairAddresses(from, to)?.dst` for a source of every family mask at once: element m (1-3) is
 * the destination address a source whose `familyMask` is m connects to (element 0: none), so
 * a caller that pairs many sources with `to` reads one array element per pair.
 */
export function destinationsByFamilies(to: readonly IpAddr[]): readonly (IpAddr | undefined)[] {
  const chosen: (IpAddr | undefined)[] = [undefined, undefined, undefined, undefined];
  for (let mask = 1; mask < 4; mask++) chosen[mask] = to.find((a) => (familyBit(a) & mask) !== 0);
  return chosen;
}

/** Why a pair has no connection, in one line: `a has no IPv6 address to reach b (fd00::1): connect: Network is unreachable`. */
export function noCommonFamilyReason(fromLabel: string, to: readonly IpAddr[], toLabel: string): string {
  const families = [...new Set(to.map((a) => `IPv${a.family}`))].join(' or ');
  const addresses = to.map((a) => a.text).join(', ');
  return `${fromLabel} has no ${families} address to reach ${toLabel} (${addresses}): connect: Network is unreachable`;
}
