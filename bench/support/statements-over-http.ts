/**
 * Part 2 of `npm run bench:statements`: account statements of a real ledger over real HTTP. One
 * account gets BENCH_LEDGER_POSTINGS postings (default 100,000) booked through src/ledger and
 * sealed; then its statement is asked as CSV and PDF, for the whole history and for the period that
 * holds its first tenth of rows, from the server (bench/support/statement-server.ts) in its own
 * process on loopback, the body read with node:http as it arrives. With BENCH_BEFORE=<checkout>
 * (e.g. a `git archive` of main with node_modules linked) that checkout's server answers the same
 * requests on the same database, interleaved round by round with this one's: before and after in
 * one run, under the same load. Both servers share the database migrated by this checkout.
 *
 * Per case, medians of BENCH_STATEMENT_RUNS rounds (default 3): first byte (verification, the
 * COUNT, the first rows), total time, rows/s, the server process's CPU time (its threads'; not
 * PostgreSQL's), which a loaded machine blurs less than the wall clock; the largest, over the
 * rounds, of the server's peak RSS rise (VmHWM from a collected heap); and from one more round, in
 * which the server forces a full collection every 500 ms (which costs time, so it is not a timed
 * round), the largest heap left after one. Flat memory: those do not grow from the 10x smaller
 * period to the whole history.
 *
 * Before the rounds each server answers one CSV of the whole history and one small PDF (not
 * counted: the PDF starts its render thread). The CSV's first byte is printed: the cost of the first
 * document after start, when no verified checkpoint exists yet.
 * At the end, this checkout's verification alone, in process: the whole chain, then since the
 * checkpoint with nothing new and after BENCH_NEW_ENTRIES (default 1,000) more entries.
 */
import { execFileSync, fork } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { openBenchDatabase, percentile, printTable } from './database';
import { seedLedger } from './ledger';
import type { ServerFigures } from './statement-server';

const POSTINGS = Number(process.env.BENCH_LEDGER_POSTINGS ?? 100_000);
const RUNS = Number(process.env.BENCH_STATEMENT_RUNS ?? 3);
const NEW_ENTRIES = Number(process.env.BENCH_NEW_ENTRIES ?? 1000);
const TOKEN = 'bench-statements-admin';
const MB = 1e6;
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

interface Server {
  label: string;
  base: string;
  measured<T>(message: { measure: 'start' | 'stop'; collect?: boolean }): Promise<T>;
  stop(): Promise<void>;
}

async function startServer(label: string, root: string, databaseUrl: string): Promise<Server> {
  const child = fork(path.join(import.meta.dirname, 'statement-server.ts'), [root, databaseUrl, TOKEN], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const reply = <T>() =>
    new Promise<T>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the ${label} statement server exited (${code})`));
      child.once('exit', exited);
      child.once('message', (message) => {
        child.off('exit', exited);
        resolve(message as T);
      });
    });
  const { port } = await reply<{ port: number }>();
  return {
    label,
    base: `http://127.0.0.1:${port}`,
    measured: <T>(message: { measure: 'start' | 'stop'; collect?: boolean }) => {
      const answer = reply<T>();
      child.send(message);
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('exit');
      }),
  };
}

/** GET of a document, read to the end as it arrives: bytes, and ms to the first body byte and to the end. */
function download(url: string): Promise<{ bytes: number; firstByteMs: number; totalMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    request.once('error', reject);
    request.once('response', (response) => {
      let bytes = 0;
      let firstByteMs = 0;
      const failed = response.statusCode !== 200;
      const text: Buffer[] = [];
      response.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByteMs = performance.now() - started;
        bytes += chunk.byteLength;
        if (failed) text.push(chunk);
      });
      response.once('error', reject);
      response.once('end', () => {
        if (failed) reject(new Error(`${url}: ${response.statusCode} ${Buffer.concat(text).toString()}`));
        else resolve({ bytes, firstByteMs, totalMs: performance.now() - started });
      });
    });
    request.end();
  });
}

interface Case {
  format: 'csv' | 'pdf';
  rows: number;
  query: string;
}

interface Sample {
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  rssRise: number;
  heapAfterGc: number;
  cpuMs: number;
}

/** One download; with `collect`, full collections every 500 ms give the heap after GC (and cost time). */
async function measure(server: Server, accountId: string, shape: Case, collect = false): Promise<Sample> {
  await server.measured({ measure: 'start', collect });
  const result = await download(`${server.base}/v1/statements/accounts/${accountId}.${shape.format}?${shape.query}`);
  const figures = await server.measured<ServerFigures>({ measure: 'stop' });
  return {
    ...result,
    rssRise: figures.peakRss - figures.rssBefore,
    heapAfterGc: figures.heapAfterGc,
    cpuMs: figures.cpuMs,
  };
}

export async function ledgerOverHttp(): Promise<void> {
  const before = process.env.BENCH_BEFORE;
  const database = await openBenchDatabase(2);
  const servers: Server[] = [];
  try {
    const seeding = performance.now();
    const accountId = await seedLedger(database.url, POSTINGS);
    const seeded = (performance.now() - seeding) / 1000;
    console.log(
      `\n2. a real ledger over HTTP: ${POSTINGS} postings on one account, booked and sealed in ` +
        `${seeded.toFixed(1)} s; before the rounds: ${uptime()}`,
    );
    // The period of the first tenth: up to the millisecond of the posting after it (excluded).
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const tenth = Math.max(1, Math.floor(POSTINGS / 10));
    const [cut] = await sql<[{ to: string; rows: number }]>`
      WITH cut AS (
        SELECT date_trunc('milliseconds', created_at) AS at FROM postings
        WHERE account_id = ${accountId}::uuid AND account_version = ${tenth + 1})
      SELECT to_char((SELECT at FROM cut) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS to,
             (SELECT count(*)::int FROM postings WHERE account_id = ${accountId}::uuid
                AND created_at < (SELECT at FROM cut)) AS rows`;
    await sql.end();
    const cases: Case[] = [
      { format: 'csv', rows: POSTINGS, query: 'locale=en' },
      { format: 'pdf', rows: POSTINGS, query: 'locale=en' },
      { format: 'csv', rows: cut!.rows, query: `locale=en&to=${cut!.to}` },
      { format: 'pdf', rows: cut!.rows, query: `locale=en&to=${cut!.to}` },
    ];

    if (before) servers.push(await startServer('before', path.resolve(before), database.url));
    servers.push(await startServer('after', process.cwd(), database.url));
    const cold: Record<string, number> = {};
    for (const server of servers) {
      const first = await download(`${server.base}/v1/statements/accounts/${accountId}.csv?locale=en`);
      cold[server.label] = first.firstByteMs;
      // Starts the server's PDF thread, which the rounds should not count.
      await download(`${server.base}/v1/statements/accounts/${accountId}.pdf?${cases[3]!.query}`);
    }
    const samples = new Map<string, Sample[]>();
    for (let run = 0; run < RUNS; run++) {
      for (const [index, shape] of cases.entries()) {
        // Alternate who goes first, so neither always meets a warmer cache.
        const order = (run + index) % 2 === 0 ? servers : [...servers].reverse();
        for (const server of order) {
          const key = `${index}:${server.label}`;
          samples.set(key, [...(samples.get(key) ?? []), await measure(server, accountId, shape)]);
        }
      }
    }
    const retained = new Map<string, number>();
    for (const [index, shape] of cases.entries())
      for (const server of servers)
        retained.set(`${index}:${server.label}`, (await measure(server, accountId, shape, true)).heapAfterGc);

    const rows: Array<Record<string, string | number>> = [];
    for (const [index, shape] of cases.entries()) {
      const baseline = samples.get(`${index}:before`);
      for (const server of servers) {
        const runs = samples.get(`${index}:${server.label}`)!;
        const seconds = median(runs.map((sample) => sample.totalMs)) / 1000;
        const rate = shape.rows / seconds;
        const beforeRate = baseline && shape.rows / (median(baseline.map((sample) => sample.totalMs)) / 1000);
        rows.push({
          format: shape.format,
          rows: shape.rows,
          code: server.label,
          'first byte s': (median(runs.map((sample) => sample.firstByteMs)) / 1000).toFixed(3),
          seconds: seconds.toFixed(2),
          'rows/s': Math.round(rate),
          'server CPU s': (median(runs.map((sample) => sample.cpuMs)) / 1000).toFixed(2),
          MB: (median(runs.map((sample) => sample.bytes)) / MB).toFixed(1),
          'peak RSS rise MB': (Math.max(...runs.map((sample) => sample.rssRise)) / MB).toFixed(1),
          'heap after GC MB': (retained.get(`${index}:${server.label}`)! / MB).toFixed(1),
          'vs before': beforeRate && server.label === 'after' ? `${(rate / beforeRate).toFixed(2)}x` : '',
        });
      }
    }
    console.log(
      `account statement over HTTP, server in its own process; medians of ${RUNS} rounds, peak RSS rise ` +
        'the largest over them; heap after GC from one more round with full collections every 500 ms',
    );
    printTable(rows);
    console.log(
      `first document after start (no checkpoint yet), first byte: ` +
        servers.map((server) => `${server.label} ${(cold[server.label]! / 1000).toFixed(2)} s`).join(', '),
    );
    console.log(`after the rounds: ${uptime()}`);
    await verificationCost(database.url);
  } finally {
    for (const server of servers) await server.stop();
    await database.dispose();
  }
}

/** This checkout's verification alone: whole chain, since the checkpoint, and after new entries. */
async function verificationCost(url: string): Promise<void> {
  const [{ connect }, ledger, { seedEntries }] = await Promise.all([
    import('../../src/db'),
    import('../../src/ledger'),
    import('./ledger'),
  ]);
  const database = connect(url, { max: 2 });
  try {
    const timed = async <T>(work: () => Promise<T>) => {
      const started = performance.now();
      const value = await work();
      return { value, ms: performance.now() - started };
    };
    const full = await timed(() => ledger.verifyLedger(database.db, { whole: true }));
    await ledger.recordVerification(database.db, full.value);
    const unchanged = await timed(() => ledger.verifyLedger(database.db));
    await seedEntries(database.db, NEW_ENTRIES, 'bench-verification');
    await ledger.sealPending(database.db);
    const changed = await timed(() => ledger.verifyLedger(database.db));
    const row = (verification: string, { value, ms }: typeof full) => ({
      verification,
      ok: String(value.report.ok),
      entries: value.report.entries,
      recomputed: value.report.recomputed,
      ms: ms.toFixed(0),
    });
    console.log('\nverification alone, in process (this checkout):');
    printTable([
      row('whole chain', full),
      row('from the checkpoint, nothing new', unchanged),
      row(`from the checkpoint, ${NEW_ENTRIES} new entries`, changed),
    ]);
  } finally {
    await database.close();
  }
}
