/** Test helper: the socket of a socket call that must succeed (fails the test on a SocketError). */
import { isSocketError, type SocketError } from '../../src/sim/socket-error.js';

export function opened<T extends object>(result: T | SocketError): T {
  if (isSocketError(result)) throw new Error(`expected a socket, got ${result.errno}`);
  return result;
}
