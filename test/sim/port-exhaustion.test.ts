/**
 * Ephemeral-port exhaustion is a result (issue 9 §2): when every port of 32768-60999 is in a
 * connection to the same destination, connect(2) fails with EADDRNOTAVAIL and curl exits 7
 * with lib/connect.c's "Failed to connect to %s port %ld: %s" and strerror's text.
 */
import { describe, expect, it } from 'vitest';
import { ipAddr } from '../../src/packet/address.js';
import { EventLoop } from '../../src/sim/event-loop.js';
import { MemoryNetwork } from '../../src/sim/memory-network.js';
import { EPHEMERAL_RANGE } from '../../src/sim/ephemeral-ports.js';
import { isSocketError } from '../../src/sim/socket-error.js';
import { startCurl, type CurlResult } from '../../src/sim/apps/curl.js';

describe('ephemeral port exhaustion', () => {
  it('the connect after the last free port gets EADDRNOTAVAIL and curl says so', () => {
    const loop = new EventLoop(3);
    const net = new MemoryNetwork(loop, 50);
    const client = net.addStack('client', [ipAddr('10.0.0.1')]);
    net.addStack('server', [ipAddr('10.0.0.2')]);
    net.dropWhen(() => true); // every attempt stays in SYN-SENT, holding its port
    const server = ipAddr('10.0.0.2');
    for (let i = 0; i < EPHEMERAL_RANGE; i++) expect(isSocketError(client.connectTcp(server, 80, {}))).toBe(false);
    const refused = client.connectTcp(server, 80, {});
    expect(isSocketError(refused) && refused.errno).toBe('EADDRNOTAVAIL');
    // Another destination port is another 4-tuple: Linux still connects.
    expect(isSocketError(client.connectTcp(server, 81, {}))).toBe(false);
    let result: CurlResult | undefined;
    startCurl(client, { url: 'http://10.0.0.2/', maxTimeSeconds: 5 }, (r) => (result = r));
    loop.run(loop.now + 1);
    expect(result).toMatchObject({ kind: 'connect-failed', exitCode: 7, reason: 'EADDRNOTAVAIL', stderr: 'curl: (7) Failed to connect to 10.0.0.2 port 80: Cannot assign requested address\n' });
  });
});
