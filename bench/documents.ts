/**
 * npm run bench:documents -- uploads and downloads of documents through the real HTTP server (a
 * socket, @hono/node-server, the file-system store), 1 MB, 5 MB and 20 MB side by side, each
 * BENCH_DOCUMENT_RUNS (5) times. The client streams the file in 64 KiB chunks (no Content-Length)
 * and hashes the download as it arrives, so neither end ever needs the whole file. Figures:
 * throughput (median), and how far the process's RSS rose above its level before the transfers
 * (peak, sampled every 5 ms, from a collected heap after a warm-up) and the peak of Node's buffer
 * memory. Flat memory: neither grows with the file size.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/api/app';
import { filesystemStore } from '../src/documents/filesystem-store';
import { loadRuleDirectory } from '../src/rules/load-directory';
import { startHttpServer } from '../src/runtime/node-http';
import { openBenchDatabase, printTable } from './support/database';

const MB = 1024 * 1024;
const SIZES_MB = [1, 5, 20];
const RUNS = Number(process.env.BENCH_DOCUMENT_RUNS ?? 5);
const CHUNK = 64 * 1024;
const TOKEN = 'cfa_bench-9Qm2xVb7RkWz4NcJh8PdYs3GfAu6KeLt';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const database = await openBenchDatabase(10);
const root = await mkdtemp(path.join(tmpdir(), 'cofund-bench-documents-'));
const app = createApp({
  database: { open: () => ({ db: database.db, release: () => {} }) },
  rules: await loadRuleDirectory('rules'),
  adminToken: TOKEN,
  documentStore: filesystemStore(root),
  deadlines: { requestMs: 120_000, reportMs: 120_000 },
});
const server = startHttpServer(app, { port: 0, hostname: '127.0.0.1', maxHeaderBytes: 16 * 1024 });
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function call<T>(token: string, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}
const randomUUID = () => crypto.randomUUID();

/** An organisation with a key of `role`. */
async function organisation(name: string, kind: string, role: string) {
  const { id } = await call<{ id: string }>(TOKEN, 'POST', '/v1/organisations', { name, kind });
  const { key } = await call<{ key: string }>(TOKEN, 'POST', `/v1/organisations/${id}/api-keys`, { role });
  return { id, key };
}

/** The PDF signature, then bytes that differ per run: every upload is new content. */
function fileChunks(size: number, seed: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const chunk = new Uint8Array(Math.min(CHUNK, size - sent)).fill((seed + sent / CHUNK) % 251);
      if (sent === 0) chunk.set(new TextEncoder().encode('%PDF-1.7\n'));
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

/** multipart/form-data around a streamed file, without ever concatenating it. */
function multipart(file: ReadableStream<Uint8Array>): { body: ReadableStream<Uint8Array>; type: string } {
  const boundary = `bench${randomBytes(8).toString('hex')}`;
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nprogress-report\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="informe.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  const reader = file.getReader();
  let stage: 'head' | 'file' | 'done' = 'head';
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stage === 'head') {
        stage = 'file';
        return controller.enqueue(head);
      }
      if (stage === 'done') return controller.close();
      const { done, value } = await reader.read();
      if (!done) return controller.enqueue(value);
      stage = 'done';
      controller.enqueue(tail);
    },
  });
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

try {
  const club = await organisation('Club de Zacatecas en Houston', 'association', 'applicant');
  const ministry = await organisation('Bienestar', 'government', 'programme_admin');
  const programme = await call<{ id: string; invitations: Array<{ party: string }> }>(TOKEN, 'POST', '/v1/programmes', {
    code: '3x1-bench-documents',
    name: 'bench',
    ruleSet: 'tres-por-uno',
    currency: 'MXN',
    parties: { federal: ministry.id, state: ministry.id, municipal: ministry.id },
  });
  for (const party of ['federal', 'state', 'municipal'])
    await call(ministry.key, 'POST', `/v1/programmes/${programme.id}/parties/${party}/acceptance`, {});
  const application = await call<{ id: string }>(club.key, 'POST', `/v1/programmes/${programme.id}/applications`, {
    projectType: 'infrastructure',
    title: 'Bench',
    totalCost: '400000.00',
    currency: 'MXN',
    filedAt: '2015-06-01',
    registration: { validFrom: '2015-01-01', validTo: '2030-12-31' },
  });

  /** One upload and one download of `size` bytes; their times in ms. */
  async function transfer(size: number, seed: number): Promise<{ up: number; down: number }> {
    const { body, type } = multipart(fileChunks(size, seed));
    let started = performance.now();
    const uploaded = await fetch(`${base}/v1/applications/${application.id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${club.key}`, 'content-type': type },
      body,
      duplex: 'half',
    } as RequestInit);
    const document = (await uploaded.json()) as { id: string; size: number; sha256: string };
    if (uploaded.status !== 201 || document.size !== size) throw new Error(`upload: ${JSON.stringify(document)}`);
    const up = performance.now() - started;
    started = performance.now();
    const downloaded = await fetch(`${base}/v1/documents/${document.id}`, {
      headers: { authorization: `Bearer ${club.key}` },
    });
    const hash = createHash('sha256');
    for await (const chunk of downloaded.body!) hash.update(chunk);
    if (hash.digest('hex') !== document.sha256) throw new Error('downloaded bytes differ from the upload');
    return { up, down: performance.now() - started };
  }

  // Warm up (JIT, pools, the store's folders) so the figures describe transfers, not start-up.
  for (let run = 0; run < 3; run++) await transfer(MB, 1000 + run);
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const rows: Array<Record<string, string | number>> = [];
  const rises: number[] = [];
  for (const sizeMb of SIZES_MB) {
    const size = sizeMb * MB;
    const up: number[] = [];
    const down: number[] = [];
    // Each size from a collected heap: the rise is what its transfers hold, not earlier garbage.
    global.gc?.();
    const before = process.memoryUsage().rss;
    peak = before;
    let external = 0;
    const externalSampler = setInterval(() => (external = Math.max(external, process.memoryUsage().arrayBuffers)), 5);
    for (let run = 0; run < RUNS; run++) {
      const times = await transfer(size, run * 7 + sizeMb);
      up.push(times.up);
      down.push(times.down);
    }
    clearInterval(externalSampler);
    const rise = (peak - before) / MB;
    rises.push(rise);
    rows.push({
      'file MB': sizeMb,
      runs: RUNS,
      'upload p50 ms': median(up).toFixed(0),
      'upload MB/s': (sizeMb / (median(up) / 1000)).toFixed(1),
      'download p50 ms': median(down).toFixed(0),
      'download MB/s': (sizeMb / (median(down) / 1000)).toFixed(1),
      'RSS rise MB': rise.toFixed(1),
      'peak buffers MB': (external / MB).toFixed(1),
      'peak RSS MB': (peak / MB).toFixed(0),
    });
  }
  clearInterval(sampler);
  console.log(
    `\nDocuments over HTTP on 127.0.0.1 (file-system store); ` +
      `RSS before the transfers ${(baseline / MB).toFixed(0)} MB\n`,
  );
  printTable(rows);
  const [small, , large] = rises;
  console.log(
    `\nRSS rise for a 20 MB file vs a 1 MB file: ${large!.toFixed(1)} MB vs ${small!.toFixed(1)} MB ` +
      `(file 20x larger; rise ${(large! / Math.max(small!, 0.1)).toFixed(1)}x)`,
  );
} finally {
  server.close();
  await database.dispose();
  await rm(root, { recursive: true, force: true });
}
