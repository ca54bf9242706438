import { eq, sql } from 'drizzle-orm';
import { type ApplicationAccess, applicationAccess } from '../access';
import type { Caller, KeyActor } from '../auth';
import type { Executor } from '../db';
import { applications } from '../db/schema';
import { CofundError, ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { type Account, type Transaction, lockAccounts } from '../ledger';
import { poolAccount } from '../programmes/chart';
import type { Plan, PlanShare } from '../rules';

export type ApplicationRow = typeof applications.$inferSelect;
export type ApplicationStatus = ApplicationRow['status'];

export interface Locked extends ApplicationAccess {
  plan: Plan;
}

/**
 * Locks the application row for the rest of the transaction (every change to an application and
 * its money goes through here first, so two approvers racing are served one after the other) and
 * checks the caller may see it.
 */
export async function lockApplication(db: Executor, caller: Caller, applicationId: string): Promise<Locked> {
  await db.execute(sql`SELECT 1 FROM applications WHERE id = ${applicationId}::uuid FOR UPDATE`);
  const access = await applicationAccess(db, caller.actor, applicationId);
  if (!access) throw new NotFoundError('application', applicationId);
  return { ...access, plan: access.application.plan as unknown as Plan };
}

/**
 * Optimistic concurrency for clients: acting on the version they saw (If-Match). A client that
 * approved from a stale screen is told the application changed, instead of deciding on what it no
 * longer is.
 */
export async function assertVersion(
  db: Executor,
  caller: Caller,
  applicationId: string,
  expected: number,
): Promise<void> {
  const locked = await lockApplication(db, caller, applicationId);
  if (locked.application.version !== expected) {
    throw new CofundError(
      'version-mismatch',
      412,
      `the application is at version ${locked.application.version}, not ${expected}: reload it and decide again`,
      [],
      {
        currentVersion: locked.application.version,
      },
    );
  }
}

export function requireStatus(locked: Locked, allowed: readonly ApplicationStatus[], doing: string): void {
  const status = locked.application.status;
  if (!allowed.includes(status)) {
    throw new ConflictError(
      'wrong-status',
      `cannot ${doing}: the application is ${status} (needs ${allowed.join(' or ')})`,
      { applicationStatus: status },
    );
  }
}

/**
 * Locks every pool the project draws on, in id order, before any hold of it is touched: approving
 * (reserving), posting tranches, cancelling and closing all touch several pools, and doing it in
 * one order everywhere means two such steps on projects sharing pools queue instead of deadlocking.
 */
export async function lockProjectPools(db: Transaction, locked: Locked): Promise<Map<string, Account>> {
  const budgetShares = payingShares(locked.plan).filter((share) => share.funding === 'budget');
  // Filing needs every party bound and a binding never goes, so this holds; it is the last line
  // before money moves out of a pool, so it is checked here too.
  const unbound = budgetShares.find((share) => !locked.parties.has(share.party));
  if (unbound) {
    throw new ConflictError(
      'party-not-accepted',
      `no money moves in the name of ${unbound.party}: its organisation has not accepted to play it`,
      { party: unbound.party },
    );
  }
  const pools = await Promise.all(
    budgetShares.map((share) => poolAccount(db, locked.programme, share.party, locked.parties.get(share.party)!)),
  );
  await lockAccounts(
    db,
    pools.map((pool) => pool.id),
  );
  return new Map(budgetShares.map((share, index) => [share.party, pools[index]!]));
}

/** Records a state change: bumps the version clients can compare. */
export async function updateApplication(
  db: Executor,
  applicationId: string,
  patch: Partial<Pick<ApplicationRow, 'status' | 'approvedAt' | 'outcome' | 'endedAt'>>,
) {
  await db
    .update(applications)
    .set({ ...patch, version: sql`${applications.version} + 1` })
    .where(eq(applications.id, applicationId));
}

/** The organisation playing a party of this application: the applicant, or the programme's binding. */
export function organisationOf(locked: Pick<Locked, 'application' | 'parties'>, party: string): string | undefined {
  return party === locked.application.applicantParty ? locked.application.applicantId : locked.parties.get(party);
}

export function shareOf(plan: Plan, party: string): PlanShare | undefined {
  return plan.shares.find((share) => share.party === party);
}

/** Parties with money in the plan. */
export const payingShares = (plan: Plan) =>
  plan.shares.filter((share) => share.amount !== '0' && !/^0(\.0+)?$/.test(share.amount));

/**
 * Which of `parties` the caller's organisation may act for. Maker-checker: the applicant's
 * organisation never decides on its own project, whatever else it plays.
 */
export function partiesOfCaller(
  caller: Caller,
  locked: Locked,
  parties: readonly string[],
  requested: string | undefined,
): { party: string; actor: KeyActor } {
  const actor = caller.actor;
  if (actor.kind !== 'key')
    throw new ForbiddenError('decisions are taken by the approvers of the parties, not the administrator');
  if (locked.isApplicant) throw new ForbiddenError('maker-checker: the applicant cannot decide on its own application');
  const mine = parties.filter((party) => organisationOf(locked, party) === actor.organisationId);
  if (mine.length === 0) {
    throw new ForbiddenError(`your organisation decides for none of the parties asked here (${parties.join(', ')})`);
  }
  if (requested !== undefined) {
    if (!mine.includes(requested))
      throw new ForbiddenError(
        `your organisation does not decide for ${requested} here (it decides for ${mine.join(', ')})`,
      );
    return { party: requested, actor };
  }
  if (mine.length > 1) {
    throw new CofundError(
      'party-required',
      422,
      `your organisation plays ${mine.join(' and ')}: say which one decides`,
      [{ field: 'body.party', message: `one of ${mine.join(', ')}` }],
    );
  }
  return { party: mine[0]!, actor };
}
