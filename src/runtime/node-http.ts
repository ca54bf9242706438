import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { App } from '../api/app';
import { PROBLEM_CONTENT_TYPE, problemType } from '../api/problem';

/*
 * Node's HTTP server around the app. Requests Node refuses before the app sees them (headers over
 * `maxHeaderBytes`, malformed requests) get a problem+json answer too, not Node's bare status line.
 */

export interface HttpServerOptions {
  port: number;
  hostname: string;
  /** Largest request head (request line and headers), bytes; Node's default is 16 KiB. */
  maxHeaderBytes: number;
  onListening?: (port: number) => void;
}

const REFUSALS: Record<string, [status: number, title: string, detail: string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request header fields too large',
    'The request headers are larger than this server accepts.',
  ],
};
const MALFORMED: [number, string, string] = [400, 'Bad request', 'The request could not be read as HTTP.'];

/** The raw HTTP answer for a request Node refused while reading it. */
export function refusalResponse(code: string | undefined): string {
  const [status, title, detail] = REFUSALS[code ?? ''] ?? MALFORMED;
  const body = JSON.stringify({
    type: problemType(status === 431 ? 'headers-too-large' : 'bad-request'),
    title,
    status,
    detail,
  });
  return (
    `HTTP/1.1 ${status} ${title}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
  );
}

export function startHttpServer(app: App, options: HttpServerOptions): Server {
  const server = serve(
    {
      fetch: app.fetch,
      port: options.port,
      hostname: options.hostname,
      serverOptions: { maxHeaderSize: options.maxHeaderBytes },
    },
    (info) => options.onListening?.(info.port),
  ) as Server;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A socket already answering, or gone, gets nothing more.
    if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy();
    socket.end(refusalResponse(error.code));
  });
  return server;
}

/**
 * The client's address for counting failed authentications. Behind `trustedProxies` proxies (a
 * number, COFUND_TRUST_PROXY), it is the address the outermost trusted proxy saw: the entry that
 * many from the right of X-Forwarded-For, which each proxy appends to. With none (the default), the
 * socket's peer: X-Forwarded-For is never taken blindly, since any client can send one.
 */
export function clientAddressBehind(trustedProxies: number) {
  return (c: Context): string | undefined => {
    const peer = getConnInfo(c).remote.address;
    if (trustedProxies === 0) return peer;
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const chain = [...forwarded, ...(peer ? [peer] : [])];
    return chain[Math.max(0, chain.length - 1 - trustedProxies)];
  };
}
