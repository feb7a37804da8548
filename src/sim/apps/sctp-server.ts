/**
 * An SCTP listener (like `ncat --sctp -l <port>`): accepts every association and lets the
 * peer shut it down. Guarantees: counts associations that reached ESTABLISHED.
 */

import type { HostStack } from '../host-stack.js';

export interface SctpServer {
  readonly port: number;
  associationsAccepted(): number;
  stop(): void;
}

export function startSctpServer(stack: HostStack, options: { readonly port: number }): SctpServer {
  let accepted = 0;
  stack.listenSctp(options.port, {
    accept: () => {
      accepted += 1;
      return {};
    },
  });
  return { port: options.port, associationsAccepted: () => accepted, stop: () => stack.closeSctpListener(options.port) };
}
