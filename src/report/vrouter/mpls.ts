/**
 * `mpls --dump` as the vRouter utility prints it (utils/mpls.c: `main` prints the title
 * `MPLS Input Label Map`, a blank line, `   Label    NextHop` and 19 dashes; then
 * `mpls_req_process` prints `%8d    %6d` per label).
 * Guarantees: pure; byte-identical to the source's format strings.
 */
import type { MplsRecord } from '../../dataplane/vrouter-snapshot.js';

export const MPLS_HEADER = 'MPLS Input Label Map\n\n   Label    NextHop\n-------------------\n';

export function renderMplsDump(labels: readonly MplsRecord[]): string {
  return MPLS_HEADER + labels.map((m) => `${String(m.label).padStart(8)}    ${String(m.nhId).padStart(6)}\n`).join('');
}
