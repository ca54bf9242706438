/**
 * Who may see and act on what: one place for the object-level rules every route applies.
 *
 * - The platform administrator and auditors see everything (auditors write nothing).
 * - A programme is managed by the programme_admin keys of its administrator organisation; when it
 *   has none, by those of the organisations that fund its public pools.
 * - An application is visible to its applicant, to the organisations bound to its programme's
 *   parties (an invitation not yet accepted binds nothing), and to the programme's administrator.
 *   Anyone else gets 404, never 403: existence is
 *   not disclosed.
 * - A ledger account is visible to its owner organisation and to whoever may see its application
 *   or programme, as the chart of accounts records them (chart_accounts): the ledger itself knows
 *   no owners. An account outside the chart is the administrator's and auditors' only.
 */
import { type SQL, and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { type Actor, readsEverything } from '../auth';
import type { Executor } from '../db';
import { applications, chartAccounts, programmeParties, programmes } from '../db/schema';

export type PartyBinding = typeof programmeParties.$inferSelect;

export interface ProgrammeAccess {
  programme: typeof programmes.$inferSelect;
  /** party -> organisation id, for the parties their organisations accepted: only these act and pay. */
  parties: Map<string, string>;
  /** Every party's invitation or binding, accepted or not. */
  bindings: PartyBinding[];
  /** The parties the caller's organisation plays in this programme. */
  callerParties: string[];
  /** May see the programme's books (pools, applications). */
  seesBooks: boolean;
}

export async function programmeAccess(
  db: Executor,
  actor: Actor,
  programmeId: string,
): Promise<ProgrammeAccess | undefined> {
  const rows = await db
    .select({ programme: programmes, binding: programmeParties })
    .from(programmes)
    .leftJoin(programmeParties, eq(programmeParties.programmeId, programmes.id))
    .where(eq(programmes.id, programmeId));
  return rows[0] && accessOf(actor, rows[0].programme, bindingsOf(rows));
}

/** The bindings of a programme read joined to it (one row per binding, or one with none). */
const bindingsOf = (rows: Array<{ binding: PartyBinding | null }>) =>
  rows.flatMap(({ binding }) => (binding ? [binding] : []));

/** The caller's relation to a programme whose bindings were read with it, by a read joining more. */
export function accessOf(
  actor: Actor,
  programme: ProgrammeAccess['programme'],
  bindings: PartyBinding[],
): ProgrammeAccess {
  const accepted = bindings.filter((binding) => binding.status === 'accepted');
  const parties = new Map(accepted.map((binding) => [binding.party, binding.organisationId]));
  const organisationId = actor.kind === 'key' ? actor.organisationId : undefined;
  const callerParties = accepted
    .filter((binding) => binding.organisationId === organisationId)
    .map((binding) => binding.party);
  const seesBooks =
    readsEverything(actor) ||
    callerParties.length > 0 ||
    (organisationId !== undefined && programme.administratorId === organisationId);
  return { programme, parties, bindings, callerParties, seesBooks };
}

/** Whether a programme_admin key of this organisation manages the programme (see the module note). */
export function administers(actor: Actor, access: ProgrammeAccess, budgetParties: readonly string[]): boolean {
  if (actor.kind !== 'key' || actor.role !== 'programme_admin') return false;
  if (access.programme.administratorId) return access.programme.administratorId === actor.organisationId;
  return budgetParties.some((party) => access.parties.get(party) === actor.organisationId);
}

export interface ApplicationAccess extends ProgrammeAccess {
  application: typeof applications.$inferSelect;
  isApplicant: boolean;
}

/** The application and the caller's relation to it, or undefined when it does not exist or is not visible. */
export async function applicationAccess(
  db: Executor,
  actor: Actor,
  applicationId: string,
): Promise<ApplicationAccess | undefined> {
  const rows = await db
    .select({ application: applications, programme: programmes, binding: programmeParties })
    .from(applications)
    .innerJoin(programmes, eq(programmes.id, applications.programmeId))
    .leftJoin(programmeParties, eq(programmeParties.programmeId, programmes.id))
    .where(eq(applications.id, applicationId));
  if (!rows[0]) return undefined;
  const { application, programme } = rows[0];
  const access = accessOf(actor, programme, bindingsOf(rows));
  const isApplicant = actor.kind === 'key' && actor.organisationId === application.applicantId;
  if (!access.seesBooks && !isApplicant) return undefined;
  return { ...access, application, isApplicant };
}

/** Whom a ledger account serves, as the chart of accounts records it. */
export type AccountOwnership = Pick<
  typeof chartAccounts.$inferSelect,
  'ownerOrganisationId' | 'programmeId' | 'applicationId'
>;

/** The chart's record of the account; undefined for an account outside the chart. */
export async function accountOwnership(db: Executor, accountId: string): Promise<AccountOwnership | undefined> {
  const [row] = await db
    .select({
      ownerOrganisationId: chartAccounts.ownerOrganisationId,
      programmeId: chartAccounts.programmeId,
      applicationId: chartAccounts.applicationId,
    })
    .from(chartAccounts)
    .where(eq(chartAccounts.accountId, accountId));
  return row;
}

/** Whether the caller may read a ledger account the chart records so (undefined: outside the chart). */
export async function seesAccount(
  db: Executor,
  actor: Actor,
  ownership: AccountOwnership | undefined,
): Promise<boolean> {
  if (readsEverything(actor)) return true;
  if (actor.kind !== 'key' || !ownership) return false;
  if (ownership.ownerOrganisationId === actor.organisationId) return true;
  if (ownership.applicationId) return (await applicationAccess(db, actor, ownership.applicationId)) !== undefined;
  return (await programmeAccess(db, actor, ownership.programmeId))?.seesBooks ?? false;
}

/**
 * The rule of `seesAccount` as one SQL condition on `chart_accounts`, for lists: undefined when the
 * caller sees every account.
 */
export function accountsSeenBy(db: Executor, actor: Actor): SQL | undefined {
  if (readsEverything(actor)) return undefined;
  if (actor.kind !== 'key') return sql`false`;
  const booksSeen = or(
    inArray(
      programmes.id,
      db
        .select({ id: programmeParties.programmeId })
        .from(programmeParties)
        .where(and(eq(programmeParties.organisationId, actor.organisationId), eq(programmeParties.status, 'accepted'))),
    ),
    eq(programmes.administratorId, actor.organisationId),
  );
  const programmesSeen = db.select({ id: programmes.id }).from(programmes).where(booksSeen);
  const applicationsSeen = db
    .select({ id: applications.id })
    .from(applications)
    .where(or(eq(applications.applicantId, actor.organisationId), inArray(applications.programmeId, programmesSeen)));
  return or(
    eq(chartAccounts.ownerOrganisationId, actor.organisationId),
    inArray(chartAccounts.applicationId, applicationsSeen),
    and(isNull(chartAccounts.applicationId), inArray(chartAccounts.programmeId, programmesSeen)),
  );
}
