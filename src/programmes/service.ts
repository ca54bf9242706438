import { desc, eq, inArray } from 'drizzle-orm';
import { administers, programmeAccess, type ProgrammeAccess } from '../access';
import { recordAudit } from '../audit';
import { type Caller, type OrganisationKind, requireRole } from '../auth';
import { type Executor, type Position, olderThan } from '../db';
import { organisations, programmeParties, programmes } from '../db/schema';
import { ConflictError, ForbiddenError, type FieldError, NotFoundError, ValidationError } from '../errors';
import { type Account, getAccount, postEntry } from '../ledger';
import { formatMoney, parseMoney } from '../money';
import type { RuleCatalog, RuleFileData } from '../rules';
import { poolAccount, sourceAccount } from './chart';

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
  /** party -> organisation id, for every party but the applicant (who is whoever files). */
  parties: Record<string, string>;
  administrator?: string | undefined;
}

/**
 * Opens a programme: one rule set, the organisations playing its parties, a pool and a source
 * account for each public (budget) party. The administrator creates any; a programme_admin key
 * creates programmes its own organisation administers.
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
  const found = organisationIds.length
    ? await db
        .select({ id: organisations.id, kind: organisations.kind })
        .from(organisations)
        .where(inArray(organisations.id, organisationIds))
    : [];
  const kinds = new Map<string, OrganisationKind>(found.map((o) => [o.id, o.kind]));
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
    else if (!kinds.has(organisationId)) errors.push({ field, message: `no organisation ${organisationId}` });
    else if (kinds.get(organisationId) !== definition.role) {
      errors.push({
        field,
        message: `${party} must be played by a ${definition.role}, not a ${kinds.get(organisationId)}`,
      });
    }
  }
  for (const [party, definition] of parties) {
    if (!definition.applicant && !(party in input.parties)) {
      errors.push({ field: `body.parties.${party}`, message: `${party} (${definition.name}) needs an organisation` });
    }
  }
  if (administrator && !kinds.has(administrator))
    errors.push({ field: 'body.administrator', message: `no organisation ${administrator}` });
  if (errors.length > 0) throw new ValidationError('The programme is invalid; see errors.', errors);

  const [programme] = await db
    .insert(programmes)
    .values({
      code: input.code,
      name: input.name,
      ruleSet: input.ruleSet,
      currency: input.currency,
      administratorId: administrator,
    })
    .onConflictDoNothing({ target: programmes.code })
    .returning();
  if (!programme) throw new ConflictError('programme-exists', `a programme with code ${input.code} already exists`);
  await db.insert(programmeParties).values(
    Object.entries(input.parties).map(([party, organisationId]) => ({
      programmeId: programme.id,
      party,
      organisationId,
    })),
  );
  for (const party of budgetParties(rules, input.ruleSet)) {
    const owner = input.parties[party] ?? null;
    await poolAccount(db, programme, party, owner);
    await sourceAccount(db, programme, party, programme.currency, owner);
  }
  await recordAudit(
    db,
    actor,
    { action: 'programme.created', resourceType: 'programme', resourceId: programme.id, details: { ...input } },
    caller.requestId,
  );
  return programme;
}

export async function requireProgramme(db: Executor, caller: Caller, programmeId: string): Promise<ProgrammeAccess> {
  const access = await programmeAccess(db, caller.actor, programmeId);
  if (!access) throw new NotFoundError('programme', programmeId);
  return access;
}

/**
 * Funds a public party's pool for the programme: one balanced entry, pool <- source. Allowed to the
 * programme_admin keys of the organisation playing that party, or of the programme's administrator.
 */
export async function fundBudget(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  programmeId: string,
  input: { party: string; amount: unknown; memo?: string | undefined },
): Promise<{ entryId: string; party: string; amount: string; pool: Account }> {
  requireRole(caller.actor, ['programme_admin']);
  const access = await requireProgramme(db, caller, programmeId);
  const { programme } = access;
  const budget = budgetParties(rules, programme.ruleSet);
  if (!budget.includes(input.party)) {
    throw ValidationError.field(
      'body.party',
      `${input.party} is not a public (budget) party of ${programme.ruleSet}: ${budget.join(', ')}`,
    );
  }
  // Whose money it is must stay true: a pool is funded by its own party, or by a named administrator
  // (never by another funder, even where the funders manage the programme together).
  const playsParty = caller.actor.kind === 'key' && access.parties.get(input.party) === caller.actor.organisationId;
  const namedAdministrator = access.programme.administratorId !== null && administers(caller.actor, access, budget);
  if (!playsParty && !namedAdministrator) {
    throw new ForbiddenError(
      `only the organisation playing ${input.party}, or the programme's administrator, funds its pool`,
    );
  }
  const amount = parseMoney(input.amount, programme.currency, 'body.amount');
  const owner = access.parties.get(input.party) ?? null;
  const pool = await poolAccount(db, programme, input.party, owner);
  const source = await sourceAccount(db, programme, input.party, programme.currency, owner);
  const { entry } = await postEntry(db, {
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
      details: { party: input.party, amount: formatMoney(amount, programme.currency), entryId: entry.id },
    },
    caller.requestId,
  );
  return {
    entryId: entry.id,
    party: input.party,
    amount: formatMoney(amount, programme.currency),
    pool: await getAccount(db, pool.id),
  };
}

export interface ProgrammeView {
  programme: Programme;
  parties: Record<string, string>;
  /** Pool accounts of the public parties: only for those who see the programme's books. */
  pools: Account[] | null;
}

/** Programmes are public to every authenticated key (to know where to apply); their books are not. */
export async function getProgramme(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  programmeId: string,
): Promise<ProgrammeView> {
  const access = await requireProgramme(db, caller, programmeId);
  const pools = access.seesBooks
    ? await Promise.all(
        budgetParties(rules, access.programme.ruleSet).map((party) =>
          poolAccount(db, access.programme, party, access.parties.get(party) ?? null),
        ),
      )
    : null;
  return { programme: access.programme, parties: Object.fromEntries(access.parties), pools };
}

export async function listProgrammes(db: Executor, limit: number, after?: Position) {
  const rows = await db
    .select()
    .from(programmes)
    .where(olderThan(programmes.createdAt, programmes.id, after))
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
  return rows.map((programme) => ({
    programme,
    parties: Object.fromEntries(
      bindings.filter((b) => b.programmeId === programme.id).map((b) => [b.party, b.organisationId]),
    ),
  }));
}

export async function programmeByCode(db: Executor, code: string): Promise<Programme | undefined> {
  const [programme] = await db.select().from(programmes).where(eq(programmes.code, code));
  return programme;
}
