import { recordAudit } from '../audit';
import { nfcJson } from '../input';
import type { ProgrammeAccess } from '../access';
import { type Caller, type OrganisationKind, requireRole } from '../auth';
import type { Executor } from '../db';
import { applications } from '../db/schema';
import { ForbiddenError, ValidationError } from '../errors';
import { accountsOf, lookUpAccounts, openAccounts } from './chart';
import { requireOpen, requireProgramme, ruleSetParties, unboundParties } from '../programmes/service';
import type { RuleCatalog } from '../rules';
import { whatIfPlan } from '../rule-sets/service';
import { organisationOf, payingShares, recordApplicationEvent } from './application';
import { requireTypes } from './required-documents';

/** How far ahead of the server's clock a filing date may be (clock skew), never more. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

/** The party that applies under a rule set, and the kind of organisation that plays it. */
export function applicantPartyOf(rules: RuleCatalog, ruleSet: string) {
  const [party, definition] = [...ruleSetParties(rules, ruleSet)].find(([, found]) => found.applicant) ?? [];
  if (!party || !definition) throw new Error(`rule set ${ruleSet} has no applicant party`);
  return { party, role: definition.role };
}

/**
 * Whether an organisation of this kind may file to the programme now (what `fileApplication`
 * checks before the rules): every party's organisation has accepted, and it is the applicant's kind.
 */
export const takesApplicationsFrom = (
  rules: RuleCatalog,
  access: Pick<ProgrammeAccess, 'programme' | 'bindings'>,
  kind: OrganisationKind,
) => unboundParties(access).length === 0 && applicantPartyOf(rules, access.programme.ruleSet).role === kind;

/**
 * Who may file here: an applicant key of an organisation that can see the programme, while it is
 * open. Settled before a filing's papers are read (the multipart filing), and again by the filing.
 */
export async function authorizeFiling(db: Executor, caller: Caller, programmeId: string) {
  const actor = caller.actor;
  requireRole(actor, ['applicant']);
  if (actor.kind !== 'key') throw new ForbiddenError('applications are filed by applicant keys');
  const access = await requireProgramme(db, caller, programmeId);
  requireOpen(access, 'file an application');
  return { actor, access };
}

/**
 * Files an application: the rules of the version in force at its filing date decide eligibility
 * and the plan (exactly the what-if plan of POST /v1/rule-sets/{id}/plan); the plan, with the rule
 * version and the rule file's hash, is stored with the application and never changes. An ineligible
 * application is refused with every failed rule.
 * The project's ledger accounts (each party's share and what is paid out of it) open now.
 * `papers` are the types of the documents sent with the filing (the multipart filing records them in
 * the same transaction): where the programme requires documents, the papers the rules require to
 * file must be among them.
 */
export async function fileApplication(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  programmeId: string,
  body: Record<string, unknown>,
  papers: ReadonlySet<string> = new Set(),
) {
  const { actor, access } = await authorizeFiling(db, caller, programmeId);
  const { programme } = access;

  const applicant = applicantPartyOf(rules, programme.ruleSet);
  if (applicant.role !== actor.organisationKind) {
    throw new ForbiddenError(
      `${programme.ruleSet} applications are filed by a ${applicant.role} (${applicant.party}); ` +
        `your organisation is a ${actor.organisationKind}`,
    );
  }
  if (typeof body.title !== 'string' || body.title.trim() === '') {
    throw ValidationError.field('body.title', 'required: the project as the association names it');
  }
  if (body.currency !== undefined && body.currency !== programme.currency) {
    throw ValidationError.field('body.currency', `${programme.code} runs in ${programme.currency}`);
  }
  if (typeof body.filedAt === 'string' && Date.parse(body.filedAt) > caller.now.getTime() + FUTURE_SKEW_MS) {
    throw ValidationError.field('body.filedAt', 'must not be in the future');
  }

  const plan = whatIfPlan(rules, programme.ruleSet, body, caller.now);
  if (programme.requireDocuments) requireTypes(plan, 'filing', papers);

  const [application] = await db
    .insert(applications)
    .values({
      programmeId,
      applicantId: actor.organisationId,
      applicantParty: applicant.party,
      title: body.title.normalize('NFC').trim(),
      fields: nfcJson({ ...body, filedAt: body.filedAt ?? caller.now.toISOString() }),
      plan: plan as unknown as Record<string, unknown>,
      ruleVersion: plan.ruleVersion,
      ruleHash: plan.ruleHash,
      total: plan.total,
      currency: plan.currency,
      filedAt: new Date((body.filedAt as string | undefined) ?? caller.now),
      // Received now, by the same clock that later judges deadlines counted from this moment.
      createdAt: caller.now,
    })
    .returning();
  const ref = { id: application!.id, programmeId, currency: plan.currency, title: application!.title };
  const locked = { application: application!, parties: access.parties };
  await openAccounts(
    db,
    payingShares(plan).flatMap((share) => {
      const owner = organisationOf(locked, share.party) ?? null;
      return [accountsOf.share(ref, share.party, owner), accountsOf.disbursed(ref, share.party, owner)];
    }),
  );
  // The sources the project's own money and credit come through, shared by every application of
  // the programme: opened by the first that needs one (budget parties' were opened at binding).
  await lookUpAccounts(
    db,
    payingShares(plan)
      .filter((share) => share.funding !== 'budget')
      .map((share) =>
        accountsOf.source(programme, share.party, plan.currency, access.parties.get(share.party) ?? null),
      ),
  );
  await recordAudit(
    db,
    actor,
    {
      action: 'application.filed',
      resourceType: 'application',
      resourceId: application!.id,
      details: {
        programmeId,
        ruleSet: plan.ruleSet,
        ruleVersion: plan.ruleVersion,
        ruleHash: plan.ruleHash,
        total: plan.total,
      },
    },
    caller.requestId,
  );
  await recordApplicationEvent(db, caller, { ...locked, programme }, 'application.filed', { programmeId });
  return application!;
}
