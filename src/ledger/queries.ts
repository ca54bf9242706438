import { LedgerInputError } from './errors';
import { sql } from 'drizzle-orm';
import { type Executor, pgArray } from '../db';
import { Decimal, ZERO, formatMoney } from '../money';
import { getAccount } from './accounts';
import { loadEntries } from './entries';
import { isUuid } from './entry-rules';
import type { AccountType, Entry, Side } from './types';

/*
 * Time in the books is booking time (created_at), never the value date: an entry booked today with
 * last month's value date does not rewrite last month's statements, so a balance or a statement
 * asked for the same instant is the same whenever it is asked.
 */

export interface BalanceAt {
  accountId: string;
  code: string;
  currency: string;
  /** Posted balance on the account's normal side at `at`. */
  balance: string;
  /** Number of postings on the account up to `at`. */
  version: string;
  at: Date;
}

/**
 * Booking times keep microseconds and instants from clients (and JS) keep milliseconds: "at T"
 * means up to the end of T's millisecond, so an entry's own `createdAt` (rounded down to the
 * millisecond in JSON) always counts it.
 */
function endOfMillisecond(at: Date): string {
  return new Date(at.getTime() + 1).toISOString();
}

export async function balanceAt(executor: Executor, accountId: string, at?: Date): Promise<BalanceAt> {
  const account = await getAccount(executor, accountId);
  if (!at)
    return {
      accountId,
      code: account.code,
      currency: account.currency,
      balance: account.balance,
      version: account.version,
      at: new Date(),
    };
  const [last] = await executor.execute<{ balance: string; version: string }>(sql`
    SELECT balance_after::text AS balance, account_version::text AS version FROM postings
    WHERE account_id = ${accountId}::uuid AND created_at < ${endOfMillisecond(at)}::timestamptz
    ORDER BY account_version DESC LIMIT 1`);
  return {
    accountId,
    code: account.code,
    currency: account.currency,
    balance: formatMoney(new Decimal(last?.balance ?? 0), account.currency),
    version: last?.version ?? '0',
    at,
  };
}

export interface TrialBalanceLine {
  accountId: string;
  code: string;
  name: string;
  type: AccountType;
  normalSide: Side;
  currency: string;
  debits: string;
  credits: string;
  /** On the normal side. */
  balance: string;
}

export interface TrialBalance {
  at: Date;
  lines: TrialBalanceLine[];
  /** Per currency: the grand totals, which a sound ledger keeps equal. */
  totals: Array<{ currency: string; debits: string; credits: string; balanced: boolean }>;
}

interface TrialBalanceRow extends Record<string, unknown> {
  id: string;
  code: string;
  name: string;
  type: AccountType;
  normal_side: Side;
  currency: string;
  debits: string;
  credits: string;
}

/** Every account's totals at `at`, or only those of `accountIds` when given (the caller's selection). */
export async function trialBalance(
  executor: Executor,
  options: { at?: Date; accountIds?: readonly string[] } = {},
): Promise<TrialBalance> {
  const at = options.at ?? new Date();
  const { accountIds } = options;
  if (accountIds !== undefined && !accountIds.every(isUuid)) {
    throw LedgerInputError.field('accountIds', 'must be account ids (UUIDs)');
  }
  const rows = await executor.execute<TrialBalanceRow>(sql`
    SELECT a.id, a.code, a.name, a.type, a.normal_side, a.currency,
           coalesce(sum(p.amount) FILTER (WHERE p.side = 'debit'), 0)::text AS debits,
           coalesce(sum(p.amount) FILTER (WHERE p.side = 'credit'), 0)::text AS credits
    FROM ledger_accounts a
    LEFT JOIN postings p ON p.account_id = a.id AND p.created_at < ${endOfMillisecond(at)}::timestamptz
    WHERE a.created_at < ${endOfMillisecond(at)}::timestamptz
      ${accountIds ? sql`AND a.id = ANY(${pgArray(accountIds)}::uuid[])` : sql``}
    GROUP BY a.id
    ORDER BY a.currency, a.code`);
  const totals = new Map<string, { debits: Decimal; credits: Decimal }>();
  const lines = rows.map((row): TrialBalanceLine => {
    const debits = new Decimal(row.debits);
    const credits = new Decimal(row.credits);
    const total = totals.get(row.currency) ?? { debits: ZERO, credits: ZERO };
    totals.set(row.currency, { debits: total.debits.plus(debits), credits: total.credits.plus(credits) });
    return {
      accountId: row.id,
      code: row.code,
      name: row.name,
      type: row.type,
      normalSide: row.normal_side,
      currency: row.currency,
      debits: formatMoney(debits, row.currency),
      credits: formatMoney(credits, row.currency),
      balance: formatMoney(row.normal_side === 'debit' ? debits.minus(credits) : credits.minus(debits), row.currency),
    };
  });
  return {
    at,
    lines,
    totals: [...totals].map(([currency, { debits, credits }]) => ({
      currency,
      debits: formatMoney(debits, currency),
      credits: formatMoney(credits, currency),
      balanced: debits.equals(credits),
    })),
  };
}

export interface EntryFilter {
  accountId?: string;
  /** The entry's kind, exactly ("budget"). */
  kind?: string;
  /** Booking time, inclusive. */
  from?: Date;
  /** Booking time, exclusive. */
  to?: Date;
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** Journal entries with their postings, newest first, a page at a time (keyset on the entry id). */
export async function listEntries(
  executor: Executor,
  filter: EntryFilter = {},
): Promise<{ entries: Entry[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  if (filter.cursor !== undefined && !/^[1-9][0-9]{0,18}$/.test(filter.cursor))
    throw LedgerInputError.field('cursor', 'is not a cursor this API returned');
  if (filter.accountId !== undefined && !isUuid(filter.accountId))
    throw LedgerInputError.field('account', 'must be an account id (UUID)');
  const ids = await executor.execute<{ id: string }>(sql`
    SELECT e.id::text AS id FROM journal_entries e
    WHERE true
      ${
        filter.accountId
          ? sql`AND EXISTS (SELECT 1 FROM postings p
                            WHERE p.entry_id = e.id AND p.account_id = ${filter.accountId}::uuid)`
          : sql``
      }
      ${filter.kind !== undefined ? sql`AND e.kind = ${filter.kind}` : sql``}
      ${filter.from ? sql`AND e.created_at >= ${filter.from.toISOString()}::timestamptz` : sql``}
      ${filter.to ? sql`AND e.created_at < ${filter.to.toISOString()}::timestamptz` : sql``}
      ${filter.cursor ? sql`AND e.id < ${filter.cursor}::bigint` : sql``}
    ORDER BY e.id DESC
    LIMIT ${limit + 1}`);
  const page = ids.slice(0, limit).map(({ id }) => id);
  return { entries: await loadEntries(executor, page), nextCursor: ids.length > limit ? page[page.length - 1]! : null };
}
