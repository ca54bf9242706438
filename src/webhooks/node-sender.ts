import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { type ReachPolicy, refusal } from './addresses';
import { RESPONSE_CAP_BYTES, type Sender, excerptOf, isLocalhostName } from './sender';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Resolves like dns.lookup, then refuses when any address the name resolves to may not be reached.
 * It runs inside the connection itself, so the address checked is the address connected to (a name
 * that resolves to a public address for a check and a private one for the request is no way round).
 */
function guardedLookup(policy: ReachPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.map(({ address }) => refusal(address, policy)).find(Boolean);
      if (refused) return callback(Object.assign(new Error(`refused: ${refused}`), { code: 'EREFUSED_ADDRESS' }), '');
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * The Node sender: node:http(s) with the guarded lookup, a timeout over the whole attempt, no
 * redirects (node:http follows none) and the answer read up to the cap.
 */
export function nodeSender(policy: ReachPolicy): Sender {
  const lookup = guardedLookup(policy);
  return ({ url, headers, body, timeoutMs }) =>
    new Promise((resolve) => {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      const target = new URL(url);
      const host = target.hostname.replace(/^\[|\]$/g, '');
      // A literal address is connected to without a lookup: checked here instead.
      const literal = isIP(host)
        ? refusal(host, policy)
        : isLocalhostName(host)
          ? refusal('127.0.0.1', policy)
          : undefined;
      if (literal) return resolve({ statusCode: null, latencyMs: 0, error: `refused: ${literal}`, excerpt: '' });
      let settled = false;
      const finish = (result: Parameters<typeof resolve>[0]) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const client = target.protocol === 'https:' ? https : http;
      const request = client.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          lookup: lookup as never,
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const done = () =>
            finish({
              statusCode: response.statusCode ?? 0,
              latencyMs: latency(),
              excerpt: excerptOf(Buffer.concat(chunks).subarray(0, RESPONSE_CAP_BYTES)),
            });
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            size += chunk.length;
            // Enough of it: the rest of a large answer is not waited for.
            if (size >= RESPONSE_CAP_BYTES) {
              done();
              response.destroy();
            }
          });
          response.on('end', done);
          response.on('error', done);
        },
      );
      const timer = setTimeout(() => {
        finish({ statusCode: null, latencyMs: latency(), error: `timeout after ${timeoutMs} ms`, excerpt: '' });
        request.destroy();
      }, timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) =>
        finish({
          statusCode: null,
          latencyMs: latency(),
          error: error.code === 'EREFUSED_ADDRESS' ? error.message : `connection failed: ${error.message}`,
          excerpt: '',
        }),
      );
      request.end(body);
    });
}
