import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FileLine, camt053 } from '../tools/bank-files';
import { openBenchDatabase, printTable } from './support/database';

/*
 * `npm run bench:reconciliation`: a bank statement of N lines imported and matched against N
 * expected movements of the books, for N = 5,000, 20,000 and 50,000 (BENCH_RECONCILIATION_SIZES).
 *
 * Per size, on a database of its own (bench/support/database.ts): the demo seed (src/seed), then N
 * budget entries booked on the federal pool through postEntry, its bank account registered, and a
 * camt.053.001.08 file of N credit lines written for them. A line quotes its entry's reference
 * (CF-E…) only where another movement has the same amount, as a bank transfer would: the rest is
 * matched on amount, currency and date alone. Then, in a child process of its own (its peak RSS is
 * the import's): POST the file to /v1/bank-accounts/{id}/statements (parse, balance check, store
 * lines, match) and GET the reconciliation report. Growth ratios divide the time ratio by the size
 * ratio: about 1 is linear, and quadratic work would show as the size ratio itself (4 and 2.5).
 */

const SIZES = (process.env.BENCH_RECONCILIATION_SIZES ?? '5000,20000,50000').split(',').map(Number);
const PROGRAMME = 'demo-tres-por-uno';
const FEDERAL_STAFF = 'Secretaría de Bienestar';
const CLABE = '032180000118359719';
const ADMIN_TOKEN = 'bench-reconciliation-admin';

/** The demo seed, then `size` budget entries on the federal pool; returns the bank account and the file. */
async function prepare(url: string, size: number, folder: string) {
  const [{ createApp }, { connect }, { loadRuleDirectory }, { seedDemo }, ledger] = await Promise.all([
    import('../src/api/app'),
    import('../src/db'),
    import('../src/rules/load-directory'),
    import('../src/seed/demo'),
    import('../src/ledger'),
  ]);
  const database = connect(url, { max: 2 });
  try {
    const { db } = database;
    const rules = await loadRuleDirectory('rules');
    const seeded = await seedDemo(db, rules);
    const key = seeded.keys.find((k) => k.organisation === FEDERAL_STAFF && k.role === 'programme_admin')!.key;
    const pool = (await ledger.findAccountByCode(db, `programme:${PROGRAMME}:federal:pool`))!;
    const source = (await ledger.findAccountByCode(db, `programme:${PROGRAMME}:federal:source:MXN`))!;
    const opening = (await ledger.balanceAt(db, pool.id, new Date())).balance;

    // Amounts repeat every 40,000 movements: above that size, pairs of equal amounts need the reference.
    const amountOf = (index: number) => `${100 + (index % 40_000)}.${String(index % 100).padStart(2, '0')}`;
    const entryIds: string[] = [];
    const batch = 500;
    for (let start = 0; start < size; start += batch) {
      const posted = await ledger.inTransaction(db, (tx) =>
        Promise.all(
          Array.from({ length: Math.min(batch, size - start) }, (_, offset) =>
            ledger.postEntry(tx, {
              idempotencyKey: `bench-reconciliation-${start + offset}`,
              kind: 'budget',
              memo: `Presupuesto federal, oficio ${start + offset}`,
              metadata: { party: 'federal' },
              postings: [
                { accountId: pool.id, side: 'debit', amount: amountOf(start + offset) },
                { accountId: source.id, side: 'credit', amount: amountOf(start + offset) },
              ],
            }),
          ),
        ),
      );
      entryIds.push(...posted.map((result) => result.entry.id));
    }
    await ledger.sealPending(db);

    const app = createApp({
      database: { open: () => ({ db, release: () => {} }) },
      rules,
      adminToken: ADMIN_TOKEN,
    });
    const registered = await app.request('/v1/bank-accounts', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ledgerAccountId: pool.id, clabe: CLABE, bank: 'BBVA México', currency: 'MXN' }),
    });
    if (registered.status !== 201) throw new Error(`bank account: ${registered.status} ${await registered.text()}`);
    const bankAccountId = ((await registered.json()) as { id: string }).id;

    const repeated = (index: number) => size > 40_000 && (index < size - 40_000 || index >= 40_000);
    const day = new Date().toISOString().slice(0, 10);
    const lines: FileLine[] = entryIds.map((entryId, index) => ({
      bookingDate: day,
      amount: amountOf(index),
      direction: 'credit',
      counterparty: 'Tesorería de la Federación',
      remittance: repeated(index) ? `Presupuesto 3x1 CF-E${entryId}` : `Presupuesto 3x1, oficio ${index}`,
    }));
    const file = path.join(folder, `statement-${size}.xml`);
    writeFileSync(
      file,
      camt053({
        id: `BENCH-${size}`,
        account: { other: CLABE },
        currency: 'MXN',
        openingDate: day,
        opening,
        closingDate: day,
        lines,
      }),
    );
    return { bankAccountId, key, file };
  } finally {
    await database.close();
  }
}

/** The measured part, alone in its process: import and match, then the report. */
async function measure(url: string, bankAccountId: string, key: string, file: string) {
  const [{ createApp }, { connect }, { loadRuleDirectory }] = await Promise.all([
    import('../src/api/app'),
    import('../src/db'),
    import('../src/rules/load-directory'),
  ]);
  const database = connect(url, { max: 2 });
  try {
    const app = createApp({
      database: { open: () => ({ db: database.db, release: () => {} }) },
      rules: await loadRuleDirectory('rules'),
      adminToken: ADMIN_TOKEN,
    });
    const baseline = process.memoryUsage().rss;
    const bytes = readFileSync(file);
    const started = performance.now();
    const imported = await app.request(`/v1/bank-accounts/${bankAccountId}/statements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/xml' },
      body: bytes,
    });
    const importSeconds = (performance.now() - started) / 1000;
    if (imported.status !== 201) throw new Error(`import: ${imported.status} ${await imported.text()}`);
    const result = (await imported.json()) as { lines: number; matched: number };
    const reported = performance.now();
    const report = await app.request(`/v1/bank-accounts/${bankAccountId}/reconciliation`, {
      headers: { authorization: `Bearer ${key}` },
    });
    if (report.status !== 200) throw new Error(`report: ${report.status} ${await report.text()}`);
    const reconciliation = (await report.json()) as { difference: string };
    const reportSeconds = (performance.now() - reported) / 1000;
    console.log(
      JSON.stringify({
        lines: result.lines,
        matched: result.matched,
        megabytes: Number((bytes.byteLength / 1e6).toFixed(1)),
        importSeconds,
        reportSeconds,
        difference: reconciliation.difference,
        baselineRssMb: Math.round(baseline / 1e6),
        peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6),
      }),
    );
  } finally {
    await database.close();
  }
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'measure') {
  await measure(args[0]!, args[1]!, args[2]!, args[3]!);
} else {
  const folder = mkdtempSync(path.join(tmpdir(), 'cofund-bench-reconciliation-'));
  const results: Array<{ size: number; lines: number; importSeconds: number; [key: string]: unknown }> = [];
  try {
    for (const size of SIZES) {
      const database = await openBenchDatabase(2);
      try {
        const seeding = performance.now();
        const prepared = await prepare(database.url, size, folder);
        const seedSeconds = (performance.now() - seeding) / 1000;
        const output = execFileSync(
          process.execPath,
          [
            ...process.execArgv,
            fileURLToPath(import.meta.url),
            'measure',
            database.url,
            prepared.bankAccountId,
            prepared.key,
            prepared.file,
          ],
          { encoding: 'utf8', env: process.env, maxBuffer: 16 * 1024 * 1024 },
        );
        results.push({ size, seedSeconds, ...JSON.parse(output.trim().split('\n').at(-1)!) });
      } finally {
        await database.dispose();
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  console.log('statement import and matching (camt.053.001.08 over HTTP; N lines against N movements)');
  printTable(
    results.map((result, index) => {
      const previous = results[index - 1];
      const growth = previous
        ? (result.importSeconds / previous.importSeconds / (result.size / previous.size)).toFixed(2)
        : '-';
      return {
        lines: result.size,
        'file MB': result.megabytes as number,
        matched: result.matched as number,
        'import+match s': result.importSeconds.toFixed(2),
        'lines/s': Math.round(result.size / result.importSeconds),
        'growth (time ratio / size ratio)': growth,
        'report s': (result.reportSeconds as number).toFixed(2),
        difference: result.difference as string,
        'peak RSS MB (baseline)': `${result.peakRssMb} (${result.baselineRssMb})`,
        'books seeded s': (result.seedSeconds as number).toFixed(1),
      };
    }),
  );
}
