/**
 * Who plays a programme's parties. The programme's creator names an organisation for each party:
 * an invitation. Only that organisation binds itself, with one of its own programme_admin keys, by
 * accepting (or by having opened the programme itself); until then no money moves in the party's
 * name and the programme takes no applications. It may decline instead; the programme's manager
 * may then invite another. Every step is audited, and an accepted binding never changes (a trigger
 * refuses it).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { PartyBinding } from '../access';
import { recordAudit } from '../audit';
import { type Caller, type KeyActor, requireRole } from '../auth';
import type { Executor } from '../db';
import { programmeParties } from '../db/schema';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import type { RuleCatalog } from '../rules';
import {
  type ProgrammeView,
  accepted,
  getProgramme,
  organisationKinds,
  partyBound,
  requireProgramme,
  ruleSetParties,
  unknownOrganisation,
} from './service';

/** Locks the binding of `party` (404-free: programmes are public), refusing a party the rule set does not have. */
async function lockBinding(db: Executor, caller: Caller, rules: RuleCatalog, programmeId: string, party: string) {
  const access = await requireProgramme(db, caller, programmeId);
  await db.execute(
    sql`SELECT 1 FROM programme_parties WHERE programme_id = ${programmeId}::uuid AND party = ${party} FOR UPDATE`,
  );
  const [binding] = await db
    .select()
    .from(programmeParties)
    .where(and(eq(programmeParties.programmeId, programmeId), eq(programmeParties.party, party)));
  if (!binding) {
    const invited = access.bindings.map((b) => b.party).join(', ');
    throw ValidationError.field('path.party', `not a party of ${access.programme.code} (its parties: ${invited})`);
  }
  return { access, binding };
}

/** The invited organisation's programme_admin key, answering its own invitation. */
function requireInvitee(caller: Caller, binding: PartyBinding): KeyActor {
  requireRole(caller.actor, ['programme_admin']);
  const actor = caller.actor as KeyActor;
  if (actor.organisationId !== binding.organisationId) {
    throw new ForbiddenError(`the invitation to play ${binding.party} is addressed to another organisation`);
  }
  if (binding.status !== 'invited') {
    throw new ConflictError(
      binding.status === 'accepted' ? 'party-already-accepted' : 'invitation-declined',
      binding.status === 'accepted'
        ? `your organisation already plays ${binding.party}`
        : `your organisation declined to play ${binding.party}; the programme's manager may invite again`,
      { party: binding.party, status: binding.status },
    );
  }
  return actor;
}

const audit = (programmeId: string, action: string, details: Record<string, unknown>) => ({
  action,
  resourceType: 'programme',
  resourceId: programmeId,
  details,
});

/** The invited organisation accepts: the party is bound to it, and its pool and source open, owned by it. */
export async function acceptParty(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  programmeId: string,
  party: string,
  input: { comment?: string | undefined },
): Promise<ProgrammeView> {
  const { access, binding } = await lockBinding(db, caller, rules, programmeId, party);
  const actor = requireInvitee(caller, binding);
  await db
    .update(programmeParties)
    .set(accepted(actor, caller.now))
    .where(and(eq(programmeParties.programmeId, programmeId), eq(programmeParties.party, party)));
  await partyBound(db, caller, rules, access.programme, party, { by: 'invitee', comment: input.comment ?? '' });
  return getProgramme(db, caller, rules, programmeId);
}

/** The invited organisation declines: nothing is bound; the programme waits for a new invitation. */
export async function declineParty(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  programmeId: string,
  party: string,
  input: { reason: string },
): Promise<ProgrammeView> {
  const { binding } = await lockBinding(db, caller, rules, programmeId, party);
  const actor = requireInvitee(caller, binding);
  await db
    .update(programmeParties)
    .set({ status: 'declined', decidedAt: caller.now, decidedByKey: actor.keyId })
    .where(and(eq(programmeParties.programmeId, programmeId), eq(programmeParties.party, party)));
  const details = { party, organisationId: actor.organisationId, reason: input.reason };
  await recordAudit(db, actor, audit(programmeId, 'programme.party-declined', details), caller.requestId);
  return getProgramme(db, caller, rules, programmeId);
}

/**
 * The programme's manager (the platform administrator, or a programme_admin key of its
 * administrator) invites an organisation to a party that is not bound yet: a new invitation replaces
 * an unanswered or declined one. Its own organisation is bound at once.
 */
export async function inviteParty(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  programmeId: string,
  party: string,
  input: { organisationId: string },
): Promise<ProgrammeView> {
  requireRole(caller.actor, ['programme_admin'], { admin: true });
  const { access, binding } = await lockBinding(db, caller, rules, programmeId, party);
  const manages =
    caller.actor.kind === 'admin' ||
    (access.programme.administratorId !== null && access.programme.administratorId === caller.actor.organisationId);
  if (!manages)
    throw new ForbiddenError(`only the platform administrator or ${access.programme.code}'s administrator invites`);
  if (binding.status === 'accepted') {
    throw new ConflictError('party-bound', `${party} is bound to the organisation that accepted it; it never changes`, {
      party,
      status: binding.status,
    });
  }
  const role = ruleSetParties(rules, access.programme.ruleSet).get(party)!.role;
  const kinds = await organisationKinds(db, [input.organisationId]);
  if (kinds.get(input.organisationId) !== role)
    throw ValidationError.field('body.organisationId', unknownOrganisation(input.organisationId, [role]));
  const own = caller.actor.kind === 'key' && caller.actor.organisationId === input.organisationId;
  await db
    .update(programmeParties)
    .set({
      organisationId: input.organisationId,
      invitedAt: caller.now,
      ...(own
        ? accepted(caller.actor as KeyActor, caller.now)
        : { status: 'invited' as const, decidedAt: null, decidedByKey: null }),
    })
    .where(and(eq(programmeParties.programmeId, programmeId), eq(programmeParties.party, party)));
  const details = { party, organisationId: input.organisationId, replaces: binding.organisationId };
  await recordAudit(db, caller.actor, audit(programmeId, 'programme.party-invited', details), caller.requestId);
  if (own) await partyBound(db, caller, rules, access.programme, party, { by: 'creator' });
  return getProgramme(db, caller, rules, programmeId);
}
