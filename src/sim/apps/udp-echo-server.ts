/**
 * A UDP echo server (like `ncat -u -l -e /bin/cat` or socat's echo): every datagram is sent
 * back to its sender unchanged. Guarantees: one reply per datagram, from the port it reached.
 */

import type { HostStack } from '../host-stack.js';

export interface UdpEchoServer {
  readonly port: number;
  datagramsEchoed(): number;
  stop(): void;
}

export function startUdpEchoServer(stack: HostStack, options: { readonly port: number }): UdpEchoServer {
  let echoed = 0;
  const socket = stack.listenUdp(options.port, {
    datagram: (s, from, fromPort, payload) => {
      echoed += 1;
      s.send(from, fromPort, payload);
    },
  });
  return { port: options.port, datagramsEchoed: () => echoed, stop: () => socket.close() };
}
