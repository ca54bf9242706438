import { and, desc, eq, inArray } from 'drizzle-orm';
import { type PartyBinding, programmeAccess, type ProgrammeAccess } from '../access';
import { recordAudit } from '../audit';
import { programmeAudience, recordEvent } from '../events';
import { ADMINISTRATOR_KINDS, type Caller, type KeyActor, type OrganisationKind, requireRole } from '../auth';
import { type Executor, type Position, olderThan } from '../db';
import { organisations, programmeParties, programmes } from '../db/schema';
import { ConflictError, ForbiddenError, type FieldError, NotFoundError, ValidationError } from '../errors';
import { type Account, accountAfter, postEntry } from '../ledger';
import { formatMoney, parseMoney } from '../money';
import type { RuleCatalog, RuleFileData } from '../rules';
import { accountsOf, lookUpAccounts, openAccounts, programmeWithPartyAccounts } from '../workflow/chart';
import { claimCode } from './codes';

export type Programme = typeof programmes.$inferSelect;
type PartyData = RuleFileData['parties'][string];

/** Every party any version of the rule set names (a later version may add parties). */
export function ruleSetParties(rules: RuleCatalog, ruleSetId: string): Map<string, PartyData> {
  const parties = new Map<string, PartyData>();
  for (const version of rules.get(ruleSetId).versions) {
    for (const [name, party] of Object.entries(version.parties)) parties.set(name, party);
  }
  return parties;
}

export const budgetParties = (rules: RuleCatalog, ruleSetId: string) =>
  [...ruleSetParties(rules, ruleSetId)].filter(([, party]) => party.funding === 'budget').map(([name]) => name);

export interface NewProgramme {
  code: string;
  name: string;
  ruleSet: string;
  currency: string;
  /** party -> organisation id invited to play it, for every party but the applicant (who is whoever files). */
  parties: Record<string, string>;
  administrator?: string | undefined;
  /** Days a decision may wait before its party is reminded (src/deadlines); 10 when not given. */
  approvalReminderDays?: number | undefined;
  /** Refuse steps whose required papers are missing (default: the checklist only advises). */
  requireDocuments?: boolean | undefined;
}

/**
 * Opens a programme: one rule set, the organisations invited to play its parties, a pool and a
 * source account for each public (budget) party once it is bound. The administrator creates any
 * (under a code not reserved for another organisation); a programme_admin key creates programmes
 * its own organisation administers, under a code reserved for it (./codes). A party the caller's
 * own organisation is named for is bound at once; every other is an invitation, bound only when
 * that organisation accepts (./parties).
 */
export async function createProgramme(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  input: NewProgramme,
): Promise<Programme> {
  const actor = caller.actor;
  requireRole(actor, ['programme_admin'], { admin: true });
  const errors: FieldError[] = [];
  const ruleSet = rules.list().find((version) => version.id === input.ruleSet);
  if (!ruleSet)
    errors.push({ field: 'body.ruleSet', message: `no rule set "${input.ruleSet}" is loaded (see GET /v1/rule-sets)` });
  else if (!rules.get(input.ruleSet).versions.some((version) => version.currency === input.currency)) {
    errors.push({
      field: 'body.currency',
      message: `rule set ${input.ruleSet} is in ${ruleSet.currency}, not ${input.currency}`,
    });
  }
  let administrator = input.administrator ?? null;
  if (actor.kind === 'key') {
    if (administrator !== null && administrator !== actor.organisationId) {
      errors.push({
        field: 'body.administrator',
        message: 'a programme_admin key creates programmes of its own organisation',
      });
    }
    administrator = actor.organisationId;
  }
  if (errors.length > 0 || !ruleSet) throw new ValidationError('The programme is invalid; see errors.', errors);

  const parties = ruleSetParties(rules, input.ruleSet);
  const organisationIds = [...new Set([...Object.values(input.parties), ...(administrator ? [administrator] : [])])];
  const kinds = await organisationKinds(db, organisationIds);
  for (const [party, organisationId] of Object.entries(input.parties)) {
    const field = `body.parties.${party}`;
    const definition = parties.get(party);
    if (!definition)
      errors.push({
        field,
        message: `${input.ruleSet} has no party "${party}" (it has ${[...parties.keys()].join(', ')})`,
      });
    else if (definition.applicant)
      errors.push({ field, message: `${party} is the applicant: whoever files an application plays it` });
    else if (kinds.get(organisationId) !== definition.role)
      errors.push({ field, message: unknownOrganisation(organisationId, [definition.role]) });
  }
  for (const [party, definition] of parties) {
    if (!definition.applicant && !(party in input.parties)) {
      errors.push({ field: `body.parties.${party}`, message: `${party} (${definition.name}) needs an organisation` });
    }
  }
  if (administrator && !ADMINISTRATOR_KINDS.includes(kinds.get(administrator)!))
    errors.push({ field: 'body.administrator', message: unknownOrganisation(administrator, ADMINISTRATOR_KINDS) });
  if (errors.length > 0) throw new ValidationError('The programme is invalid; see errors.', errors);
  await claimCode(db, actor, input.code, administrator);

  const [programme] = await db
    .insert(programmes)
    .values({
      code: input.code,
      name: input.name,
      ruleSet: input.ruleSet,
      currency: input.currency,
      administratorId: administrator,
      ...(input.approvalReminderDays !== undefined ? { approvalReminderDays: input.approvalReminderDays } : {}),
      requireDocuments: input.requireDocuments ?? false,
    })
    .onConflictDoNothing({ target: programmes.code })
    .returning();
  if (!programme) throw new ConflictError('programme-exists', `a programme with code ${input.code} already exists`);
  const own = actor.kind === 'key' ? actor : undefined;
  const bindings = await db
    .insert(programmeParties)
    .values(
      Object.entries(input.parties).map(([party, organisationId]) =>
        own?.organisationId === organisationId
          ? { programmeId: programme.id, party, organisationId, ...accepted(own, caller.now) }
          : { programmeId: programme.id, party, organisationId },
      ),
    )
    .returning();
  await recordAudit(
    db,
    actor,
    {
      action: 'programme.created',
      resourceType: 'programme',
      resourceId: programme.id,
      details: { ...input, administrator, invited: bindings.filter((b) => b.status === 'invited').map((b) => b.party) },
    },
    caller.requestId,
  );
  for (const binding of bindings.filter((b) => b.status === 'accepted'))
    await partyBound(db, caller, rules, programme, binding.party, { by: 'creator' });
  return programme;
}

/** The columns of a binding its organisation accepts, with this key, now. */
export const accepted = (key: KeyActor, now: Date) => ({
  status: 'accepted' as const,
  decidedAt: now,
  decidedByKey: key.keyId,
});

/**
 * One message whether the organisation does not exist, is not visible to the caller, or is of
 * another kind: a programme_admin key must not learn which organisations exist (the 404 policy).
 */
export const unknownOrganisation = (organisationId: string, kinds: readonly string[]) =>
  `no organisation ${organisationId} of kind ${kinds.join(', ')} (unknown, or of another kind)`;

export async function organisationKinds(db: Executor, ids: string[]): Promise<Map<string, OrganisationKind>> {
  const found = ids.length
    ? await db
        .select({ id: organisations.id, kind: organisations.kind })
        .from(organisations)
        .where(inArray(organisations.id, ids))
    : [];
  return new Map(found.map((o) => [o.id, o.kind]));
}

/**
 * After the caller's organisation has bound itself to `party`: opens the party's pool and source
 * (budget parties), owned by that organisation, and audits the acceptance.
 */
export async function partyBound(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  programme: Programme,
  party: string,
  details: Record<string, unknown>,
): Promise<void> {
  const organisationId = (caller.actor as KeyActor).organisationId;
  if (budgetParties(rules, programme.ruleSet).includes(party)) {
    await openAccounts(db, [
      accountsOf.pool(programme, party, organisationId),
      accountsOf.source(programme, party, programme.currency, organisationId),
    ]);
  }
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'programme.party-accepted',
      resourceType: 'programme',
      resourceId: programme.id,
      details: { party, organisationId, ...details },
    },
    caller.requestId,
  );
}

/** Parties still waiting for their organisation (invited or declined): the programme is not open until none is. */
export const unboundParties = (access: Pick<ProgrammeAccess, 'bindings'>) =>
  access.bindings.filter((binding) => binding.status !== 'accepted');

/** Refuses what needs every party bound (filing an application) while an invitation is unanswered. */
export function requireOpen(access: ProgrammeAccess, doing: string): void {
  const waiting = unboundParties(access);
  if (waiting.length === 0) return;
  throw new ConflictError(
    'parties-not-accepted',
    `cannot ${doing}: programme ${access.programme.code} is not open until every party's organisation has accepted ` +
      `(${waiting.map((b) => `${b.party}: ${b.status}`).join(', ')})`,
    { parties: waiting.map((b) => ({ party: b.party, status: b.status })) },
  );
}

export async function requireProgramme(db: Executor, caller: Caller, programmeId: string): Promise<ProgrammeAccess> {
  const access = await programmeAccess(db, caller.actor, programmeId);
  if (!access) throw new NotFoundError('programme', programmeId);
  return access;
}

/**
 * Funds a public party's pool for the programme: one balanced entry, pool <- source. Allowed to the
 * programme_admin keys of the organisation that accepted to play that party, and to no one else.
 */
export async function fundBudget(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  programmeId: string,
  input: { party: string; amount: unknown; memo?: string | undefined },
): Promise<{ entryId: string; party: string; amount: string; pool: Account }> {
  requireRole(caller.actor, ['programme_admin']);
  const reads = await programmeWithPartyAccounts(db, caller.actor, programmeId, input.party);
  if (!reads) throw new NotFoundError('programme', programmeId);
  const { access } = reads;
  const { programme } = access;
  const budget = budgetParties(rules, programme.ruleSet);
  if (!budget.includes(input.party)) {
    throw ValidationError.field(
      'body.party',
      `${input.party} is not a public (budget) party of ${programme.ruleSet}: ${budget.join(', ')}`,
    );
  }
  // Whose money it is must stay true: no money moves in the name of a party its organisation has not
  // accepted, and a pool is funded by that organisation only -- never by an administrator or another
  // funder, whoever manages the programme.
  const owner = access.parties.get(input.party);
  if (owner === undefined) {
    const binding = access.bindings.find((b) => b.party === input.party);
    throw new ConflictError(
      'party-not-accepted',
      `the ${input.party} party of ${programme.code} is ${binding?.status ?? 'not invited'}: ` +
        'no money moves in its name until its organisation accepts to play it',
      { party: input.party, status: binding?.status ?? null },
    );
  }
  if (caller.actor.kind !== 'key' || caller.actor.organisationId !== owner) {
    throw new ForbiddenError(`only the organisation playing ${input.party} funds its pool`);
  }
  const amount = parseMoney(input.amount, programme.currency, 'body.amount');
  const [pool, source] =
    reads.pool && reads.source
      ? [reads.pool, reads.source]
      : await lookUpAccounts(db, [
          accountsOf.pool(programme, input.party, owner),
          accountsOf.source(programme, input.party, programme.currency, owner),
        ]);
  const booked = await postEntry(db, {
    idempotencyKey: `budget:${crypto.randomUUID()}`,
    kind: 'budget',
    memo: input.memo ?? `${programme.name}: budget from ${input.party}`,
    metadata: { programmeId, party: input.party },
    postings: [
      { accountId: pool.id, side: 'debit', amount: formatMoney(amount, programme.currency) },
      { accountId: source.id, side: 'credit', amount: formatMoney(amount, programme.currency) },
    ],
  });
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'programme.budget-funded',
      resourceType: 'programme',
      resourceId: programmeId,
      details: { party: input.party, amount: formatMoney(amount, programme.currency), entryId: booked.entry.id },
    },
    caller.requestId,
  );
  await recordEvent(db, {
    type: 'budget.funded',
    occurredAt: caller.now,
    organisationIds: programmeAudience(access),
    payload: {
      programmeId,
      party: input.party,
      amount: formatMoney(amount, programme.currency),
      currency: programme.currency,
      entryId: booked.entry.id,
      poolAccountId: pool.id,
    },
  });
  return {
    entryId: booked.entry.id,
    party: input.party,
    amount: formatMoney(amount, programme.currency),
    pool: await accountAfter(db, pool, booked),
  };
}

export interface ProgrammeView {
  programme: Programme;
  bindings: PartyBinding[];
  /** Pool accounts of the public parties: only for those who see the programme's books. */
  pools: Array<Account & { party: string }> | null;
}

/** Programmes are public to every authenticated key (to know where to apply); their books are not. */
export async function getProgramme(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  programmeId: string,
): Promise<ProgrammeView> {
  const access = await requireProgramme(db, caller, programmeId);
  // A pool exists once its party is bound: an invited organisation has no account in this programme yet.
  const bound = budgetParties(rules, access.programme.ruleSet).filter((party) => access.parties.has(party));
  const pools = access.seesBooks
    ? (
        await lookUpAccounts(
          db,
          bound.map((party) => accountsOf.pool(access.programme, party, access.parties.get(party)!)),
        )
      ).map((pool, index) => ({ ...pool, party: bound[index]! }))
    : null;
  return { programme: access.programme, bindings: access.bindings, pools };
}

/**
 * Programmes, newest first; `awaitingOrganisation`: only those with an invitation that organisation
 * has not answered (how an invited ministry finds what it is asked to play).
 */
export async function listProgrammes(db: Executor, limit: number, after?: Position, awaitingOrganisation?: string) {
  const awaiting =
    awaitingOrganisation === undefined
      ? undefined
      : inArray(
          programmes.id,
          db
            .select({ id: programmeParties.programmeId })
            .from(programmeParties)
            .where(
              and(eq(programmeParties.organisationId, awaitingOrganisation), eq(programmeParties.status, 'invited')),
            ),
        );
  const rows = await db
    .select()
    .from(programmes)
    .where(and(olderThan(programmes.createdAt, programmes.id, after), awaiting))
    .orderBy(desc(programmes.createdAt), desc(programmes.id))
    .limit(limit + 1);
  const bindings = rows.length
    ? await db
        .select()
        .from(programmeParties)
        .where(
          inArray(
            programmeParties.programmeId,
            rows.map((row) => row.id),
          ),
        )
    : [];
  return rows.map((programme) => ({ programme, bindings: bindings.filter((b) => b.programmeId === programme.id) }));
}

export async function programmeByCode(db: Executor, code: string): Promise<Programme | undefined> {
  const [programme] = await db.select().from(programmes).where(eq(programmes.code, code));
  return programme;
}
