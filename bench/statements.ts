import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { renderStatementCsv, renderStatementJson, renderStatementPdf, statementPageCount } from '../src/statements';
import { writeToNode } from '../src/statements/node';
import { syntheticStatement } from '../tools/synthetic-statements';

/*
 * `npm run bench:statements`: rows per second and peak memory of statements, in two parts.
 *
 * 1. The renderers alone, on the synthetic 100,000-row statement (tools/synthetic-statements.ts),
 *    output to a Writable that only counts bytes through the same adapter a file would use.
 * 2. The whole path on a real ledger, over real HTTP (bench/support/statements-over-http.ts): an
 *    account with BENCH_LEDGER_POSTINGS postings (default 100,000) booked through src/ledger and
 *    sealed, its statement asked as CSV and PDF from the server in its own process on loopback;
 *    with BENCH_BEFORE=<another checkout>, that checkout's server side by side in the same run.
 *
 * Each synthetic case runs in its own process so that its peak RSS is its own. "Heap after GC" is the largest
 * heap left after full collections forced during the run: what the renderer holds, where peak RSS
 * also counts garbage not collected yet.
 *
 * Env: DATABASE_URL (else embedded PostgreSQL), BENCH_PART (synthetic|ledger), and part 2's own
 * (BENCH_LEDGER_POSTINGS, BENCH_BEFORE, BENCH_STATEMENT_RUNS, BENCH_NEW_ENTRIES).
 * The app, the ledger and the database client are imported only by the ledger part, so that the
 * synthetic cases' baseline RSS is the renderers' alone.
 */

type Format = 'pdf' | 'csv' | 'json';
const renderers = { pdf: renderStatementPdf, csv: renderStatementCsv, json: renderStatementJson };

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
  if (part !== 'synthetic') await (await import('./support/statements-over-http')).ledgerOverHttp();
}
