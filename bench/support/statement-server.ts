/**
 * The server side of bench/statements.ts, in a process of its own (forked with --expose-gc): the app
 * of the checkout at `root` over @hono/node-server as `npm start` builds it (a reports pool, PDFs
 * rendered on worker threads), so that two checkouts (before, after) can be measured side by side on
 * one database. Over IPC it answers:
 * - `{ measure: 'start', collect? }`: collects the heap and resets the peak (VmHWM,
 *   /proc/self/clear_refs); with `collect`, from then on forces a full collection every 500 ms,
 *   keeping the largest heap left after one;
 * - `{ measure: 'stop' }`: the peak RSS since the start, its level at the start, and that heap
 *   (the heap at the start without `collect`), in bytes; the CPU time spent since the start.
 * argv: the checkout's root, the database URL, the administrator token.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface ServerFigures {
  rssBefore: number;
  peakRss: number;
  heapAfterGc: number;
  /** CPU time of the process (every thread), user and system, ms: what a loaded machine's wall clock blurs. */
  cpuMs: number;
}

const [root, databaseUrl, adminToken] = process.argv.slice(2) as [string, string, string];
const send = (message: unknown) => process.send!(message);
const load = (file: string) => import(path.join(root, file));

const peakResident = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;

const [{ createApp }, { connect }, { loadRuleDirectory }, { createPdfThreadPool }, { startHttpServer }] =
  await Promise.all([
    load('src/api/app.ts'),
    load('src/db/index.ts'),
    load('src/rules/load-directory.ts'),
    load('src/statements/threads/pool.ts'),
    load('src/runtime/node-http.ts'),
  ]);
const database = connect(databaseUrl, { max: 4 });
const reports = connect(databaseUrl, { max: 3 });
const renderer = createPdfThreadPool(1);
const app = createApp({
  database: { open: () => ({ db: database.db, release: () => {} }) },
  reportsDb: reports.db,
  rules: await loadRuleDirectory(path.join(root, 'rules')),
  adminToken,
  renderPdf: renderer,
  deadlines: { requestMs: 600_000, reportMs: 600_000 },
});
const server = startHttpServer(app, { port: 0, hostname: '127.0.0.1', maxHeaderBytes: 16 * 1024 });
await new Promise((resolve) => server.once('listening', resolve));

let rssBefore = 0;
let cpuBefore = process.cpuUsage();
let heapAfterGc = 0;
let collector: NodeJS.Timeout | undefined;
const collect = () => {
  global.gc!();
  heapAfterGc = Math.max(heapAfterGc, process.memoryUsage().heapUsed);
};
process.on('message', (message: { measure: 'start' | 'stop'; collect?: boolean } | 'exit') => {
  if (message === 'exit') {
    server.close();
    void Promise.all([renderer.close(), database.close(), reports.close()]).then(() => process.exit(0));
    return;
  }
  if (message.measure === 'start') {
    global.gc!();
    writeFileSync('/proc/self/clear_refs', '5');
    rssBefore = process.memoryUsage().rss;
    cpuBefore = process.cpuUsage();
    heapAfterGc = process.memoryUsage().heapUsed;
    if (message.collect) collector = setInterval(collect, 500);
    send({ started: true });
  } else {
    clearInterval(collector);
    const cpu = process.cpuUsage(cpuBefore);
    send({
      rssBefore,
      peakRss: peakResident(),
      heapAfterGc,
      cpuMs: (cpu.user + cpu.system) / 1000,
    } satisfies ServerFigures);
  }
});
send({ port: (server.address() as AddressInfo).port });
