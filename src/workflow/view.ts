import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { applicationAccess } from '../access';
import { type Caller, readsEverything } from '../auth';
import { type Executor, type Position, olderThan } from '../db';
import {
  applicationApprovals,
  applications,
  chartAccounts,
  ledgerAccounts,
  programmeParties,
  programmes,
} from '../db/schema';
import { NotFoundError } from '../errors';
import { type Account, getHolds, toAccount } from '../ledger';
import { Decimal, ZERO, formatMoney } from '../money';
import { chart } from './chart';
import { tranchesOf } from './tranches';
import { reservationsOf } from './approvals';
import { type ApplicationRow, organisationOf, payingShares } from './application';
import { contributionsOf } from './contributions';
import type { Plan } from '../rules';

/** Everything about an application its parties may see: the filing, the plan, each decision and each party's money. */
export async function applicationView(db: Executor, caller: Caller, applicationId: string) {
  // Side by side, the access check with them: two rounds of reads (the holds and bank proofs wait
  // for the reservations and contributions). What a caller may not see is read and dropped, never
  // answered.
  const [access, approvals, holds, paid, trancheList, accounts] = await Promise.all([
    applicationAccess(db, caller.actor, applicationId),
    db
      .select()
      .from(applicationApprovals)
      .where(eq(applicationApprovals.applicationId, applicationId))
      .orderBy(applicationApprovals.createdAt),
    reservedHolds(db, applicationId),
    contributionsOf(db, applicationId),
    tranchesOf(db, applicationId),
    applicationAccounts(db, applicationId),
  ]);
  if (!access) throw new NotFoundError('application', applicationId);
  const { application } = access;
  const plan = application.plan as unknown as Plan;
  const byCode = new Map(accounts.map((account) => [account.code, account]));
  const ref = { ...application, currency: plan.currency };
  const funding = payingShares(plan).map((share) => {
    const contributed = paid.filter((c) => c.party === share.party).reduce((total, c) => total.plus(c.amount), ZERO);
    const hold = holds.find((h) => h.party === share.party)?.hold;
    return {
      party: share.party,
      funding: share.funding,
      organisation: organisationOf(access, share.party) ?? null,
      share: share.amount,
      reserved: hold?.remaining ?? formatMoney(ZERO, plan.currency),
      contributed: formatMoney(contributed, plan.currency),
      /** Received by the project, not yet paid out. */
      held: byCode.get(chart.share(ref, share.party))?.balance ?? formatMoney(ZERO, plan.currency),
      disbursed: byCode.get(chart.disbursed(ref, share.party))?.balance ?? formatMoney(ZERO, plan.currency),
    };
  });
  return {
    application,
    plan,
    approvals,
    reservations: holds.map(({ party, hold }) => ({
      party,
      holdId: hold.id,
      amount: hold.amount,
      captured: hold.captured,
      remaining: hold.remaining,
      status: hold.status,
    })),
    contributions: paid,
    tranches: trancheList,
    funding,
    disbursed: formatMoney(
      funding.reduce((total, f) => total.plus(f.disbursed), new Decimal(0)),
      plan.currency,
    ),
  };
}

/** Each reservation's hold, read in one query. */
async function reservedHolds(db: Executor, applicationId: string) {
  const reservations = await reservationsOf(db, applicationId);
  const holds = await getHolds(
    db,
    reservations.map((reservation) => reservation.holdId),
  );
  return reservations.map((reservation) => {
    const hold = holds.get(reservation.holdId);
    if (!hold) throw new Error(`the hold ${reservation.holdId} of a reservation is missing`);
    return { party: reservation.party, hold };
  });
}

/** The project's ledger accounts: each party's share and what was paid out of it. */
export async function applicationAccounts(db: Executor, applicationId: string): Promise<Account[]> {
  const rows = await db
    .select({ account: ledgerAccounts })
    .from(chartAccounts)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, chartAccounts.accountId))
    .where(eq(chartAccounts.applicationId, applicationId))
    .orderBy(ledgerAccounts.code);
  return rows.map((row) => toAccount(row.account));
}

export async function requireApplicationAccounts(db: Executor, caller: Caller, applicationId: string) {
  if (!(await applicationAccess(db, caller.actor, applicationId)))
    throw new NotFoundError('application', applicationId);
  return applicationAccounts(db, applicationId);
}

/**
 * The applications the caller may see, newest first: all for auditors; otherwise its own and those
 * of programmes it plays in or runs.
 */
export async function listApplications(
  db: Executor,
  caller: Caller,
  filter: { programmeId?: string | undefined; status?: ApplicationRow['status'] | undefined },
  limit: number,
  after?: Position,
): Promise<ApplicationRow[]> {
  const actor = caller.actor;
  const visible =
    actor.kind === 'admin' || readsEverything(actor)
      ? undefined
      : or(
          eq(applications.applicantId, actor.organisationId),
          inArray(
            applications.programmeId,
            db
              .select({ id: programmeParties.programmeId })
              .from(programmeParties)
              .where(
                and(eq(programmeParties.organisationId, actor.organisationId), eq(programmeParties.status, 'accepted')),
              ),
          ),
          inArray(
            applications.programmeId,
            db
              .select({ id: programmes.id })
              .from(programmes)
              .where(eq(programmes.administratorId, actor.organisationId)),
          ),
        );
  return db
    .select()
    .from(applications)
    .where(
      and(
        visible,
        filter.programmeId ? eq(applications.programmeId, filter.programmeId) : undefined,
        filter.status ? eq(applications.status, filter.status) : undefined,
        olderThan(applications.createdAt, applications.id, after),
      ),
    )
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .limit(limit + 1);
}
