import { eq, sql } from 'drizzle-orm';
import type { ProgrammeAccess } from '../access';
import type { Caller, KeyActor } from '../auth';
import type { Executor } from '../db';
import { applications } from '../db/schema';
import { CofundError, ConflictError, ForbiddenError } from '../errors';
import { type EventType, applicationAudience, recordEvent } from '../events';
import type { Plan, PlanShare } from '../rules';
import type { Locked } from './locks';

export type ApplicationRow = typeof applications.$inferSelect;
export type ApplicationStatus = ApplicationRow['status'];

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

/**
 * The domain event of a step on an application, in the step's transaction, seen by whoever may see
 * the application; the payload names the application and what the step adds.
 */
export function recordApplicationEvent(
  db: Executor,
  caller: Caller,
  access: Pick<ProgrammeAccess, 'programme' | 'parties'> & { application: ApplicationRow },
  type: EventType,
  payload: Record<string, unknown> = {},
) {
  return recordEvent(db, {
    type,
    occurredAt: caller.now,
    organisationIds: applicationAudience(access),
    payload: { applicationId: access.application.id, ...payload },
  });
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
