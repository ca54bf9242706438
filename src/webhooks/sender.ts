import { type ReachPolicy, refusal } from './addresses';

/** One HTTP attempt at a delivery, as the worker asks for it. */
export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** What came of it: the receiver's status and the start of its answer, or why there was none. */
export type SendResult =
  | { statusCode: number; latencyMs: number; excerpt: string }
  | { statusCode: null; latencyMs: number; error: string; excerpt: '' };

export type Sender = (request: SendRequest) => Promise<SendResult>;

/** Bytes of a receiver's answer read at most: the rest is not waited for. */
export const RESPONSE_CAP_BYTES = 64 * 1024;
/** Characters of it kept in the attempt log. */
export const EXCERPT_CHARS = 1000;

export const excerptOf = (bytes: Uint8Array) =>
  new TextDecoder('utf-8', { fatal: false }).decode(bytes).slice(0, EXCERPT_CHARS);

/** A host name that is loopback by definition (RFC 6761), whatever a resolver says. */
export const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * A sender on fetch, for Workers (no DNS resolution there to check: literal addresses and
 * localhost names are refused here; Workers' own fetch cannot reach private networks). Redirects
 * are not followed; the answer is read up to the cap.
 */
export function fetchSender(policy: ReachPolicy): Sender {
  return async ({ url, headers, body, timeoutMs }) => {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const refused = isLocalhostName(host) ? refusal('127.0.0.1', policy) : refusal(host, policy);
    if (refused) return { statusCode: null, latencyMs: 0, error: `refused: ${refused}`, excerpt: '' };
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal });
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = response.body?.getReader();
      while (reader && size < RESPONSE_CAP_BYTES) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        size += value.byteLength;
      }
      await reader?.cancel().catch(() => undefined);
      const all = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        all.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return {
        statusCode: response.status,
        latencyMs: latency(),
        excerpt: excerptOf(all.subarray(0, RESPONSE_CAP_BYTES)),
      };
    } catch (error) {
      const timedOut = signal.aborted;
      return {
        statusCode: null,
        latencyMs: latency(),
        error: timedOut ? `timeout after ${timeoutMs} ms` : `connection failed: ${(error as Error).message}`,
        excerpt: '',
      };
    }
  };
}
