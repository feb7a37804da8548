/**
 * The HTTP/1.1 message handling shared by curl, the poller and the webserver: building
 * requests and responses as bytes and parsing them incrementally from a TCP byte stream.
 * Guarantees: parsers accept arbitrary chunking of the stream (byte by byte works), handle
 * several messages back to back (keep-alive, pipelining), and never throw on bad input
 * (they report `malformed`). Bodies are delimited by Content-Length only (no chunked encoding).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const HEADER_END = '\r\n\r\n';

export function textBytes(text: string): Uint8Array {
  return encoder.encode(text);
}

export function bytesText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export interface HttpRequestHead {
  readonly method: string;
  readonly target: string;
  readonly version: string;
  /** Header names lower-cased. */
  readonly headers: ReadonlyMap<string, string>;
}

export interface HttpResponse {
  readonly status: number;
  readonly reason: string;
  readonly version: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Uint8Array;
}

/** curl 7.29's request: User-Agent, Host, Accept (in that order). */
export function curlRequest(target: string, hostHeader: string): Uint8Array {
  return textBytes(`GET ${target} HTTP/1.1\r\nUser-Agent: curl/7.29.0\r\nHost: ${hostHeader}\r\nAccept: */*\r\n\r\n`);
}

export function httpResponse(status: number, reason: string, headers: readonly (readonly [string, string])[], body: Uint8Array): Uint8Array {
  const head = [`HTTP/1.1 ${status} ${reason}`, ...headers.map(([name, value]) => `${name}: ${value}`), `Content-Length: ${body.length}`, '', ''].join('\r\n');
  const headBytes = textBytes(head);
  const out = new Uint8Array(headBytes.length + body.length);
  out.set(headBytes, 0);
  out.set(body, headBytes.length);
  return out;
}

function parseHeaderLines(lines: readonly string[]): Map<string, string> | undefined {
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function contentLengthOf(headers: ReadonlyMap<string, string>): number | undefined {
  const text = headers.get('content-length');
  if (text === undefined) return 0;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Bytes accumulated from a stream, with the head of the next message located. */
class StreamBuffer {
  private bytes = new Uint8Array(0);

  append(chunk: Uint8Array): void {
    const merged = new Uint8Array(this.bytes.length + chunk.length);
    merged.set(this.bytes, 0);
    merged.set(chunk, this.bytes.length);
    this.bytes = merged;
  }

  get length(): number {
    return this.bytes.length;
  }

  /** The head text (without the blank line) and its byte length, if complete. */
  head(): { readonly text: string; readonly length: number } | undefined {
    const text = decoder.decode(this.bytes);
    const end = text.indexOf(HEADER_END);
    if (end < 0) return undefined;
    return { text: text.slice(0, end), length: encoder.encode(text.slice(0, end + HEADER_END.length)).length };
  }

  take(count: number): Uint8Array {
    const taken = this.bytes.slice(0, count);
    this.bytes = this.bytes.slice(count);
    return taken;
  }
}

export type ParseStep<T> = { readonly kind: 'message'; readonly message: T } | { readonly kind: 'incomplete' } | { readonly kind: 'malformed'; readonly reason: string };

/** Incremental parser of requests arriving at a server. */
export class HttpRequestParser {
  private readonly buffer = new StreamBuffer();

  push(chunk: Uint8Array): void {
    this.buffer.append(chunk);
  }

  next(): ParseStep<HttpRequestHead> {
    const head = this.buffer.head();
    if (head === undefined) return { kind: 'incomplete' };
    const [requestLine = '', ...lines] = head.text.split('\r\n');
    const parts = requestLine.split(' ');
    const headers = parseHeaderLines(lines);
    if (parts.length !== 3 || headers === undefined) return { kind: 'malformed', reason: `bad request head: ${JSON.stringify(requestLine)}` };
    const bodyLength = contentLengthOf(headers);
    if (bodyLength === undefined) return { kind: 'malformed', reason: 'bad Content-Length' };
    if (this.buffer.length < head.length + bodyLength) return { kind: 'incomplete' };
    this.buffer.take(head.length + bodyLength);
    return { kind: 'message', message: { method: parts[0]!, target: parts[1]!, version: parts[2]!, headers } };
  }
}

/** Incremental parser of responses arriving at a client. */
export class HttpResponseParser {
  private readonly buffer = new StreamBuffer();
  /** Body bytes of the current response received so far (curl's "N out of M bytes"). */
  bodyBytesReceived = 0;
  /** Content-Length of the current response once its head arrived, else -1 (curl's "unknown"). */
  expectedBodyBytes = -1;

  push(chunk: Uint8Array): void {
    this.buffer.append(chunk);
  }

  next(): ParseStep<HttpResponse> {
    const head = this.buffer.head();
    if (head === undefined) return { kind: 'incomplete' };
    const [statusLine = '', ...lines] = head.text.split('\r\n');
    const match = /^(HTTP\/\d\.\d) (\d{3}) ?(.*)$/.exec(statusLine);
    const headers = parseHeaderLines(lines);
    if (match === null || headers === undefined) return { kind: 'malformed', reason: `bad status line: ${JSON.stringify(statusLine)}` };
    const bodyLength = contentLengthOf(headers);
    if (bodyLength === undefined) return { kind: 'malformed', reason: 'bad Content-Length' };
    this.expectedBodyBytes = bodyLength;
    this.bodyBytesReceived = Math.min(bodyLength, this.buffer.length - head.length);
    if (this.buffer.length < head.length + bodyLength) return { kind: 'incomplete' };
    const message = this.buffer.take(head.length + bodyLength);
    this.bodyBytesReceived = 0;
    this.expectedBodyBytes = -1;
    return {
      kind: 'message',
      message: { version: match[1]!, status: Number(match[2]), reason: match[3]!, headers, body: message.slice(head.length) },
    };
  }
}

/** HTTP/1.1 keeps the connection unless `Connection: close`; HTTP/1.0 only with `keep-alive`. */
export function wantsKeepAlive(version: string, headers: ReadonlyMap<string, string>): boolean {
  const connection = (headers.get('connection') ?? '').toLowerCase();
  if (version === 'HTTP/1.0') return connection === 'keep-alive';
  return connection !== 'close';
}
