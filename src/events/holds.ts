import { sql } from 'drizzle-orm';
import type { Executor } from '../db';
import type { Hold } from '../ledger';
import { Decimal, formatMoney } from '../money';
import { recordEvent } from './outbox';

/**
 * hold.expired, written by the ledger's expiry in the transaction that expires the hold (the
 * ledger calls this back and knows nothing of events). Seen by whoever may read either account of
 * the hold (src/access): their owners, and those who see the application or programme they serve
 * (the chart of accounts records both).
 */
export async function recordHoldExpired(db: Executor, hold: Hold, now: Date): Promise<void> {
  const audience = await db.execute<{ id: string | null }>(sql`
    WITH account AS (
      SELECT c.owner_organisation_id, app.applicant_id, c.programme_id
      FROM chart_accounts c LEFT JOIN applications app ON app.id = c.application_id
      WHERE c.account_id IN (${hold.accountId}::uuid, ${hold.counterAccountId}::uuid)
    )
    SELECT owner_organisation_id AS id FROM account
    UNION SELECT applicant_id FROM account
    UNION SELECT p.administrator_id FROM programmes p JOIN account ON account.programme_id = p.id
    UNION SELECT pp.organisation_id FROM programme_parties pp
      JOIN account ON account.programme_id = pp.programme_id WHERE pp.status = 'accepted'`);
  await recordEvent(db, {
    type: 'hold.expired',
    occurredAt: now,
    organisationIds: audience.map((row) => row.id),
    payload: {
      holdId: hold.id,
      accountId: hold.accountId,
      counterAccountId: hold.counterAccountId,
      amount: hold.amount,
      captured: hold.captured,
      released: formatMoney(new Decimal(hold.amount).minus(hold.captured), hold.currency),
      currency: hold.currency,
    },
  });
}
