/**
 * npm run bench:ledger — transfers per second and p50/p99 latency of the ledger core with N
 * concurrent workers, on two workloads (uniform: random pairs among many accounts; hot: every
 * transfer leaves one account), beside a raw-SQL baseline in the same process against the same
 * server: bare tables, no triggers, the minimal transaction that inserts the entry and its two
 * postings and updates both balances (rows updated in id order so that it cannot deadlock).
 * Prints a table and the ledger/baseline throughput ratio. Target: >= 0.7 on both workloads.
 *
 * The machine is shared and noisy (fsync latency at COMMIT dominates both sides), so the
 * implementations run in interleaved rounds, in rotating order, and each figure pools its rounds.
 * "cofund ledger + sealer" runs the hash-chain sealer alongside every 100 ms, as the app does: its
 * cost is shown, not hidden; the target is judged on the core.
 *
 * Env: DATABASE_URL (else embedded PostgreSQL), BENCH_SECONDS (per round, default 2),
 * BENCH_ROUNDS (default 3), BENCH_WORKERS (comma list, default "1,8,32"), BENCH_ACCOUNTS (default 1000).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Account, createAccount, postEntry, sealPending } from '../src/ledger';
import { openBenchDatabase, percentile, printTable } from './support/database';

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const workerCounts = (process.env.BENCH_WORKERS ?? '1,8,32').split(',').map(Number);
const accountCount = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const maxWorkers = Math.max(...workerCounts);

type Workload = 'uniform' | 'hot';
type Transfer = (from: number, to: number) => Promise<void>;

interface Sample {
  latencies: number[];
  elapsed: number;
  failures: number;
}

async function runFor(workers: number, workload: Workload, transfer: Transfer, into: Sample): Promise<void> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const pick = () => 1 + Math.floor(Math.random() * (accountCount - 1));
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        let from = workload === 'hot' ? 0 : pick();
        let to = pick();
        while (to === from) to = pick();
        if (workload === 'uniform' && Math.random() < 0.5) [from, to] = [to, from];
        const before = performance.now();
        try {
          await transfer(from, to);
          into.latencies.push(performance.now() - before);
        } catch (error) {
          into.failures += 1;
          if (into.failures === 1) console.error('transfer failed:', error);
        }
      }
    }),
  );
  into.elapsed += performance.now() - started;
}

function summarise(sample: Sample) {
  const sorted = [...sample.latencies].sort((a, b) => a - b);
  return {
    tps: sorted.length / (sample.elapsed / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failures: sample.failures,
  };
}

async function main() {
  const database = await openBenchDatabase(maxWorkers + 2);
  try {
    // Ledger accounts: account 0 is the hot one; all funded generously so no transfer is refused.
    const world = await createAccount(database.db, {
      code: 'bench:world',
      name: 'World',
      type: 'equity',
      currency: 'MXN',
      minBalance: null,
    });
    const accounts: Account[] = [];
    for (let i = 0; i < accountCount; i++) {
      accounts.push(
        await createAccount(database.db, { code: `bench:${i}`, name: `Account ${i}`, type: 'asset', currency: 'MXN' }),
      );
    }
    for (const account of accounts) {
      await postEntry(database.db, {
        idempotencyKey: `fund:${account.id}`,
        kind: 'funding',
        postings: [
          { accountId: account.id, side: 'debit', amount: '1000000000.00' },
          { accountId: world.id, side: 'credit', amount: '1000000000.00' },
        ],
      });
    }
    await sealPending(database.db);
    // A live database has planner statistics (autovacuum); a freshly filled one must be analyzed.
    await database.sql`ANALYZE`;

    // Baseline: the same shape of data, without anything cofund adds.
    await database.sql.unsafe(`
      CREATE TABLE bench_accounts (id bigint PRIMARY KEY, balance numeric NOT NULL);
      CREATE TABLE bench_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        idempotency_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE bench_postings (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        entry_id bigint NOT NULL REFERENCES bench_entries,
        account_id bigint NOT NULL REFERENCES bench_accounts, side text NOT NULL, amount numeric NOT NULL);
      INSERT INTO bench_accounts SELECT g, 1000000000 FROM generate_series(0, ${accountCount - 1}) g;
      ANALYZE bench_accounts;`);

    const baseline: Transfer = (from, to) =>
      database.sql.begin(async (tx) => {
        const [entry] = await tx`INSERT INTO bench_entries (idempotency_key) VALUES (${randomUUID()}) RETURNING id`;
        await tx`INSERT INTO bench_postings (entry_id, account_id, side, amount) VALUES
          (${entry!.id}, ${to}, 'debit', 1.00), (${entry!.id}, ${from}, 'credit', 1.00)`;
        const [first, second] =
          from < to
            ? [
                [from, -1],
                [to, 1],
              ]
            : [
                [to, 1],
                [from, -1],
              ];
        await tx`UPDATE bench_accounts SET balance = balance + ${first![1]!} WHERE id = ${first![0]!}`;
        await tx`UPDATE bench_accounts SET balance = balance + ${second![1]!} WHERE id = ${second![0]!}`;
      }) as Promise<unknown> as Promise<void>;

    const ledger: Transfer = async (from, to) => {
      await postEntry(database.db, {
        idempotencyKey: randomUUID(),
        kind: 'transfer',
        postings: [
          { accountId: accounts[to]!.id, side: 'debit', amount: '1.00' },
          { accountId: accounts[from]!.id, side: 'credit', amount: '1.00' },
        ],
      });
    };

    let sealing = false;
    const sealer = async () => {
      while (sealing) {
        await sealPending(database.db);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const implementations = [
      ['raw SQL', baseline],
      ['cofund ledger', ledger],
      ['cofund ledger + sealer', ledger],
    ] as const;

    const rows: Array<Record<string, string | number>> = [];
    for (const workload of ['uniform', 'hot'] as const) {
      for (const workers of workerCounts) {
        const samples = implementations.map(() => ({ latencies: [], elapsed: 0, failures: 0 }) as Sample);
        for (let round = 0; round < rounds; round++) {
          for (let k = 0; k < implementations.length; k++) {
            const index = (k + round) % implementations.length;
            const [name, transfer] = implementations[index]!;
            sealing = name === 'cofund ledger + sealer';
            const running = sealing ? sealer() : Promise.resolve();
            await runFor(workers, workload, transfer, samples[index]!);
            sealing = false;
            await running;
            await sealPending(database.db);
          }
        }
        const [raw, ...ours] = samples.map(summarise);
        implementations.forEach(([name], index) => {
          const result = index === 0 ? raw! : ours[index - 1]!;
          rows.push({
            workload,
            workers,
            implementation: name,
            'transfers/s': result.tps.toFixed(0),
            'p50 ms': result.p50.toFixed(2),
            'p99 ms': result.p99.toFixed(2),
            failures: result.failures,
            'vs raw': index === 0 ? '' : (result.tps / raw!.tps).toFixed(2),
          });
        });
      }
    }
    const [{ unsealed } = { unsealed: -1 }] = (await database.db.execute(
      sql`SELECT count(*)::int AS unsealed FROM ledger_unsealed`,
    )) as unknown as Array<{ unsealed: number }>;

    console.log(
      `\nLedger core vs raw SQL — ${accountCount} accounts, ${rounds} interleaved rounds of ${seconds}s, ` +
        `PostgreSQL at ${new URL(database.url).host}`,
    );
    printTable(rows);
    console.log(`\nEntries left unsealed at the end: ${unsealed}.`);
  } finally {
    await database.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
