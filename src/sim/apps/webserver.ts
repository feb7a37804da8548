/**
 * The book's contrail-webserver (image contrailk8sdayone/contrail-webserver): an HTTP server
 * (port 80 by default; the course demo's server uses 8888) answering every GET with a page
 * saying Hello / This page is served by a Contrail pod / IP address = <the address the
 * request reached> / Hostname = <pod name>. Guarantees: every response has Content-Length;
 * the connection stays open for further requests unless the request asks to close
 * (HTTP/1.1 `Connection: close`, or HTTP/1.0 without keep-alive), in which case the server
 * closes after responding; when the client closes, the server closes its half too.
 */

import type { HostStack } from '../host-stack.js';
import type { TcpSocket } from '../tcp-socket.js';
import { HttpRequestParser, httpResponse, textBytes, wantsKeepAlive } from './http-message.js';

export { renderHtmlText } from './html-text.js';

export interface WebServerOptions {
  /** The pod (or host) name printed as `Hostname = ...`. */
  readonly hostname: string;
  readonly port?: number;
}

export interface WebServer {
  readonly port: number;
  /** Requests answered so far. */
  requestsServed(): number;
  /** Stop accepting connections (existing ones keep working). */
  stop(): void;
}

export function contrailWebPage(ipAddress: string, hostname: string): string {
  return [
    '<html>',
    '<head><title>Contrail Pod</title></head>',
    '<body>',
    '  <h1>Hello</h1>',
    '  <h2>This page is served by a <b>Contrail</b> pod</h2>',
    `  <h3>IP address = ${ipAddress}<br>Hostname = ${hostname}</h3>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function startWebServer(stack: HostStack, options: WebServerOptions): WebServer {
  const port = options.port ?? 80;
  let served = 0;
  const respond = (socket: TcpSocket, version: string, keepAlive: boolean): void => {
    const page = textBytes(contrailWebPage(socket.localAddress.text, options.hostname));
    const headers: [string, string][] = [
      ['Server', 'contrail-webserver'],
      ['Content-Type', 'text/html'],
      ['Connection', keepAlive ? 'keep-alive' : 'close'],
    ];
    socket.write(httpResponse(200, 'OK', headers, page));
    served += 1;
    if (!keepAlive || version === 'HTTP/0.9') socket.close();
  };
  stack.listenTcp(port, {
    accept: () => {
      const parser = new HttpRequestParser();
      return {
        data: (socket, bytes) => {
          parser.push(bytes);
          for (;;) {
            const step = parser.next();
            if (step.kind === 'incomplete') return;
            if (step.kind === 'malformed') {
              socket.write(httpResponse(400, 'Bad Request', [['Connection', 'close']], new Uint8Array(0)));
              socket.close();
              return;
            }
            const keepAlive = wantsKeepAlive(step.message.version, step.message.headers);
            respond(socket, step.message.version, keepAlive);
            if (!keepAlive) return;
          }
        },
        peerClosed: (socket) => socket.close(),
      };
    },
  });
  return {
    port,
    requestsServed: () => served,
    stop: () => stack.closeTcpListener(port),
  };
}
