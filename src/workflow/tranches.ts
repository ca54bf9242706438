import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { applicationAccess } from '../access';
import { recordAudit } from '../audit';
import { type Caller, requireRole } from '../auth';
import type { Executor } from '../db';
import { applicationReservations, trancheApprovals, tranches } from '../db/schema';
import { CofundError, ConflictError, ForbiddenError, NotFoundError } from '../errors';
import {
  InsufficientFundsError,
  type PostingInput,
  type Transaction,
  captureHold,
  findAccountByCode,
  postEntry,
} from '../ledger';
import { Decimal, ZERO, allocate, formatMoney, parseMoney, sum } from '../money';
import { chart } from './chart';
import { partiesOfCaller, payingShares, recordApplicationEvent, requireStatus, updateApplication } from './application';
import { type Locked, lockApplication, lockProjectPools } from './locks';
import { requireProofs } from './contributions';
import { type EvidenceItem, citeTrancheEvidence } from './required-documents';

export type Tranche = typeof tranches.$inferSelect;

export interface TrancheRequest {
  amount: unknown;
  milestone: string;
  /** The proof: documents of the application by id, or (as before they were stored) file names, URIs, SHA-256s. */
  evidence: EvidenceItem[];
}

/**
 * The applicant asks for a disbursement against a milestone. It may not exceed what is left of
 * the project, nor run ahead of the plan's schedule (tranche n releases at most the plan's first n
 * tranches together). One request at a time: the next waits until this one is decided.
 */
export async function requestTranche(
  db: Transaction,
  caller: Caller,
  applicationId: string,
  input: TrancheRequest,
): Promise<Tranche> {
  requireRole(caller.actor, ['applicant']);
  const locked = await lockApplication(db, caller, applicationId);
  if (!locked.isApplicant) throw new ForbiddenError('only the applicant asks for disbursements');
  requireStatus(locked, ['approved'], 'ask for a tranche');
  const { plan } = locked;
  const clawedBack = (locked.application.outcome as { clawback?: { rule: string; party: string } } | null)?.clawback;
  if (clawedBack) {
    throw new ConflictError(
      'clawed-back',
      `${clawedBack.rule}: the ${clawedBack.party} share was clawed back; ` +
        'this plan pays no further tranche (refund and close the project)',
    );
  }
  const amount = parseMoney(input.amount, plan.currency, 'body.amount');
  const earlier = await db
    .select()
    .from(tranches)
    .where(and(eq(tranches.applicationId, applicationId), ne(tranches.status, 'rejected')))
    .orderBy(asc(tranches.sequence));
  if (earlier.some((tranche) => tranche.status === 'requested')) {
    throw new ConflictError('tranche-pending', 'a tranche is already waiting for its approvals; decide it first');
  }
  const committed = sum(earlier.map((tranche) => new Decimal(tranche.amount)));
  const fundable = sum(payingShares(plan).map((share) => new Decimal(share.amount)));
  const left = fundable.minus(committed);
  if (amount.greaterThan(left)) {
    throw new CofundError(
      'exceeds-remaining',
      422,
      `only ${formatMoney(left, plan.currency)} ${plan.currency} of the project is left to disburse`,
      [{ field: 'body.amount', message: `at most ${formatMoney(left, plan.currency)}` }],
    );
  }
  const index = earlier.length;
  const schedule = plan.tranches.slice(0, index + 1);
  const allowed =
    index + 1 >= plan.tranches.length ? fundable : sum(schedule.map((tranche) => new Decimal(tranche.amount)));
  if (committed.plus(amount).greaterThan(allowed)) {
    const current = plan.tranches[Math.min(index, plan.tranches.length - 1)]!;
    throw new CofundError(
      'ahead-of-schedule',
      422,
      `${current.rule}: tranches 1 to ${index + 1} release at most ${formatMoney(allowed, plan.currency)} ` +
        `${plan.currency} together; ${formatMoney(committed, plan.currency)} is already asked for`,
      [{ field: 'body.amount', message: `at most ${formatMoney(allowed.minus(committed), plan.currency)}` }],
    );
  }
  const scheduled = plan.tranches[Math.min(index, plan.tranches.length - 1)]!;
  const evidence = await citeTrancheEvidence(
    db,
    applicationId,
    plan,
    input.evidence,
    index + 1,
    locked.programme.requireDocuments,
  );
  const sequence = (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(tranches)
      .where(eq(tranches.applicationId, applicationId))
  )[0]!.n;
  const [tranche] = await db
    .insert(tranches)
    .values({
      applicationId,
      sequence,
      amount: formatMoney(amount, plan.currency),
      milestone: input.milestone,
      evidence,
      approvers: scheduled.approvers,
      requestedBy: caller.actor.kind === 'key' ? caller.actor.keyId : null,
      // Asked for now, by the clock that later judges how long it has waited for its approvers.
      createdAt: caller.now,
    })
    .returning();
  await updateApplication(db, applicationId, {});
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'tranche.requested',
      resourceType: 'tranche',
      resourceId: tranche!.id,
      details: { applicationId, amount: tranche!.amount, milestone: input.milestone, evidence },
    },
    caller.requestId,
  );
  await recordApplicationEvent(db, caller, locked, 'tranche.requested', {
    trancheId: tranche!.id,
    amount: tranche!.amount,
  });
  return tranche!;
}

/** The tranche and its (locked) application, if the caller may see them. */
async function lockTranche(
  db: Transaction,
  caller: Caller,
  trancheId: string,
): Promise<{ tranche: Tranche; locked: Locked }> {
  const [unlocked] = await db
    .select({ applicationId: tranches.applicationId })
    .from(tranches)
    .where(eq(tranches.id, trancheId));
  if (!unlocked) throw new NotFoundError('tranche', trancheId);
  const locked = await lockApplication(db, caller, unlocked.applicationId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('tranche', trancheId) : error;
  });
  const [tranche] = await db.select().from(tranches).where(eq(tranches.id, trancheId)).for('update');
  return { tranche: tranche!, locked };
}

/**
 * An approver the rules name for this tranche decides. A rejection ends the request. The last
 * approval posts it, in the same transaction: each paying party's part, in proportion to what it
 * still has to pay (largest remainder, so no cent is lost or made across tranches), moves to the
 * project -- public parts from their reservation holds -- and out to the executing body.
 */
export async function decideTranche(
  db: Transaction,
  caller: Caller,
  trancheId: string,
  input: { decision: 'approve' | 'reject'; comment?: string | undefined; party?: string | undefined },
) {
  requireRole(caller.actor, ['approver']);
  const { tranche, locked } = await lockTranche(db, caller, trancheId);
  if (tranche.status !== 'requested')
    throw new ConflictError('tranche-decided', `tranche ${trancheId} is already ${tranche.status}`);
  requireStatus(locked, ['approved'], 'decide on a tranche');
  const { party, actor } = partiesOfCaller(caller, locked, tranche.approvers, input.party);
  const [inserted] = await db
    .insert(trancheApprovals)
    .values({
      trancheId,
      party,
      organisationId: actor.organisationId,
      apiKeyId: actor.keyId,
      decision: input.decision,
      comment: input.comment ?? '',
    })
    .onConflictDoNothing()
    .returning();
  if (!inserted) throw new ConflictError('already-decided', `${party} has already decided on this tranche`);
  const audit = { resourceType: 'tranche', resourceId: trancheId };
  await recordApplicationEvent(db, caller, locked, 'approval.recorded', {
    approvalId: inserted.id,
    trancheId,
    party,
    decision: input.decision,
  });

  if (input.decision === 'reject') {
    await db.update(tranches).set({ status: 'rejected', decidedAt: caller.now }).where(eq(tranches.id, trancheId));
    await updateApplication(db, locked.application.id, {});
    await recordAudit(
      db,
      actor,
      { ...audit, action: 'tranche.rejected', details: { party, comment: input.comment ?? '' } },
      caller.requestId,
    );
    await recordApplicationEvent(db, caller, locked, 'tranche.rejected', { trancheId, rejectedBy: party });
    return;
  }
  await recordAudit(db, actor, { ...audit, action: 'tranche.approved-by', details: { party } }, caller.requestId);
  const decided = await db
    .select({ party: trancheApprovals.party })
    .from(trancheApprovals)
    .where(eq(trancheApprovals.trancheId, trancheId));
  const approvedBy = new Set(decided.map((row) => row.party));
  if (!tranche.approvers.every((approver) => approvedBy.has(approver))) return;

  // The last approval pays out: money the rules want proven must be proven by then.
  await requireProofs(db, locked, 'tranche');
  await recordApplicationEvent(db, caller, locked, 'tranche.approved', { trancheId });
  const parts = await postTranche(db, locked, tranche);
  await db.update(tranches).set({ status: 'posted', parts, decidedAt: caller.now }).where(eq(tranches.id, trancheId));
  await updateApplication(db, locked.application.id, {});
  await recordAudit(db, actor, { ...audit, action: 'tranche.posted', details: { parts } }, caller.requestId);
  await recordApplicationEvent(db, caller, locked, 'tranche.posted', { trancheId, parts });
}

async function postTranche(db: Transaction, locked: Locked, tranche: Tranche) {
  const { application, plan } = locked;
  const ref = { ...application, currency: plan.currency };
  const shares = payingShares(plan);
  const posted = await db
    .select({ parts: tranches.parts })
    .from(tranches)
    .where(and(eq(tranches.applicationId, application.id), eq(tranches.status, 'posted')));
  const paidOut = new Map<string, Decimal>();
  for (const { parts } of posted)
    for (const part of parts ?? []) paidOut.set(part.party, (paidOut.get(part.party) ?? ZERO).plus(part.amount));
  const remaining = shares.map((share) => new Decimal(share.amount).minus(paidOut.get(share.party) ?? ZERO));
  const amounts = allocate(new Decimal(tranche.amount), remaining, plan.currency);
  const parts = shares
    .map((share, index) => ({ party: share.party, funding: share.funding, amount: amounts[index]! }))
    .filter((part) => !part.amount.isZero());

  await lockProjectPools(db, locked);
  const holds = new Map(
    (
      await db.select().from(applicationReservations).where(eq(applicationReservations.applicationId, application.id))
    ).map((r) => [r.party, r.holdId]),
  );
  for (const part of parts.filter((p) => p.funding === 'budget')) {
    await captureHold(db, holds.get(part.party)!, {
      idempotencyKey: `tranche:${tranche.id}:${part.party}`,
      amount: formatMoney(part.amount, plan.currency),
      kind: 'tranche-funding',
      memo: `${application.title}: tranche ${tranche.sequence + 1}, ${part.party} part`,
      metadata: { applicationId: application.id, trancheId: tranche.id, party: part.party },
    });
  }
  const postings: PostingInput[] = [];
  const partyOfShare = new Map<string, string>();
  for (const part of parts) {
    const share = await findAccountByCode(db, chart.share(ref, part.party));
    const disbursed = await findAccountByCode(db, chart.disbursed(ref, part.party));
    partyOfShare.set(share!.id, part.party);
    const amount = formatMoney(part.amount, plan.currency);
    postings.push(
      { accountId: disbursed!.id, side: 'debit', amount },
      { accountId: share!.id, side: 'credit', amount },
    );
  }
  try {
    await postEntry(db, {
      idempotencyKey: `tranche:${tranche.id}:disbursement`,
      kind: 'disbursement',
      memo: `${application.title}: tranche ${tranche.sequence + 1} paid out (${tranche.milestone})`,
      metadata: { applicationId: application.id, trancheId: tranche.id },
      postings,
    });
  } catch (error) {
    if (error instanceof InsufficientFundsError) {
      const party = partyOfShare.get(error.accountId);
      const part = parts.find((p) => p.party === party);
      throw new ConflictError(
        'contribution-missing',
        `${party} has ${error.available} ${plan.currency} paid in and not yet disbursed; ` +
          `this tranche needs ${part ? formatMoney(part.amount, plan.currency) : error.requested} from it. ` +
          'Record its contribution first.',
        { party, available: error.available },
      );
    }
    throw error;
  }
  return parts.map((part) => ({ party: part.party, amount: formatMoney(part.amount, plan.currency) }));
}

/** One tranche with its approvals, if the caller may see its application. */
export async function getTranche(db: Executor, caller: Caller, trancheId: string) {
  const [row] = await db
    .select({ applicationId: tranches.applicationId })
    .from(tranches)
    .where(eq(tranches.id, trancheId));
  if (!row || !(await applicationAccess(db, caller.actor, row.applicationId)))
    throw new NotFoundError('tranche', trancheId);
  return (await tranchesOf(db, row.applicationId)).find(({ tranche }) => tranche.id === trancheId)!;
}

export async function tranchesOf(db: Executor, applicationId: string) {
  const rows = await db
    .select({ tranche: tranches, approval: trancheApprovals })
    .from(tranches)
    .leftJoin(trancheApprovals, eq(trancheApprovals.trancheId, tranches.id))
    .where(eq(tranches.applicationId, applicationId))
    .orderBy(asc(tranches.sequence), asc(trancheApprovals.createdAt));
  const byTranche = new Map<
    string,
    { tranche: typeof tranches.$inferSelect; approvals: Array<typeof trancheApprovals.$inferSelect> }
  >();
  for (const { tranche, approval } of rows) {
    const entry = byTranche.get(tranche.id) ?? { tranche, approvals: [] };
    if (approval) entry.approvals.push(approval);
    byTranche.set(tranche.id, entry);
  }
  return [...byTranche.values()];
}
