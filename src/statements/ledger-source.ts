import { sql } from 'drizzle-orm';
import { driverOf, parseTimestamp, pgArray } from '../db';
import { type AccountType, type Side, type Transaction, verifyChain } from '../ledger';
import { Decimal, formatMoney } from '../money';
import type { ChainStatus, Period, SectionAccount, StatementRow, StatementSection } from './model';

/*
 * The SQL that fills a statement from the ledger, run inside one snapshot (./snapshot). Booking
 * time (postings.created_at) decides the period, half-open: from <= booked < to. Per account:
 *
 * - rowCount: COUNT(*) of its postings in the period;
 * - opening / closing: balance_after of its last posting booked before `from` / before `to` (0 if none);
 * - rows: its postings in the period in account_version order, read through a server-side cursor,
 *   each with the codes of the other accounts of its entry.
 *
 * Versions and booking times grow together per account (docs/ledger.md, Time), so the rows'
 * running balance goes from the opening to the closing balance; the renderers check that it does.
 */

/** Rows fetched from the server per round trip: a page of a PDF is about 40. */
const CURSOR_BATCH = 500;

const iso = (instant: Date) => instant.toISOString();

/** The money text PostgreSQL returns, with exactly the currency's digits ("600000" -> "600000.00"). */
const money = (value: string | null, currency: string) => formatMoney(new Decimal(value ?? 0), currency);

/** One section per account, in the order given (accounts that do not exist are left out). */
export async function ledgerSections(
  tx: Transaction,
  accountIds: readonly string[],
  period: Period,
): Promise<StatementSection[]> {
  if (accountIds.length === 0) return [];
  const figures = (await tx.execute(sql`
    SELECT a.id, a.code, a.name, a.type, a.normal_side, a.currency,
      (SELECT count(*) FROM postings p
        WHERE p.account_id = a.id
          AND p.created_at >= ${iso(period.from)}::timestamptz AND p.created_at < ${iso(period.to)}::timestamptz
      )::int AS row_count,
      (SELECT p.balance_after::text FROM postings p
        WHERE p.account_id = a.id AND p.created_at < ${iso(period.from)}::timestamptz
        ORDER BY p.account_version DESC LIMIT 1) AS opening,
      (SELECT p.balance_after::text FROM postings p
        WHERE p.account_id = a.id AND p.created_at < ${iso(period.to)}::timestamptz
        ORDER BY p.account_version DESC LIMIT 1) AS closing
    FROM ledger_accounts a
    WHERE a.id = ANY(${pgArray(accountIds)}::uuid[])`)) as unknown as Array<{
    id: string;
    code: string;
    name: string;
    type: AccountType;
    normal_side: Side;
    currency: string;
    row_count: number;
    opening: string | null;
    closing: string | null;
  }>;
  const byId = new Map(figures.map((row) => [row.id, row]));
  return accountIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const account: SectionAccount = {
      id,
      code: row.code,
      name: row.name,
      type: row.type,
      normalSide: row.normal_side,
      currency: row.currency.trim(),
    };
    return [
      {
        account,
        openingBalance: money(row.opening, account.currency),
        closingBalance: money(row.closing, account.currency),
        rowCount: row.row_count,
        rows: postingRows(tx, account, period),
      },
    ];
  });
}

/**
 * The account's postings in the period, through a cursor opened on first read: sections are read
 * one after the other, so only one cursor is open on the snapshot's connection at a time.
 */
function postingRows(tx: Transaction, account: SectionAccount, period: Period): AsyncIterable<StatementRow> {
  return {
    async *[Symbol.asyncIterator]() {
      const cursor = driverOf(tx)<
        Array<{
          entry_id: string;
          booked_at: string;
          effective_at: string;
          kind: string;
          memo: string;
          side: Side;
          amount: string;
          balance_after: string;
          counter_accounts: string[];
        }>
      >`
        SELECT p.entry_id::text AS entry_id, p.created_at::text AS booked_at, e.effective_at::text AS effective_at,
               e.kind, e.memo,
               p.side, p.amount::text AS amount, p.balance_after::text AS balance_after,
               (SELECT coalesce(json_agg(DISTINCT a.code ORDER BY a.code), '[]'::json)
                  FROM postings o JOIN ledger_accounts a ON a.id = o.account_id
                 WHERE o.entry_id = p.entry_id AND o.account_id <> p.account_id) AS counter_accounts
        FROM postings p JOIN journal_entries e ON e.id = p.entry_id
        WHERE p.account_id = ${account.id}::uuid
          AND p.created_at >= ${iso(period.from)}::timestamptz AND p.created_at < ${iso(period.to)}::timestamptz
        ORDER BY p.account_version`.cursor(CURSOR_BATCH);
      for await (const batch of cursor) {
        for (const row of batch) {
          yield {
            entryId: row.entry_id,
            bookedAt: parseTimestamp(row.booked_at),
            effectiveAt: parseTimestamp(row.effective_at),
            kind: row.kind,
            memo: row.memo,
            counterAccounts: row.counter_accounts,
            side: row.side,
            amount: money(row.amount, account.currency),
            balanceAfter: money(row.balance_after, account.currency),
          };
        }
      }
    },
  };
}

/** The hash chain recomputed from the snapshot (src/ledger/chain.ts), as a document prints it. */
export async function ledgerChainStatus(tx: Transaction): Promise<ChainStatus> {
  const report = await verifyChain(tx);
  return {
    ok: report.ok,
    entriesChecked: report.entries,
    unsealed: report.unsealed,
    firstBadEntry: report.firstBadEntry ?? null,
    unaccounted: report.unaccounted,
    balanceMismatches: report.balanceMismatches,
    lastEntry: report.lastSeal && {
      id: report.lastSeal.entryId,
      sealSeq: report.lastSeal.seq,
      hash: report.lastSeal.hash,
    },
  };
}

export interface AccountMovements {
  /** Everything debited to the account booked before the instant. */
  debits: Decimal;
  credits: Decimal;
  /** Credits in entries of kind `refund`: money sent back to where it came from. */
  refundCredits: Decimal;
}

/** Per account code, the sums of postings booked before `before`: what party totals are made of. */
export async function accountMovements(
  tx: Transaction,
  applicationIds: readonly string[],
  before: Date,
): Promise<Map<string, AccountMovements>> {
  if (applicationIds.length === 0) return new Map();
  const rows = (await tx.execute(sql`
    SELECT a.code,
           coalesce(sum(p.amount) FILTER (WHERE p.side = 'debit'), 0)::text AS debits,
           coalesce(sum(p.amount) FILTER (WHERE p.side = 'credit'), 0)::text AS credits,
           coalesce(sum(p.amount) FILTER (WHERE p.side = 'credit' AND e.kind = 'refund'), 0)::text AS refund_credits
    FROM ledger_accounts a
    JOIN chart_accounts c ON c.account_id = a.id
    JOIN postings p ON p.account_id = a.id AND p.created_at < ${iso(before)}::timestamptz
    JOIN journal_entries e ON e.id = p.entry_id
    WHERE c.application_id = ANY(${pgArray(applicationIds)}::uuid[])
    GROUP BY a.code`)) as unknown as Array<{ code: string; debits: string; credits: string; refund_credits: string }>;
  return new Map(
    rows.map((row) => [
      row.code,
      {
        debits: new Decimal(row.debits),
        credits: new Decimal(row.credits),
        refundCredits: new Decimal(row.refund_credits),
      },
    ]),
  );
}
