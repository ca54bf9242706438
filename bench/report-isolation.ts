/**
 * npm run bench:report-isolation -- do statements and reports starve money-moving requests of
 * connections? A ledger of BENCH_REPORT_POSTINGS postings (20,000 by default) on one account; then
 * BENCH_REPORTS (20) reports asked at once (half JSON statements of that account, half chain
 * verifications), while a request that needs the main pool (GET /v1/accounts/{id}: it takes its
 * connection the way a budget POST does) is asked every 20 ms. Run twice, side by side: reports on
 * the main pool of 10 (before), and on a pool of their own of 3 (after). Figures: that request's
 * latency while the reports run (median, p95, max) and the time until all reports are read.
 */
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/api/app';
import { connect } from '../src/db';
import { loadRuleDirectory } from '../src/rules/load-directory';
import { openBenchDatabase, percentile, printTable } from './support/database';
import { seedLedger } from './support/ledger';

const POSTINGS = Number(process.env.BENCH_REPORT_POSTINGS ?? 20_000);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 20);
const MAIN_POOL = 10;
const REPORT_POOL = 3;
const TOKEN = 'cfa_bench-9Qm2xVb7RkWz4NcJh8PdYs3GfAu6KeLt';

const database = await openBenchDatabase(MAIN_POOL);
const reportsPool = connect(database.url, { max: REPORT_POOL });
try {
  const accountId = await seedLedger(database.url, POSTINGS);
  const rules = await loadRuleDirectory('rules');
  const rows: Array<Record<string, string | number>> = [];
  for (const [mode, reportsDb] of [
    [`main pool of ${MAIN_POOL} (before)`, undefined],
    [`own pool of ${REPORT_POOL} (after)`, reportsPool.db],
  ] as const) {
    const app = createApp({
      database: { open: () => ({ db: database.db, release: () => {} }) },
      ...(reportsDb ? { reportsDb } : {}),
      rules,
      adminToken: TOKEN,
      // Every report admitted at once: the pool alone is what is measured here.
      limits: { rendersGlobal: REPORTS, rendersPerCaller: REPORTS },
      deadlines: { requestMs: 600_000, reportMs: 600_000 },
    });
    const get = async (path: string) => {
      const started = performance.now();
      const response = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}` } });
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
      return performance.now() - started;
    };
    const probePath = `/v1/accounts/${accountId}`;
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push(await get(probePath));
    let reporting = true;
    const busy: number[] = [];
    const probe = (async () => {
      while (reporting) {
        busy.push(await get(probePath));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: REPORTS }, (_, i) =>
        get(i % 2 === 0 ? `/v1/statements/accounts/${accountId}.json` : '/v1/ledger/verify'),
      ),
    );
    const elapsed = performance.now() - started;
    reporting = false;
    await probe;
    const sorted = [...busy].sort((a, b) => a - b);
    const idleSorted = [...idle].sort((a, b) => a - b);
    rows.push({
      reports: mode,
      'request idle p50 ms': percentile(idleSorted, 50).toFixed(1),
      'request p50 ms': percentile(sorted, 50).toFixed(1),
      'request p95 ms': percentile(sorted, 95).toFixed(1),
      'request max ms': sorted.at(-1)!.toFixed(1),
      probes: sorted.length,
      [`${REPORTS} reports s`]: (elapsed / 1000).toFixed(2),
    });
  }
  console.log(
    `\n${REPORTS} concurrent reports (JSON statements and chain verifications) over ${POSTINGS} postings; ` +
      `a main-pool request every 20 ms\n`,
  );
  printTable(rows);
  const [before, after] = rows;
  const ratio = (column: string) => (Number(before![column]) / Number(after![column])).toFixed(1);
  console.log(
    `\nmain-pool request while reports run: p50 ${before!['request p50 ms']} -> ${after!['request p50 ms']} ms ` +
      `(${ratio('request p50 ms')}x), p95 ${before!['request p95 ms']} -> ${after!['request p95 ms']} ms ` +
      `(${ratio('request p95 ms')}x), max ${before!['request max ms']} -> ${after!['request max ms']} ms ` +
      `(${ratio('request max ms')}x)`,
  );
} finally {
  await reportsPool.close();
  await database.dispose();
}
