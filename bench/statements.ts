import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { renderStatementCsv, renderStatementJson, renderStatementPdf, statementPageCount } from '../src/statements';
import { writeToNode } from '../src/statements/node';
import { syntheticStatement } from '../src/statements/synthetic';

/*
 * `npm run bench:statements`: rows per second and peak memory of the statement renderers on the
 * synthetic 100,000-row statement. Each case runs in its own process so its peak RSS is its own;
 * 10,000 rows are rendered too, to show that memory does not grow with the number of rows.
 * "Heap after GC" is the largest heap left after full collections forced during the run: what the
 * renderer holds, where peak RSS also counts garbage not yet collected.
 * Output goes to a Writable that only counts bytes (through the same adapter a file or an HTTP
 * response would use), so the figures are the renderers' own.
 */

type Format = 'pdf' | 'csv' | 'json';
const renderers = { pdf: renderStatementPdf, csv: renderStatementCsv, json: renderStatementJson };

async function runCase(format: Format, rows: number): Promise<void> {
  const baseline = process.memoryUsage().rss;
  const statement = syntheticStatement({ rows });
  const totalRows = statement.sections.reduce((total, section) => total + section.rowCount, 0);
  const pages = format === 'pdf' ? statementPageCount(statement) : null;
  let bytes = 0;
  let lastCollection = performance.now();
  let retainedHeap = 0;
  const collectGarbage = (globalThis as { gc?: () => void }).gc;
  const sink = new Writable({
    write(chunk: Uint8Array | string, _encoding, done) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      // What the renderer really holds (heap after a full collection), twice a second during the run.
      if (collectGarbage && performance.now() - lastCollection > 500) {
        collectGarbage();
        lastCollection = performance.now();
        retainedHeap = Math.max(retainedHeap, process.memoryUsage().heapUsed);
      }
      done();
    },
  });
  const started = performance.now();
  await writeToNode(renderers[format](statement), sink);
  const seconds = (performance.now() - started) / 1000;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      format,
      rows: totalRows,
      pages,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(totalRows / seconds),
      megabytes: Number((bytes / 1e6).toFixed(1)),
      baselineRssMb: Math.round(baseline / 1e6),
      peakRssMb: Math.round(peakRss / 1e6),
      retainedHeapMb: Number((retainedHeap / 1e6).toFixed(1)),
    }),
  );
}

const [format, rows] = process.argv.slice(2);
if (format) {
  await runCase(format as Format, Number(rows));
} else {
  const cases: [Format, number][] = [
    ['pdf', 10_000],
    ['pdf', 100_000],
    ['csv', 10_000],
    ['csv', 100_000],
    ['json', 100_000],
  ];
  console.log('statement renderers (synthetic statement, rows = project rows + 11 party rows)');
  console.log('format   rows     pages  seconds  rows/s   output MB  peak RSS MB (baseline)  heap after GC MB');
  for (const [caseFormat, caseRows] of cases) {
    const output = execFileSync(process.execPath, ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), caseFormat, String(caseRows)], {
      encoding: 'utf8',
    });
    const result = JSON.parse(output.trim().split('\n').at(-1)!);
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
