/**
 * The server side of bench/documents.ts, in a process of its own (forked with --expose-gc): the app
 * over @hono/node-server with the file-system store, as `npm start` serves documents. The load
 * client's buffers never count in its memory. Over IPC it answers:
 * - `{ measure: 'start' }`: collects the heap and resets the peak (VmHWM, /proc/self/clear_refs);
 * - `{ measure: 'stop' }`: the peak RSS since then, its level at the start, and the peak of Node's
 *   array buffers (sampled every 5 ms), in bytes.
 * argv: the database URL, the store's folder, the administrator token.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/api/app';
import { connect } from '../../src/db';
import { filesystemStore } from '../../src/documents/filesystem-store';
import { loadRuleDirectory } from '../../src/rules/load-directory';
import { startHttpServer } from '../../src/runtime/node-http';

export interface ServerMemory {
  rssBefore: number;
  peakRss: number;
  peakArrayBuffers: number;
}

const [databaseUrl, root, adminToken] = process.argv.slice(2) as [string, string, string];
const send = (message: unknown) => process.send!(message);

/** Peak resident set since the last reset, bytes (Linux: VmHWM is kept by the kernel, no sampling gap). */
const peakResident = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;

const database = connect(databaseUrl, { max: 10 });
const app = createApp({
  database: { open: () => ({ db: database.db, release: () => {} }) },
  rules: await loadRuleDirectory('rules'),
  adminToken,
  documentStore: filesystemStore(root),
  deadlines: { requestMs: 120_000, reportMs: 120_000 },
  // Above the 20 MB default, so the bench can show where the memory stops rising.
  limits: { documentBytes: 128 * 1024 * 1024 },
});
const server = startHttpServer(app, { port: 0, hostname: '127.0.0.1', maxHeaderBytes: 16 * 1024 });
await new Promise((resolve) => server.once('listening', resolve));

let rssBefore = 0;
let peakArrayBuffers = 0;
let sampler: NodeJS.Timeout | undefined;
process.on('message', (message: { measure: 'start' | 'stop' } | 'exit') => {
  if (message === 'exit') {
    server.close();
    void database.close().then(() => process.exit(0));
    return;
  }
  if (message.measure === 'start') {
    global.gc!();
    writeFileSync('/proc/self/clear_refs', '5');
    rssBefore = process.memoryUsage().rss;
    peakArrayBuffers = process.memoryUsage().arrayBuffers;
    sampler = setInterval(() => (peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers)), 5);
    send({ started: true });
  } else {
    clearInterval(sampler);
    send({ rssBefore, peakRss: peakResident(), peakArrayBuffers } satisfies ServerMemory);
  }
});
send({ port: (server.address() as AddressInfo).port });
