import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { renderStatementCsv, renderStatementJson, renderStatementPdf, statementPageCount } from '../src/statements';
import { writeToNode } from '../src/statements/node';
import { syntheticStatement } from '../tools/synthetic-statements';
import { seedLedger } from './support/ledger';

/*
 * `npm run bench:statements`: rows per second and peak memory of statements, in two parts.
 *
 * 1. The renderers alone, on the synthetic 100,000-row statement (tools/synthetic-statements.ts),
 *    output to a Writable that only counts bytes through the same adapter a file would use.
 * 2. The whole path on a real ledger: one account with BENCH_LEDGER_POSTINGS postings (default
 *    100,000) booked through src/ledger's postEntry, sealed, then its statement asked over HTTP
 *    (app.request) as PDF and CSV and the body read to the end: snapshot, COUNT, hash-chain
 *    verification, server-side cursor, rendering and streaming. "First byte" is the time until the
 *    first chunk: mostly verifyChain, which recomputes every seal of the ledger.
 *
 * Each case runs in its own process so that its peak RSS is its own. "Heap after GC" is the largest
 * heap left after full collections forced during the run: what the renderer holds, where peak RSS
 * also counts garbage not collected yet.
 *
 * Env: DATABASE_URL (else embedded PostgreSQL), BENCH_LEDGER_POSTINGS, BENCH_PART (synthetic|ledger).
 * The app, the ledger and the database client are imported only by the ledger part, so that the
 * synthetic cases' baseline RSS is the renderers' alone.
 */

type Format = 'pdf' | 'csv' | 'json';
const renderers = { pdf: renderStatementPdf, csv: renderStatementCsv, json: renderStatementJson };
const ADMIN_TOKEN = 'bench-statements-admin';

/** Counts bytes; forces a full collection twice a second to sample what is really retained. */
function measuringSink() {
  const collectGarbage = (globalThis as { gc?: () => void }).gc;
  const sink = { bytes: 0, retainedHeap: 0, firstByteAt: 0 };
  let lastCollection = performance.now();
  const writable = new Writable({
    write(chunk: Uint8Array | string, _encoding, done) {
      if (sink.bytes === 0) sink.firstByteAt = performance.now();
      sink.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (collectGarbage && performance.now() - lastCollection > 500) {
        collectGarbage();
        lastCollection = performance.now();
        sink.retainedHeap = Math.max(sink.retainedHeap, process.memoryUsage().heapUsed);
      }
      done();
    },
  });
  return { sink, writable };
}

function report(
  fields: Record<string, unknown>,
  rows: number,
  seconds: number,
  bytes: number,
  baseline: number,
  retainedHeap: number,
) {
  console.log(
    JSON.stringify({
      ...fields,
      rows,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(rows / seconds),
      megabytes: Number((bytes / 1e6).toFixed(1)),
      baselineRssMb: Math.round(baseline / 1e6),
      peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6),
      retainedHeapMb: Number((retainedHeap / 1e6).toFixed(1)),
    }),
  );
}

async function syntheticCase(format: Format, rows: number): Promise<void> {
  const baseline = process.memoryUsage().rss;
  const statement = syntheticStatement({ rows });
  const totalRows = statement.sections.reduce((total, section) => total + section.rowCount, 0);
  const pages = format === 'pdf' ? statementPageCount(statement) : null;
  const { sink, writable } = measuringSink();
  const started = performance.now();
  await writeToNode(renderers[format](statement), writable);
  report({ format, pages }, totalRows, (performance.now() - started) / 1000, sink.bytes, baseline, sink.retainedHeap);
}

/** One statement of the real ledger over HTTP, the body read chunk by chunk as a client would. */
async function ledgerCase(format: Format, url: string, accountId: string): Promise<void> {
  const [{ createApp }, { connect }, { loadRuleDirectory }] = await Promise.all([
    import('../src/api/app'),
    import('../src/db'),
    import('../src/rules/load-directory'),
  ]);
  const baseline = process.memoryUsage().rss;
  const database = connect(url, { max: 2 });
  try {
    const app = createApp({
      database: { open: () => ({ db: database.db, release: () => {} }) },
      rules: await loadRuleDirectory('rules'),
      adminToken: ADMIN_TOKEN,
    });
    const { sink, writable } = measuringSink();
    const started = performance.now();
    const response = await app.request(`/v1/statements/accounts/${accountId}.${format}?locale=en`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    if (response.status !== 200) throw new Error(`statement: ${response.status} ${await response.text()}`);
    await writeToNode(response.body as unknown as AsyncIterable<Uint8Array>, writable);
    const seconds = (performance.now() - started) / 1000;
    const rows = Number(process.env.BENCH_LEDGER_POSTINGS ?? 100_000);
    report(
      { format, source: 'ledger', firstByteSeconds: Number(((sink.firstByteAt - started) / 1000).toFixed(2)) },
      rows,
      seconds,
      sink.bytes,
      baseline,
      sink.retainedHeap,
    );
  } finally {
    await database.close();
  }
}

function runChild(args: string[]) {
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), ...args],
    { encoding: 'utf8', env: process.env },
  );
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'synthetic') {
  await syntheticCase(args[0] as Format, Number(args[1]));
} else if (mode === 'ledger') {
  await ledgerCase(args[0] as Format, args[1]!, args[2]!);
} else {
  const part = process.env.BENCH_PART;
  if (part !== 'ledger') {
    console.log('1. renderers on the synthetic statement (rows = project rows + 11 party rows)');
    console.log('format   rows     pages  seconds  rows/s   output MB  peak RSS MB (baseline)  heap after GC MB');
    for (const [format, rows] of [
      ['pdf', 10_000],
      ['pdf', 100_000],
      ['csv', 10_000],
      ['csv', 100_000],
      ['json', 100_000],
    ] as const) {
      const result = runChild(['synthetic', format, String(rows)]);
      console.log(
        [
          result.format.padEnd(8),
          String(result.rows).padEnd(8),
          String(result.pages ?? '-').padEnd(6),
          String(result.seconds).padEnd(8),
          String(result.rowsPerSecond).padEnd(8),
          String(result.megabytes).padEnd(10),
          `${result.peakRssMb} (${result.baselineRssMb})`.padEnd(22),
          String(result.retainedHeapMb),
        ].join(' '),
      );
    }
  }
  if (part !== 'synthetic') {
    const postings = Number(process.env.BENCH_LEDGER_POSTINGS ?? 100_000);
    const { openBenchDatabase } = await import('./support/database');
    const database = await openBenchDatabase(2);
    try {
      const seeding = performance.now();
      const accountId = await seedLedger(database.url, postings);
      const seconds = (performance.now() - seeding) / 1000;
      console.log(
        `\n2. a real ledger: ${postings} postings on one account, ` +
          `booked and sealed in ${seconds.toFixed(1)} s (${Math.round(postings / seconds)} entries/s)`,
      );
      console.log('account statement over HTTP: snapshot, COUNT, verifyChain, cursor, render, stream');
      console.log(
        'format   rows     first byte s  seconds  rows/s   output MB  peak RSS MB (baseline)  heap after GC MB',
      );
      for (const format of ['pdf', 'csv'] as const) {
        const result = runChild(['ledger', format, database.url, accountId]);
        console.log(
          [
            result.format.padEnd(8),
            String(result.rows).padEnd(8),
            String(result.firstByteSeconds).padEnd(13),
            String(result.seconds).padEnd(8),
            String(result.rowsPerSecond).padEnd(8),
            String(result.megabytes).padEnd(10),
            `${result.peakRssMb} (${result.baselineRssMb})`.padEnd(22),
            String(result.retainedHeapMb),
          ].join(' '),
        );
      }
    } finally {
      await database.dispose();
    }
  }
}
