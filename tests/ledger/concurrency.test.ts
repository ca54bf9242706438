import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal, sum } from '../../src/money';
import type { Executor } from '../../src/db';
import { InsufficientFundsError, createHold, getAccount, postEntry } from '../../src/ledger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { COMMIT_MODES } from '../support/group-commit';
import { openAccount, openWorld, transfer } from '../support/ledger-fixtures';

let database: TestDatabase;
beforeAll(async () => {
  // Enough connections that the requests really do race inside PostgreSQL.
  database = await createTestDatabase({ max: 25 });
});
afterAll(() => database.close());

const outcomes = (results: PromiseSettledResult<unknown>[]) => ({
  succeeded: results.filter((r) => r.status === 'fulfilled').length,
  refusals: results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason),
});

describe.each(COMMIT_MODES)('under concurrency, $mode', ({ groupCommit }) => {
  /** Runs one racing booking: on its own, or as a member of the next batch. */
  let racing: <T>(work: (executor: Executor) => Promise<T>) => Promise<T>;
  beforeAll(() => {
    const grouped = groupCommit(database.db);
    racing = (work) => (grouped ? grouped.run(work) : work(database.db));
  });

  it(
    '200 transfers out of an account funded for 100 of them: ' + 'exactly 100 go through, balance ends at zero',
    async () => {
      const world = await openWorld(database.db);
      const pool = await openAccount(database.db, { name: 'pool funded for 100 transfers' });
      const sinks = await Promise.all(Array.from({ length: 10 }, () => openAccount(database.db)));
      await transfer(database.db, world, pool, '1000.00');

      const results = await Promise.allSettled(
        Array.from({ length: 200 }, (_, i) => racing((db) => transfer(db, pool, sinks[i % sinks.length]!, '10.00'))),
      );
      const { succeeded, refusals } = outcomes(results);
      expect(succeeded).toBe(100);
      expect(refusals).toHaveLength(100);
      for (const refusal of refusals) expect(refusal).toBeInstanceOf(InsufficientFundsError);

      expect((await getAccount(database.db, pool.id)).balance).toBe('0.00');
      const [lowest] = (await database.db.execute(
        sql`SELECT min(balance_after)::text AS lowest, count(*)::int AS postings FROM postings
          WHERE account_id = ${pool.id}::uuid`,
      )) as unknown as Array<{ lowest: string; postings: number }>;
      expect(new Decimal(lowest!.lowest).isNegative()).toBe(false);
      expect(lowest!.postings).toBe(101);
    },
  );

  it('50 concurrent retries of one idempotency key make one entry', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => racing((db) => transfer(db, world, pool, '42.00', key))),
    );
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await getAccount(database.db, pool.id)).balance).toBe('42.00');
    const [count] = (await database.db.execute(
      sql`SELECT count(*)::int AS n FROM journal_entries WHERE idempotency_key = ${key}`,
    )) as unknown as Array<{ n: number }>;
    expect(count!.n).toBe(1);
  });

  it('a pool funded for N reservations accepts exactly N of N+5 concurrent holds', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const project = await openAccount(database.db);
    const n = 20;
    await transfer(database.db, world, pool, `${n * 600}.00`);
    const results = await Promise.allSettled(
      Array.from({ length: n + 5 }, () =>
        racing((db) =>
          createHold(db, {
            idempotencyKey: randomUUID(),
            accountId: pool.id,
            counterAccountId: project.id,
            amount: '600.00',
          }),
        ),
      ),
    );
    const { succeeded, refusals } = outcomes(results);
    expect(succeeded).toBe(n);
    for (const refusal of refusals) expect(refusal).toBeInstanceOf(InsufficientFundsError);
    expect(await getAccount(database.db, pool.id)).toMatchObject({ held: `${n * 600}.00`, available: '0.00' });
  });

  it('transfers in opposite directions between the same accounts never deadlock', async () => {
    const world = await openWorld(database.db);
    const a = await openAccount(database.db);
    const b = await openAccount(database.db);
    const c = await openAccount(database.db);
    for (const account of [a, b, c]) await transfer(database.db, world, account, '1000.00');
    const pairs = [
      [a, b],
      [b, a],
      [b, c],
      [c, a],
      [a, c],
      [c, b],
    ] as const;
    const results = await Promise.allSettled(
      Array.from({ length: 120 }, (_, i) => {
        const [from, to] = pairs[i % pairs.length]!;
        // Three-account entries too, so lock sets overlap in every order.
        return i % 5 === 0
          ? racing((db) =>
              postEntry(db, {
                idempotencyKey: randomUUID(),
                kind: 'split',
                postings: [
                  { accountId: from.id, side: 'credit', amount: '2.00' },
                  { accountId: to.id, side: 'debit', amount: '1.00' },
                  {
                    accountId: (from === a || to === a ? (from === b || to === b ? c : b) : a).id,
                    side: 'debit',
                    amount: '1.00',
                  },
                ],
              }),
            )
          : racing((db) => transfer(db, from, to, '1.00'));
      }),
    );
    expect(outcomes(results).refusals).toEqual([]);
    const balances = await Promise.all(
      [a, b, c].map(async (account) => new Decimal((await getAccount(database.db, account.id)).balance)),
    );
    expect(sum(balances).toFixed(2)).toBe('3000.00');
  });
});
