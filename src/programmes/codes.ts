/**
 * Programme codes. A code names a programme's ledger accounts, statements and decision letters
 * ("programme:3x1-zac-2026:federal:pool"), so it is global and means one programme to every reader.
 * Namespacing it per administrator would still let a squatter show the same words under its own
 * name, and would change every account code; instead the platform administrator, who already vets
 * the organisations, reserves a code for an organisation, and only that organisation's
 * programme_admin keys open a programme under it. The administrator may open a programme under any
 * code not reserved for another organisation.
 */
import { asc, eq } from 'drizzle-orm';
import { ADMINISTRATOR_KINDS, type Actor, type Caller, requireAdmin } from '../auth';
import { recordAudit } from '../audit';
import type { Executor } from '../db';
import { programmeCodes, programmes } from '../db/schema';
import { CofundError, ConflictError, ValidationError } from '../errors';
import { getOrganisation } from '../organisations/service';

export type ProgrammeCode = typeof programmeCodes.$inferSelect & { programmeId: string | null };

export async function reserveCode(
  db: Executor,
  caller: Caller,
  organisationId: string,
  code: string,
): Promise<ProgrammeCode> {
  requireAdmin(caller.actor);
  const organisation = await getOrganisation(db, caller, organisationId);
  if (!ADMINISTRATOR_KINDS.includes(organisation.kind)) {
    throw ValidationError.field(
      'path.id',
      `a ${organisation.kind} cannot administer programmes (${ADMINISTRATOR_KINDS.join(', ')} can)`,
    );
  }
  const [taken] = await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.code, code));
  if (taken) throw new ConflictError('programme-exists', `a programme with code ${code} already exists`);
  const [reserved] = await db
    .insert(programmeCodes)
    .values({ code, organisationId })
    .onConflictDoNothing({ target: programmeCodes.code })
    .returning();
  if (!reserved) throw new ConflictError('code-reserved', `programme code ${code} is already reserved`);
  await recordAudit(
    db,
    caller.actor,
    { action: 'programme-code.reserved', resourceType: 'organisation', resourceId: organisationId, details: { code } },
    caller.requestId,
  );
  return { ...reserved, programmeId: null };
}

/** The codes reserved for an organisation: for the administrator, auditors and the organisation itself. */
export async function listCodes(db: Executor, caller: Caller, organisationId: string): Promise<ProgrammeCode[]> {
  await getOrganisation(db, caller, organisationId);
  return db
    .select({
      code: programmeCodes.code,
      organisationId: programmeCodes.organisationId,
      reservedAt: programmeCodes.reservedAt,
      programmeId: programmes.id,
    })
    .from(programmeCodes)
    .leftJoin(programmes, eq(programmes.code, programmeCodes.code))
    .where(eq(programmeCodes.organisationId, organisationId))
    .orderBy(asc(programmeCodes.code));
}

/**
 * Whether `actor` may open a programme administered by `administrator` under `code`: a key needs the
 * code reserved for its organisation; the administrator needs it free or reserved for `administrator`.
 */
export async function claimCode(db: Executor, actor: Actor, code: string, administrator: string | null) {
  const [reservation] = await db.select().from(programmeCodes).where(eq(programmeCodes.code, code));
  if (actor.kind === 'key') {
    if (reservation?.organisationId !== actor.organisationId) {
      throw new CofundError(
        'code-not-reserved',
        403,
        `programme code ${code} is not reserved for your organisation: ` +
          'the platform administrator reserves codes (POST /v1/organisations/{id}/programme-codes)',
        [{ field: 'body.code', message: 'not reserved for your organisation' }],
      );
    }
    return;
  }
  if (reservation && reservation.organisationId !== administrator) {
    throw new ConflictError(
      'code-reserved',
      `programme code ${code} is reserved for organisation ${reservation.organisationId}: ` +
        'name it as the administrator, or choose another code',
    );
  }
}
