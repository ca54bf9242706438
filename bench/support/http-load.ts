/**
 * The load client of `npm run bench:http`, run in its own process so that its CPU is not the
 * server's: autocannon keeps `connections` keep-alive connections busy for `seconds`, each request
 * aimed at one of the targets picked at random, POSTs with a fresh Idempotency-Key. Prints one JSON
 * line: completed requests, per-status counts, req/s and latency percentiles (ms, from each
 * response's own time, not autocannon's whole-millisecond histogram).
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { percentile } from './database';

export interface LoadTarget {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: unknown;
}

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  targets: LoadTarget[];
}

export interface LoadResult {
  requests: number;
  statuses: Record<string, number>;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const bodies = spec.targets.map((target) => (target.body === undefined ? undefined : JSON.stringify(target.body)));
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    pipelining: 1,
    requests: [
      {
        setupRequest: (request) => {
          const index = Math.floor(Math.random() * spec.targets.length);
          const target = spec.targets[index]!;
          const headers: Record<string, string> = { authorization: `Bearer ${target.token}` };
          if (target.method === 'POST') {
            headers['content-type'] = 'application/json';
            headers['idempotency-key'] = randomUUID();
          }
          return { ...request, method: target.method, path: target.path, headers, body: bodies[index] };
        },
      },
    ],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    statuses,
    errors: result.errors,
    rps: latencies.length / result.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const spec = JSON.parse(process.argv[2]!) as LoadSpec;
process.stdout.write(`${JSON.stringify(await run(spec))}\n`);
