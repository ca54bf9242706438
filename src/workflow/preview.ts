import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Caller } from '../auth';
import { type Database, rowsOf } from '../db';
import { chartAccounts, ledgerAccounts, ledgerHolds } from '../db/schema';
import { Decimal, formatMoney } from '../money';
import { type Side, type Transaction, loadEntries } from '../ledger';
import type { ChartRole } from './chart';
import { lockApplication } from './locks';

/** An account as the chart of accounts records it: null role and party for one outside the chart. */
export interface ChartPlace {
  accountId: string;
  code: string;
  currency: string;
  role: ChartRole | null;
  party: string | null;
}

export interface Movement extends ChartPlace {
  side: Side;
  amount: string;
}

export interface MovementPreview {
  /** The postings the step would book, per account. */
  postings: Movement[];
  /** The reservations it would release back to their pools (holds voided), by what they still held. */
  released: Array<ChartPlace & { amount: string }>;
}

const ROLL_BACK = new Error('a preview always rolls back');

/**
 * What a settlement step (refund, cancel, close, clawback) would move, found by running that very
 * step and rolling it back: the page that asks for confirmation shows the service's own arithmetic,
 * never a second copy of it. A refusal the step would raise is raised here, before anything is shown.
 * The application is locked first, so the entries found after it are this step's alone.
 */
export async function previewMovement(
  db: Database,
  caller: Caller,
  applicationId: string,
  step: (tx: Transaction) => Promise<unknown>,
): Promise<MovementPreview> {
  let preview: MovementPreview | undefined;
  try {
    await db.transaction(async (tx) => {
      await lockApplication(tx, caller, applicationId);
      const [{ last }] = (await rowsOf<{ last: string }>(
        tx,
        sql`SELECT coalesce(max(id), 0)::text AS last FROM journal_entries`,
      )) as [{ last: string }];
      const pending = await rowsOf<{ id: string; accountId: string; remaining: string }>(
        tx,
        sql`
        SELECT h.id::text AS id, h.account_id::text AS "accountId", (h.amount - h.captured)::text AS remaining
        FROM application_reservations r JOIN ledger_holds h ON h.id = r.hold_id
        WHERE r.application_id = ${applicationId}::uuid AND h.status = 'pending'`,
      );
      await step(tx);
      const posted = await rowsOf<{ id: string }>(
        tx,
        sql`SELECT id::text AS id FROM journal_entries
          WHERE id > ${last}::bigint AND metadata->>'applicationId' = ${applicationId}
          ORDER BY id`,
      );
      const ids = posted.map((row) => row.id);
      const entries = await loadEntries(tx, ids);
      const voided = new Set(
        pending.length === 0
          ? []
          : (
              await tx
                .select({ id: ledgerHolds.id })
                .from(ledgerHolds)
                .where(
                  and(
                    inArray(
                      ledgerHolds.id,
                      pending.map((hold) => hold.id),
                    ),
                    eq(ledgerHolds.status, 'voided'),
                  ),
                )
            ).map((row) => row.id),
      );
      const released = pending.filter((hold) => voided.has(hold.id));
      const accountIds = [
        ...new Set([
          ...entries.flatMap((e) => e.postings.map((p) => p.accountId)),
          ...released.map((h) => h.accountId),
        ]),
      ];
      const accounts = new Map(
        accountIds.length === 0
          ? []
          : (
              await tx
                .select({
                  accountId: ledgerAccounts.id,
                  code: ledgerAccounts.code,
                  currency: ledgerAccounts.currency,
                  role: chartAccounts.role,
                  party: chartAccounts.party,
                })
                .from(ledgerAccounts)
                .leftJoin(chartAccounts, eq(chartAccounts.accountId, ledgerAccounts.id))
                .where(inArray(ledgerAccounts.id, accountIds))
            ).map((row) => [row.accountId, row]),
      );
      const place = (accountId: string): ChartPlace =>
        accounts.get(accountId) ?? { accountId, code: '', currency: '', role: null, party: null };
      preview = {
        postings: entries.flatMap((entry) =>
          entry.postings.map((p) => ({
            ...place(p.accountId),
            currency: p.currency,
            side: p.side,
            amount: p.amount,
          })),
        ),
        released: released.map((hold) => ({
          ...place(hold.accountId),
          amount: formatMoney(new Decimal(hold.remaining), accounts.get(hold.accountId)?.currency ?? 'XXX'),
        })),
      };
      throw ROLL_BACK;
    });
  } catch (error) {
    if (error !== ROLL_BACK) throw error;
  }
  return preview!;
}
