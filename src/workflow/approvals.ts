import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit';
import { type Caller, requireRole } from '../auth';
import type { Executor } from '../db';
import { applicationApprovals, applicationReservations } from '../db/schema';
import { ConflictError, CofundError } from '../errors';
import { InsufficientFundsError, createHold, findAccountByCode } from '../ledger';
import type { Transaction } from '../ledger';
import { chart } from './chart';
import { utcDate } from '../rules/dates';
import { partiesOfCaller, payingShares, recordApplicationEvent, requireStatus, updateApplication } from './application';
import { type Locked, lockApplication, lockProjectPools } from './locks';
import { requireCurrentDocuments } from './required-documents';
import { returnUnspent } from './settlement';

export interface Decision {
  decision: 'approve' | 'reject';
  comment?: string | undefined;
  /** Needed only when the caller's organisation plays several of the parties asked. */
  party?: string | undefined;
}

/**
 * A required party approves or rejects the plan. A rejection ends the application. The last
 * approval reserves each public party's share with a hold on its pool, in the same transaction:
 * if any pool cannot cover its share, nothing is reserved and the approval is refused.
 */
export async function decideApplication(db: Transaction, caller: Caller, applicationId: string, input: Decision) {
  requireRole(caller.actor, ['approver']);
  const locked = await lockApplication(db, caller, applicationId);
  requireStatus(locked, ['filed'], 'decide on it');
  const { party, actor } = partiesOfCaller(caller, locked, locked.plan.requiredApprovals, input.party);
  // A party may refuse without the papers; it approves only what it could read.
  if (input.decision === 'approve' && locked.programme.requireDocuments) {
    await requireCurrentDocuments(db, applicationId, locked.plan, 'approval');
  }
  const [inserted] = await db
    .insert(applicationApprovals)
    .values({
      applicationId,
      party,
      organisationId: actor.organisationId,
      apiKeyId: actor.keyId,
      decision: input.decision,
      comment: input.comment ?? '',
    })
    .onConflictDoNothing()
    .returning();
  if (!inserted) throw new ConflictError('already-decided', `${party} has already decided on this application`);
  await recordApplicationEvent(db, caller, locked, 'approval.recorded', {
    approvalId: inserted.id,
    party,
    decision: input.decision,
  });

  const audit = { resourceType: 'application', resourceId: applicationId };
  if (input.decision === 'reject') {
    // Money already paid in (proof of funds comes before approval) goes back to where it came from.
    const refunded = await returnUnspent(db, caller, locked, undefined, `rejected by ${party}`);
    await updateApplication(db, applicationId, {
      status: 'rejected',
      outcome: { rejectedBy: party, reason: input.comment ?? '', refunded },
      endedAt: caller.now,
    });
    await recordAudit(
      db,
      caller.actor,
      { ...audit, action: 'application.rejected', details: { party, comment: input.comment ?? '', refunded } },
      caller.requestId,
    );
    await recordApplicationEvent(db, caller, locked, 'application.rejected', { party });
    return;
  }
  await recordAudit(
    db,
    caller.actor,
    { ...audit, action: 'application.approved-by', details: { party, comment: input.comment ?? '' } },
    caller.requestId,
  );

  const decided = await db
    .select({ party: applicationApprovals.party })
    .from(applicationApprovals)
    .where(eq(applicationApprovals.applicationId, applicationId));
  const approvedBy = new Set(decided.map((row) => row.party));
  if (!locked.plan.requiredApprovals.every((required) => approvedBy.has(required))) return;

  assertRegistrationValid(locked, caller.now);
  const reservations = await reserveShares(db, locked);
  await updateApplication(db, applicationId, { status: 'approved', approvedAt: caller.now });
  await recordAudit(
    db,
    caller.actor,
    { ...audit, action: 'application.commitments-reserved', details: { reservations } },
    caller.requestId,
  );
  await recordApplicationEvent(db, caller, locked, 'application.approved', {
    holdIds: reservations.map((reservation) => reservation.holdId),
  });
}

/**
 * 3x1-5: the club's registration (Toma de Nota) must be valid when the agreement is signed too, not
 * only at filing. Checked when the last approval would commit the money.
 */
function assertRegistrationValid(locked: Locked, now: Date): void {
  const registration = locked.application.fields.registration as { validTo?: string } | undefined;
  if (registration?.validTo && registration.validTo < utcDate(now)) {
    throw new CofundError(
      'registration-expired',
      422,
      `3x1-5: the applicant's registration expired on ${registration.validTo}; ` +
        'it must still be valid when the agreement is signed',
      [{ field: 'application.registration.validTo', message: `expired on ${registration.validTo}` }],
    );
  }
}

/** One hold per public share, on the party's pool, for the project's share account. */
async function reserveShares(db: Transaction, locked: Locked) {
  const { application, plan, programme } = locked;
  const pools = await lockProjectPools(db, locked);
  const reservations: Array<{ party: string; holdId: string; amount: string }> = [];
  for (const share of payingShares(plan).filter((s) => s.funding === 'budget')) {
    const target = await findAccountByCode(db, chart.share({ ...application, currency: plan.currency }, share.party));
    if (!target) throw new Error(`share account of ${share.party} missing for application ${application.id}`);
    try {
      const { hold } = await createHold(db, {
        idempotencyKey: `reservation:${application.id}:${share.party}`,
        accountId: pools.get(share.party)!.id,
        counterAccountId: target.id,
        amount: share.amount,
        memo: `${application.title}: ${share.party} share reserved`,
        metadata: { applicationId: application.id, party: share.party },
      });
      await db
        .insert(applicationReservations)
        .values({ applicationId: application.id, party: share.party, holdId: hold.id });
      reservations.push({ party: share.party, holdId: hold.id, amount: share.amount });
    } catch (error) {
      if (error instanceof InsufficientFundsError) {
        throw new ConflictError(
          'pool-insufficient',
          `the ${share.party} pool of ${programme.code} cannot cover its share of ${share.amount} ${plan.currency} ` +
            `(${error.available} available): nothing was reserved`,
          { party: share.party, available: error.available, needed: share.amount },
        );
      }
      throw error;
    }
  }
  return reservations;
}

export async function reservationsOf(db: Executor, applicationId: string) {
  return db.select().from(applicationReservations).where(eq(applicationReservations.applicationId, applicationId));
}
