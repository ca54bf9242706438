import { sql } from 'drizzle-orm';
import { type ApplicationAccess, applicationAccess } from '../access';
import type { Caller } from '../auth';
import type { Executor } from '../db';
import { CofundError, ConflictError, NotFoundError } from '../errors';
import { type Account, type Transaction, lockAccounts } from '../ledger';
import type { Plan } from '../rules';
import { payingShares } from './application';
import { accountsOf, lookUpAccounts } from './chart';

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
  const pools = await lookUpAccounts(
    db,
    budgetShares.map((share) => accountsOf.pool(locked.programme, share.party, locked.parties.get(share.party)!)),
  );
  await lockAccounts(
    db,
    pools.map((pool) => pool.id),
  );
  return new Map(budgetShares.map((share, index) => [share.party, pools[index]!]));
}
