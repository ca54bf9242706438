/**
 * npm run bench:documents -- uploads and downloads of documents through the real HTTP server
 * (@hono/node-server, the file-system store) in a process of its own (bench/support/document-server.ts),
 * 1, 5, 20 and 100 MB side by side, each BENCH_DOCUMENT_RUNS (5) times. The load client streams each
 * file from disk with node:http (chunked, no Content-Length) and hashes the download as it arrives,
 * so neither end ever needs the whole file. Figures: throughput (median), and for each upload and
 * each download how far the server's RSS rose above its level before it (the kernel-kept peak,
 * VmHWM, from a collected heap) and the peak of its array buffers (sampled every 5 ms). Flat memory:
 * the server's figures stop growing with the file size.
 */
import { fork } from 'node:child_process';
import { type Hash, createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type ClientRequest, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { openBenchDatabase, printTable } from './support/database';
import type { ServerMemory } from './support/document-server';

const MB = 1024 * 1024;
/** 100 MB is above the default limit (the bench's server takes up to 128 MB): where memory stops rising. */
const SIZES_MB = [1, 5, 20, 100];
const RUNS = Number(process.env.BENCH_DOCUMENT_RUNS ?? 5);
const CHUNK = 64 * 1024;
const TOKEN = 'cfa_bench-9Qm2xVb7RkWz4NcJh8PdYs3GfAu6KeLt';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const database = await openBenchDatabase(2);
const root = await mkdtemp(path.join(tmpdir(), 'cofund-bench-documents-'));
const server = fork(path.join(import.meta.dirname, 'support/document-server.ts'), [database.url, root, TOKEN], {
  execArgv: ['--import', 'tsx', '--expose-gc'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
/** The server's next IPC message. */
const reply = <T>() =>
  new Promise<T>((resolve, reject) => {
    server.once('message', (message) => resolve(message as T));
    server.once('exit', (code) => reject(new Error(`the document server exited (${code})`)));
  });
const base = `http://127.0.0.1:${(await reply<{ port: number }>()).port}`;
const measured = async <T>(message: { measure: 'start' | 'stop' }) => {
  const answer = reply<T>();
  server.send(message);
  return answer;
};

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

/** A file on disk: the PDF signature, then bytes that differ per run (every upload is new content). */
async function writeSampleFile(size: number, seed: number): Promise<string> {
  const file = path.join(root, `upload-${seed}.pdf`);
  const content = Buffer.alloc(size);
  for (let at = 0; at < size; at += CHUNK) content.fill((seed + at / CHUNK) % 251, at, Math.min(size, at + CHUNK));
  content.write('%PDF-1.7\n');
  await writeFile(file, content);
  return file;
}

/** The answer to a request, its body read whole (small JSON) or hashed as it arrives. */
function answer(request: ClientRequest, hash?: Hash): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => (hash ? hash.update(chunk) : chunks.push(chunk)));
      response.once('error', reject);
      response.once('end', () => resolve({ status: response.statusCode!, text: Buffer.concat(chunks).toString() }));
    });
  });
}

/**
 * POST of the file as multipart/form-data, streamed from disk with node:http (chunked, no
 * Content-Length) at the pace the socket takes it. Not fetch: Node 20's undici holds every chunk of
 * a streamed request body until the request is collected (100 MB for a 100 MB file, measured), which
 * would make the client, not the server, the process whose memory grows with the file.
 */
async function upload(url: string, token: string, file: string) {
  const boundary = `bench${randomBytes(8).toString('hex')}`;
  const request = httpRequest(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  const answered = answer(request);
  await pipeline(async function* () {
    yield `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nprogress-report\r\n`;
    yield `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="informe.pdf"\r\n`;
    yield 'Content-Type: application/pdf\r\n\r\n';
    yield* createReadStream(file, { highWaterMark: CHUNK });
    yield `\r\n--${boundary}--\r\n`;
  }, request);
  return answered;
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

  /** The upload of the file at `file` (`size` bytes): the document and the time in ms. */
  async function uploadOnce(file: string, size: number) {
    const started = performance.now();
    const uploaded = await upload(`${base}/v1/applications/${application.id}/documents`, club.key, file);
    const document = JSON.parse(uploaded.text) as { id: string; size: number; sha256: string };
    if (uploaded.status !== 201 || document.size !== size) throw new Error(`upload: ${uploaded.text}`);
    return { document, ms: performance.now() - started };
  }

  /** The download of a document, hashed as it arrives and checked: the time in ms. */
  async function downloadOnce(document: { id: string; sha256: string }) {
    const started = performance.now();
    const hash = createHash('sha256');
    const request = httpRequest(`${base}/v1/documents/${document.id}`, {
      headers: { authorization: `Bearer ${club.key}` },
    });
    const answered = answer(request, hash);
    request.end();
    const { status } = await answered;
    if (status !== 200) throw new Error(`download: ${status}`);
    if (hash.digest('hex') !== document.sha256) throw new Error('downloaded bytes differ from the upload');
    return { ms: performance.now() - started };
  }

  /** `work` with the server's memory measured around it, from a collected heap and a reset peak. */
  async function onServer<T>(work: () => Promise<T>): Promise<T & { rise: number; buffers: number }> {
    await measured({ measure: 'start' });
    const result = await work();
    const memory = await measured<ServerMemory>({ measure: 'stop' });
    return { ...result, rise: (memory.peakRss - memory.rssBefore) / MB, buffers: memory.peakArrayBuffers / MB };
  }

  // Warm up (JIT, pools, the store's folders) so the figures describe transfers, not start-up.
  for (let run = 0; run < 3; run++)
    await downloadOnce((await uploadOnce(await writeSampleFile(MB, 1000 + run), MB)).document);
  const rows: Array<Record<string, string | number>> = [];
  const rises: number[] = [];
  for (const sizeMb of SIZES_MB) {
    const size = sizeMb * MB;
    const ups: Array<{ ms: number; rise: number; buffers: number }> = [];
    const downs: Array<{ ms: number; rise: number; buffers: number }> = [];
    for (let run = 0; run < RUNS; run++) {
      const file = await writeSampleFile(size, run * 7 + sizeMb);
      const uploaded = await onServer(() => uploadOnce(file, size));
      ups.push(uploaded);
      downs.push(await onServer(() => downloadOnce(uploaded.document)));
      await rm(file);
    }
    const p50 = (runs: typeof ups, key: 'ms' | 'rise' | 'buffers') => median(runs.map((run) => run[key]));
    const peak = (runs: typeof ups) => Math.max(...runs.map((run) => run.rise));
    rises.push(Math.max(peak(ups), peak(downs)));
    rows.push({
      'file MB': sizeMb,
      runs: RUNS,
      'upload MB/s': (sizeMb / (p50(ups, 'ms') / 1000)).toFixed(1),
      'download MB/s': (sizeMb / (p50(downs, 'ms') / 1000)).toFixed(1),
      'up: RSS rise p50/max MB': `${p50(ups, 'rise').toFixed(1)} / ${peak(ups).toFixed(1)}`,
      'up: buffers p50 MB': p50(ups, 'buffers').toFixed(1),
      'down: RSS rise p50/max MB': `${p50(downs, 'rise').toFixed(1)} / ${peak(downs).toFixed(1)}`,
      'down: buffers p50 MB': p50(downs, 'buffers').toFixed(1),
    });
  }
  console.log(
    '\nDocuments over HTTP on 127.0.0.1 (file-system store), the server in its own process; per transfer, ' +
      "the server's peak RSS above its level before it (from a collected heap) and its peak array buffers\n",
  );
  printTable(rows);
  const [small, , large, huge] = rises;
  const ratio = (a: number, b: number) => (a / Math.max(b, 0.1)).toFixed(1);
  console.log(
    `\nServer peak RSS rise, 20 MB vs 1 MB file: ${large!.toFixed(1)} vs ${small!.toFixed(1)} MB ` +
      `(${ratio(large!, small!)}x for a file 20x larger); 100 MB vs 20 MB: ${huge!.toFixed(1)} vs ` +
      `${large!.toFixed(1)} MB (${ratio(huge!, large!)}x for 5x)`,
  );
} finally {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.send('exit');
  await exited;
  await database.dispose();
  await rm(root, { recursive: true, force: true });
}
