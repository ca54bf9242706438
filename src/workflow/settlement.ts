import { and, eq } from 'drizzle-orm';
import { administers } from '../access';
import { recordAudit } from '../audit';
import type { Caller } from '../auth';
import type { Executor } from '../db';
import { applicationReservations, contributions, tranches } from '../db/schema';
import { ConflictError, CofundError, ForbiddenError } from '../errors';
import {
  type Account,
  type PostingInput,
  type Transaction,
  findAccountByCode,
  getHold,
  postEntry,
  voidHold,
} from '../ledger';
import { Decimal, ZERO, allocate, formatMoney, parseMoney, sum } from '../money';
import { budgetParties } from '../programmes/service';
import { accountsOf, chart, lookUpAccount, lookUpAccounts } from './chart';
import type { RuleCatalog } from '../rules';
import { addYears, utcDate } from '../rules/dates';
import { payingShares, recordApplicationEvent, requireStatus, updateApplication } from './application';
import { type Locked, lockApplication, lockProjectPools } from './locks';
import { requireCurrentDocuments } from './required-documents';

/** Settling is the programme's managers' business (see src/access): refunds, cancellation, closing, clawback. */
async function lockAsManager(
  db: Transaction,
  caller: Caller,
  rules: RuleCatalog,
  applicationId: string,
): Promise<Locked> {
  const locked = await lockApplication(db, caller, applicationId);
  if (!administers(caller.actor, locked, budgetParties(rules, locked.programme.ruleSet))) {
    throw new ForbiddenError(
      "only the programme's managers (programme_admin of its administrator, or of its public funders) " +
        'settle applications',
    );
  }
  return locked;
}

interface UnspentShare {
  party: string;
  funding: string;
  account: Account;
  amount: Decimal;
}

/** What each party has paid in or had released to the project and not yet paid out. */
async function unspent(db: Transaction, locked: Locked): Promise<UnspentShare[]> {
  const ref = { ...locked.application, currency: locked.plan.currency };
  const result: UnspentShare[] = [];
  for (const share of payingShares(locked.plan)) {
    const account = await findAccountByCode(db, chart.share(ref, share.party));
    if (account)
      result.push({ party: share.party, funding: share.funding, account, amount: new Decimal(account.balance) });
  }
  return result;
}

/**
 * Sends unspent money back where it came from, pro rata to what each party has unspent (largest
 * remainder): public money to its pool, own money and bank credit to their source. One entry.
 */
export async function returnUnspent(
  db: Transaction,
  caller: Caller,
  locked: Locked,
  amount: Decimal | undefined,
  reason: string,
) {
  const { plan, programme, application } = locked;
  const shares = (await unspent(db, locked)).filter((share) => !share.amount.isZero());
  const available = sum(shares.map((share) => share.amount));
  const total = amount ?? available;
  if (total.greaterThan(available)) {
    throw new CofundError(
      'exceeds-unspent',
      422,
      `only ${formatMoney(available, plan.currency)} ${plan.currency} is unspent`,
      [{ field: 'body.amount', message: `at most ${formatMoney(available, plan.currency)}` }],
    );
  }
  if (total.isZero()) return [];
  const parts = allocate(
    total,
    shares.map((share) => share.amount),
    plan.currency,
  );
  const postings: PostingInput[] = [];
  const refunded: Array<{ party: string; amount: string; to: string }> = [];
  // Programme accounts belong to the party's binding (none for the applicant party, which many applicants play).
  const destinations = await lookUpAccounts(
    db,
    shares.map((share) => {
      const owner = locked.parties.get(share.party) ?? null;
      return share.funding === 'budget'
        ? accountsOf.pool(programme, share.party, owner)
        : accountsOf.source(programme, share.party, plan.currency, owner);
    }),
  );
  for (const [index, share] of shares.entries()) {
    const part = parts[index]!;
    if (part.isZero()) continue;
    const destination = destinations[index]!;
    const text = formatMoney(part, plan.currency);
    // Debit either way: the pool (an asset) grows back; the source (money outside the books) shrinks.
    postings.push(
      { accountId: destination.id, side: 'debit', amount: text },
      { accountId: share.account.id, side: 'credit', amount: text },
    );
    refunded.push({ party: share.party, amount: text, to: destination.code });
  }
  const { entry } = await postEntry(db, {
    idempotencyKey: `refund:${crypto.randomUUID()}`,
    kind: 'refund',
    memo: `${application.title}: unspent money returned (${reason})`,
    metadata: { applicationId: application.id, reason },
    postings,
  });
  await recordApplicationEvent(db, caller, locked, 'refund.posted', { entryId: entry.id, refunded });
  return refunded;
}

/** Releases what the reservations still hold back into the pools (the caller has locked them). */
async function releaseReservations(db: Transaction, applicationId: string) {
  const reservations = await db
    .select()
    .from(applicationReservations)
    .where(eq(applicationReservations.applicationId, applicationId));
  const released = [];
  for (const reservation of reservations) {
    const hold = await getHold(db, reservation.holdId);
    if (hold.status !== 'pending') continue;
    await voidHold(db, hold.id);
    released.push({ party: reservation.party, amount: hold.remaining });
  }
  return released;
}

export async function refund(
  db: Transaction,
  caller: Caller,
  rules: RuleCatalog,
  applicationId: string,
  input: { amount?: unknown; reason: string },
) {
  const locked = await lockAsManager(db, caller, rules, applicationId);
  requireStatus(locked, ['filed', 'approved'], 'refund');
  const amount = input.amount === undefined ? undefined : parseMoney(input.amount, locked.plan.currency, 'body.amount');
  const refunded = await returnUnspent(db, caller, locked, amount, input.reason);
  if (refunded.length === 0) throw new ConflictError('nothing-to-refund', 'no money of this application is unspent');
  await updateApplication(db, applicationId, {});
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'application.refunded',
      resourceType: 'application',
      resourceId: applicationId,
      details: { reason: input.reason, refunded },
    },
    caller.requestId,
  );
  return refunded;
}

/**
 * Withdraws or drops an application (e.g. 3x1-7: funds not proven in time): every reservation is
 * released, unspent money goes back to its sources, a waiting tranche is rejected. The applicant may
 * withdraw its own application until it is approved; the programme's managers may cancel any.
 */
export async function cancel(
  db: Transaction,
  caller: Caller,
  rules: RuleCatalog,
  applicationId: string,
  input: { reason: string },
) {
  const locked = await lockApplication(db, caller, applicationId);
  const manages = administers(caller.actor, locked, budgetParties(rules, locked.programme.ruleSet));
  const withdraws =
    locked.isApplicant &&
    caller.actor.kind === 'key' &&
    caller.actor.role === 'applicant' &&
    locked.application.status === 'filed';
  if (!manages && !withdraws) {
    throw new ForbiddenError(
      "the programme's managers cancel applications; the applicant may only withdraw its own before approval",
    );
  }
  return cancelLocked(db, caller, locked, input.reason);
}

/** The caller's right checked, the cancellation itself: shared by `cancel` and a missed deadline's drop. */
async function cancelLocked(db: Transaction, caller: Caller, locked: Locked, reason: string) {
  const applicationId = locked.application.id;
  requireStatus(locked, ['filed', 'approved'], 'cancel');
  await lockProjectPools(db, locked);
  const released = await releaseReservations(db, applicationId);
  const refunded = await returnUnspent(db, caller, locked, undefined, `cancelled: ${reason}`);
  await rejectWaitingTranche(db, caller, locked, reason);
  await updateApplication(db, applicationId, {
    status: 'cancelled',
    outcome: { reason, released, refunded },
    endedAt: caller.now,
  });
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'application.cancelled',
      resourceType: 'application',
      resourceId: applicationId,
      details: { reason, released, refunded },
    },
    caller.requestId,
  );
  await recordApplicationEvent(db, caller, locked, 'application.cancelled', { reason });
  return { released, refunded };
}

/**
 * Drops a project because the rules say so (3x1-7: funds not proven in time), as the platform
 * itself: no person decides it, so no manager's key is asked for; the steps are cancellation's
 * (holds released, unspent money returned, a waiting tranche rejected). `caller` is the platform's
 * own (the deadline scanner), its clock the one that judged the deadline.
 */
export async function dropApplication(db: Transaction, caller: Caller, applicationId: string, reason: string) {
  const locked = await lockApplication(db, caller, applicationId);
  return cancelLocked(db, caller, locked, reason);
}

/**
 * Closes a finished project (3x1-9's handover): nothing may wait for a decision and every share
 * account must be at zero (disbursed or refunded); what the reservations still hold -- the project
 * came in under budget -- goes back to the pools. `coming`: the document types a closing form will
 * bring (its preview counts them as there; the post records them before closing).
 */
export async function close(
  db: Transaction,
  caller: Caller,
  rules: RuleCatalog,
  applicationId: string,
  input: { reason?: string | undefined },
  coming: ReadonlySet<string> = new Set(),
) {
  const locked = await lockAsManager(db, caller, rules, applicationId);
  requireStatus(locked, ['approved'], 'close');
  if (locked.programme.requireDocuments) await requireCurrentDocuments(db, applicationId, locked.plan, 'close', coming);
  const waiting = await db
    .select({ id: tranches.id })
    .from(tranches)
    .where(and(eq(tranches.applicationId, applicationId), eq(tranches.status, 'requested')));
  if (waiting.length > 0) throw new ConflictError('tranche-pending', 'a tranche is still waiting for its approvals');
  const left = (await unspent(db, locked)).filter((share) => !share.amount.isZero());
  if (left.length > 0) {
    const held = left.map((s) => `${s.party} ${formatMoney(s.amount, locked.plan.currency)}`).join(', ');
    throw new ConflictError(
      'accounts-not-zero',
      `the project still holds money: ${held}; disburse or refund it before closing`,
      { accounts: left.map((s) => ({ party: s.party, account: s.account.code, balance: s.account.balance })) },
    );
  }
  await lockProjectPools(db, locked);
  const released = await releaseReservations(db, applicationId);
  await updateApplication(db, applicationId, {
    status: 'closed',
    outcome: { reason: input.reason ?? 'completed', released },
    endedAt: caller.now,
  });
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'application.closed',
      resourceType: 'application',
      resourceId: applicationId,
      details: { reason: input.reason ?? 'completed', released },
    },
    caller.requestId,
  );
  await recordApplicationEvent(db, caller, locked, 'application.closed', { reason: input.reason ?? 'completed' });
  return { released };
}

/**
 * M-6: the grant is repaid in full if the investor disinvests within the clawback period, counted
 * from the day the investor's equity was fully paid in ("released"). What was paid out of the
 * grant goes back to its pool and what is still reserved for it is released.
 */
export async function clawback(
  db: Transaction,
  caller: Caller,
  rules: RuleCatalog,
  applicationId: string,
  input: { reason: string },
) {
  const locked = await lockAsManager(db, caller, rules, applicationId);
  requireStatus(locked, ['approved', 'closed'], 'claw back');
  const { plan, programme, application } = locked;
  const terms = plan.clawback;
  if (!terms)
    throw new ConflictError('no-clawback', `the rules of ${plan.ruleSet} ${plan.ruleVersion} provide no clawback`);
  const released = await equityReleasedOn(db, locked);
  if (!released)
    throw new ConflictError(
      'equity-not-released',
      `${terms.rule}: the clawback period starts when the investor's equity is fully paid in, which it is not`,
    );
  const until = addYears(released, terms.years);
  if (utcDate(caller.now) > until) {
    throw new ConflictError(
      'clawback-window-closed',
      `${terms.rule}: the clawback period ended on ${until} (${terms.years} years from ${released})`,
    );
  }
  await lockProjectPools(db, locked);
  const ref = { ...application, currency: plan.currency };
  const disbursed = await findAccountByCode(db, chart.disbursed(ref, terms.party));
  const amount = new Decimal(disbursed?.balance ?? 0);
  const releasedHolds = (await releaseReservations(db, applicationId)).filter((r) => r.party === terms.party);
  if (amount.isZero() && releasedHolds.length === 0)
    throw new ConflictError('nothing-to-claw-back', `nothing of the ${terms.party} share was paid out or reserved`);
  let entryId: string | null = null;
  if (!amount.isZero()) {
    const pool = await lookUpAccount(
      db,
      accountsOf.pool(programme, terms.party, locked.parties.get(terms.party) ?? null),
    );
    const text = formatMoney(amount, plan.currency);
    ({
      entry: { id: entryId },
    } = await postEntry(db, {
      idempotencyKey: `clawback:${application.id}`,
      kind: 'clawback',
      memo: `${application.title}: ${terms.party} clawed back (${terms.rule}): ${input.reason}`,
      metadata: { applicationId: application.id, rule: terms.rule, reason: input.reason },
      postings: [
        { accountId: pool.id, side: 'debit', amount: text },
        { accountId: disbursed!.id, side: 'credit', amount: text },
      ],
    }));
  }
  // Without the clawed-back share the plan cannot be paid: a waiting tranche is rejected, and no
  // other may be asked for.
  await rejectWaitingTranche(db, caller, locked, input.reason);
  const outcome = {
    rule: terms.rule,
    party: terms.party,
    recovered: formatMoney(amount, plan.currency),
    releasedHolds,
    reason: input.reason,
    entryId,
  };
  await updateApplication(db, applicationId, { outcome: { ...(application.outcome ?? {}), clawback: outcome } });
  await recordAudit(
    db,
    caller.actor,
    { action: 'application.clawed-back', resourceType: 'application', resourceId: applicationId, details: outcome },
    caller.requestId,
  );
  await recordApplicationEvent(db, caller, locked, 'application.clawed-back', {
    rule: terms.rule,
    party: terms.party,
    recovered: outcome.recovered,
    entryId,
  });
  return outcome;
}

/** Ends the tranche waiting for its approvals, if one is: the project it would pay no longer pays it. */
async function rejectWaitingTranche(db: Transaction, caller: Caller, locked: Locked, reason: string) {
  const rejected = await db
    .update(tranches)
    .set({ status: 'rejected', decidedAt: caller.now })
    .where(and(eq(tranches.applicationId, locked.application.id), eq(tranches.status, 'requested')))
    .returning({ id: tranches.id });
  for (const { id } of rejected)
    await recordApplicationEvent(db, caller, locked, 'tranche.rejected', { trancheId: id, reason });
}

/** The day the party the clawback protects against (the investor) had paid in its whole share. */
export async function equityReleasedOn(
  db: Executor,
  locked: Pick<Locked, 'application' | 'plan'>,
): Promise<string | undefined> {
  const investor = locked.plan.shares.find((share) => share.applicant);
  if (!investor) return undefined;
  const paid = await db
    .select({ amount: contributions.amount, at: contributions.createdAt })
    .from(contributions)
    .where(and(eq(contributions.applicationId, locked.application.id), eq(contributions.party, investor.party)))
    .orderBy(contributions.createdAt);
  let total = ZERO;
  for (const payment of paid) {
    total = total.plus(payment.amount);
    if (total.greaterThanOrEqualTo(investor.amount)) return utcDate(payment.at);
  }
  return undefined;
}
