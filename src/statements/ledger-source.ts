import { sql } from 'drizzle-orm';
import { type Executor, driverOf, pgArray, rowsOf } from '../db';
import { type AccountType, type Side, type Transaction, recordVerification, verifyLedger } from '../ledger';
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

/** Rows fetched per round trip; the next batch is asked for while this one is rendered. */
const CURSOR_BATCH = 2000;

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
  const figures = await rowsOf<{
    id: string;
    code: string;
    name: string;
    type: AccountType;
    normal_side: Side;
    currency: string;
    row_count: number;
    opening: string | null;
    closing: string | null;
  }>(
    tx,
    sql`
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
    WHERE a.id = ANY(${pgArray(accountIds)}::uuid[])`,
  );
  const byId = new Map(figures.map((row) => [row.id, row]));
  const codes = new AccountCodes(tx);
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
        rows: postingRows(tx, account, period, codes),
      },
    ];
  });
}

/**
 * The codes of the accounts a statement's rows name as counter-accounts, read once each (codes never
 * change: migration 0001), and each distinct set of them as one shared array: a row carries the
 * ids of its entry's other accounts, not a join per row.
 */
const LIST_CACHE_SIZE = 10_000;

class AccountCodes {
  private readonly codes = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();

  constructor(private readonly tx: Transaction) {}

  /** Reads the codes of the accounts the rows name (space-separated ids) not read yet. */
  async load(rows: readonly CursorRow[]): Promise<void> {
    const missing = new Set<string>();
    for (const row of rows) {
      const list = row.counterAccounts as string;
      if (this.lists.has(list)) continue;
      for (const id of list.split(' ')) if (id !== '' && !this.codes.has(id)) missing.add(id);
    }
    if (missing.size === 0) return;
    const accounts = await rowsOf<{ id: string; code: string }>(
      this.tx,
      sql`SELECT a.id::text AS id, a.code FROM ledger_accounts a WHERE a.id = ANY(${pgArray([...missing])}::uuid[])`,
    );
    for (const account of accounts) this.codes.set(account.id, account.code);
  }

  /** The distinct codes of a loaded id list, in code order. */
  of(list: string): readonly string[] {
    let codes = this.lists.get(list);
    if (codes === undefined) {
      const ids = list === '' ? [] : list.split(' ');
      codes = Object.freeze([...new Set(ids.map((id) => this.codes.get(id) ?? id))].sort());
      // Bounded, so that a statement whose every row names other accounts still holds little.
      if (this.lists.size >= LIST_CACHE_SIZE) this.lists.clear();
      this.lists.set(list, codes);
    }
    return codes;
  }
}

/** A posting row as the cursor reads it: a StatementRow once its counter-account ids are codes. */
type CursorRow = Omit<StatementRow, 'counterAccounts'> & { counterAccounts: string | readonly string[] };

/** Cursors declared in a transaction: each section's has a name of its own. */
const cursorNames = new WeakMap<Transaction, number>();

/**
 * The account's postings in the period, through a cursor declared on first read (DECLARE, then
 * FETCH by batches: between two batches the snapshot's connection is free for the codes of new
 * counter-accounts, which a protocol-level cursor would keep busy). The next batch is asked for
 * before the current one is handed on, so PostgreSQL reads it while the renderer works. Every
 * value arrives as the text documents print: instants as ISO 8601 UTC to the millisecond, money
 * with exactly the currency's minor-unit digits (rounding to the posting's own minor units is
 * exact: amounts are stored at that scale, a CHECK says so). Columns are named and ordered as
 * StatementRow, so each row is handed on as the driver made it.
 */
function postingRows(
  tx: Transaction,
  account: SectionAccount,
  period: Period,
  codes: AccountCodes,
): AsyncIterable<StatementRow> {
  return {
    async *[Symbol.asyncIterator]() {
      const driver = driverOf(tx);
      const number = (cursorNames.get(tx) ?? 0) + 1;
      cursorNames.set(tx, number);
      const cursor = `statement_rows_${number}`;
      await driver.unsafe(
        `DECLARE ${cursor} NO SCROLL CURSOR FOR
         SELECT p.entry_id::text AS "entryId",
                to_char(p.created_at AT TIME ZONE 'UTC', '${ISO_MILLISECONDS}') AS "bookedAt",
                to_char(e.effective_at AT TIME ZONE 'UTC', '${ISO_MILLISECONDS}') AS "effectiveAt",
                e.kind, e.memo,
                (SELECT coalesce(string_agg(o.account_id::text, ' '), '') FROM postings o
                  WHERE o.entry_id = p.entry_id AND o.account_id <> p.account_id) AS "counterAccounts",
                p.side, round(p.amount, p.minor_units)::text AS amount,
                round(p.balance_after, p.minor_units)::text AS "balanceAfter"
         FROM postings p JOIN journal_entries e ON e.id = p.entry_id
         WHERE p.account_id = $1::uuid AND p.created_at >= $2::timestamptz AND p.created_at < $3::timestamptz
         ORDER BY p.account_version`,
        [account.id, iso(period.from), iso(period.to)],
      );
      const fetch = () => driver.unsafe<CursorRow[]>(`FETCH ${CURSOR_BATCH} FROM ${cursor}`, [], { prepare: true });
      let next: Promise<CursorRow[]> | null = fetch();
      try {
        while (next) {
          const batch: CursorRow[] = await next;
          next = null;
          const named = codes.load(batch);
          if (batch.length === CURSOR_BATCH) next = fetch();
          await named;
          for (const row of batch) {
            row.counterAccounts = codes.of(row.counterAccounts as string);
            yield row as StatementRow;
          }
        }
      } finally {
        // On an early stop the batch in flight is let go, and CLOSE runs after it. In a failed
        // transaction CLOSE fails too; the failure that matters has reached the reader already.
        next?.catch(() => undefined);
        await driver.unsafe(`CLOSE ${cursor}`).catch(() => undefined);
      }
    },
  };
}

const ISO_MILLISECONDS = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

/**
 * The hash chain verified from the snapshot (src/ledger/chain.ts), as a document prints it: from the
 * newest verified checkpoint on, so that its cost follows what changed since. A clean verification
 * that got further is recorded on `checkpoints` (another connection: the snapshot is read-only),
 * without waiting: the document does not depend on it, and a checkpoint not recorded only means
 * the next document recomputes the same seals.
 */
export async function ledgerChainStatus(tx: Transaction, checkpoints?: Executor): Promise<ChainStatus> {
  const verification = await verifyLedger(tx);
  if (checkpoints) recordVerification(checkpoints, verification).catch(() => undefined);
  const { report } = verification;
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
    recomputed: report.recomputed,
    since: report.since && { sealSeq: report.since.seq, verifiedAt: report.since.verifiedAt },
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
  const rows = await rowsOf<{ code: string; debits: string; credits: string; refund_credits: string }>(
    tx,
    sql`
    SELECT a.code,
           coalesce(sum(p.amount) FILTER (WHERE p.side = 'debit'), 0)::text AS debits,
           coalesce(sum(p.amount) FILTER (WHERE p.side = 'credit'), 0)::text AS credits,
           coalesce(sum(p.amount) FILTER (WHERE p.side = 'credit' AND e.kind = 'refund'), 0)::text AS refund_credits
    FROM ledger_accounts a
    JOIN chart_accounts c ON c.account_id = a.id
    JOIN postings p ON p.account_id = a.id AND p.created_at < ${iso(before)}::timestamptz
    JOIN journal_entries e ON e.id = p.entry_id
    WHERE c.application_id = ANY(${pgArray(applicationIds)}::uuid[])
    GROUP BY a.code`,
  );
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
