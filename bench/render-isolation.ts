/**
 * npm run bench:render-isolation -- does rendering PDFs hold up the rest of the API? A ledger of
 * BENCH_ISOLATION_POSTINGS postings (1,557 by default, the case) on one account; then
 * BENCH_ISOLATION_RENDERS (10) statements of it asked at once as PDF, while GET /health is asked every
 * 20 ms. Run twice, side by side: rendering in process (what Workers do, and Node did before), and in
 * worker threads (Node now). Figures: /health latency while the PDFs render (median, p95, max), the
 * time until all PDFs are read, and peak RSS.
 */
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/api/app';
import { loadRuleDirectory } from '../src/rules/load-directory';
import { createPdfThreadPool } from '../src/statements/threads/pool';
import { openBenchDatabase, percentile, printTable } from './support/database';
import { seedLedger } from './support/ledger';

const POSTINGS = Number(process.env.BENCH_ISOLATION_POSTINGS ?? 1557);
const RENDERS = Number(process.env.BENCH_ISOLATION_RENDERS ?? 10);
const TOKEN = 'cfa_bench-9Qm2xVb7RkWz4NcJh8PdYs3GfAu6KeLt';

const database = await openBenchDatabase(RENDERS + 4);
try {
  const accountId = await seedLedger(database.url, POSTINGS);
  const rules = await loadRuleDirectory('rules');
  const rows: Array<Record<string, string | number>> = [];
  const threads = createPdfThreadPool(Math.max(1, Number(process.env.BENCH_ISOLATION_THREADS ?? 2)));
  for (const [mode, renderPdf] of [
    ['in process', undefined],
    [`worker threads (${process.env.BENCH_ISOLATION_THREADS ?? 2})`, threads],
  ] as const) {
    const app = createApp({
      database: { open: () => ({ db: database.db, release: () => {} }) },
      rules,
      adminToken: TOKEN,
      ...(renderPdf ? { renderPdf } : {}),
      limits: { rendersGlobal: RENDERS, rendersPerCaller: RENDERS },
    });
    const health = async () => {
      const started = performance.now();
      await (await app.request('/health')).arrayBuffer();
      return performance.now() - started;
    };
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push(await health());
    let rendering = true;
    let peakRss = process.memoryUsage().rss;
    const busy: number[] = [];
    const probe = (async () => {
      while (rendering) {
        busy.push(await health());
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const started = performance.now();
    const sizes = await Promise.all(
      Array.from({ length: RENDERS }, async () => {
        const response = await app.request(`/v1/statements/accounts/${accountId}.pdf`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        if (response.status !== 200) throw new Error(`statement answered ${response.status}: ${await response.text()}`);
        return (await response.arrayBuffer()).byteLength;
      }),
    );
    const elapsed = performance.now() - started;
    rendering = false;
    await probe;
    const sorted = [...busy].sort((a, b) => a - b);
    const idleSorted = [...idle].sort((a, b) => a - b);
    rows.push({
      rendering: mode,
      'health idle p50 ms': percentile(idleSorted, 50).toFixed(1),
      'health p50 ms': percentile(sorted, 50).toFixed(1),
      'health p95 ms': percentile(sorted, 95).toFixed(1),
      'health max ms': sorted.at(-1)!.toFixed(1),
      'health probes': sorted.length,
      [`${RENDERS} PDFs s`]: (elapsed / 1000).toFixed(2),
      'PDF KB': Math.round(sizes[0]! / 1024),
      'peak RSS MB': Math.round(peakRss / 1024 / 1024),
    });
  }
  await threads.close();
  console.log(`\n${RENDERS} concurrent account statements (PDF) over ${POSTINGS} postings; GET /health every 20 ms\n`);
  printTable(rows);
  const [before, after] = rows;
  console.log(
    `\nhealth p95 while rendering: ${before!['health p95 ms']} ms in process vs ${after!['health p95 ms']} ms ` +
      `with worker threads (${(Number(before!['health p95 ms']) / Number(after!['health p95 ms'])).toFixed(1)}x)`,
  );
} finally {
  await database.dispose();
}
