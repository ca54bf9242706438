import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../src/db';
import { chartAccounts } from '../../src/db/schema';
import { type Account, type AccountInput, createAccount, postEntry } from '../../src/ledger';

let sequence = 0;
/** A unique account code per call, so tests sharing a database never collide. */
export const uniqueCode = (prefix: string) => `${prefix}-${++sequence}-${randomUUID().slice(0, 8)}`;

export function openAccount(db: Executor, overrides: Partial<AccountInput> = {}): Promise<Account> {
  return createAccount(db, {
    code: uniqueCode(overrides.type ?? 'asset'),
    name: 'Test account',
    type: 'asset',
    currency: 'MXN',
    ...overrides,
  });
}

/**
 * Records a test account in the chart of accounts, as the workflow does for the accounts it opens:
 * whom it serves decides who may read it (src/access).
 */
export async function placeInChart(
  db: Executor,
  account: Account,
  served: Omit<typeof chartAccounts.$inferInsert, 'accountId'>,
): Promise<void> {
  await db.insert(chartAccounts).values({ accountId: account.id, ...served });
}

/** An unlimited source of money from outside the books (equity), for funding test accounts. */
export function openWorld(db: Executor, currency = 'MXN'): Promise<Account> {
  return openAccount(db, { type: 'equity', currency, minBalance: null, name: `Outside world ${currency}` });
}

/** Moves `amount` from `from` to `to` with the sides that increase `to` (both debit-normal assets here). */
export function transfer(db: Executor, from: Account, to: Account, amount: string, key = randomUUID()) {
  return postEntry(db, {
    idempotencyKey: key,
    kind: 'transfer',
    postings: [
      { accountId: to.id, side: to.normalSide, amount },
      { accountId: from.id, side: to.normalSide === 'debit' ? 'credit' : 'debit', amount },
    ],
  });
}

/** Row counts of the ledger tables: "nothing was written" is these numbers not moving. */
export async function ledgerRowCounts(db: Executor) {
  const [row] = (await db.execute(sql`
    SELECT (SELECT count(*) FROM journal_entries)::int AS entries, (SELECT count(*) FROM postings)::int AS postings,
           (SELECT count(*) FROM ledger_holds)::int AS holds,
           (SELECT coalesce(sum(balance), 0)::text FROM ledger_accounts) AS balances,
           (SELECT coalesce(sum(held), 0)::text FROM ledger_accounts) AS held`)) as unknown as Array<
    Record<string, unknown>
  >;
  return row!;
}
