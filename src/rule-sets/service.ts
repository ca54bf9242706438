/**
 * The loaded rule sets as the API shows them, and the what-if plan. Reads the rule catalog only:
 * nothing here touches the database, so a what-if can never file or move anything.
 */
import { CofundError, ValidationError } from '../errors';
import type { Locale } from '../i18n';
import {
  localizeRefusal,
  type Funding,
  type LocalizedText,
  type Plan,
  type PlanResult,
  type RuleCatalog,
  type RuleFinding,
  type RuleVersion,
} from '../rules';

export interface RuleVersionSummary {
  version: string;
  /** The language the rule file's texts are written in. */
  language: Locale;
  /** Its language, then each locale it translates. */
  locales: Locale[];
  validFrom: string;
  /** null: in force until a later version says otherwise. */
  validTo: string | null;
  /** SHA-256 of the rule file: what a plan records to prove which text judged it. */
  hash: string;
  currency: string;
  projectTypes: string[];
}

export interface RuleSetSummary {
  id: string;
  name: string;
  /** The version in force on `now`'s UTC date, and its hash; null when none is. */
  version: string | null;
  hash: string | null;
  /** Oldest first. */
  versions: RuleVersionSummary[];
}

export interface RuleVersionDetail extends Omit<RuleVersionSummary, 'projectTypes'> {
  /** Where the version was loaded from (`rules/tres-por-uno/2013.yaml`). */
  file: string;
  /** Every text of the file in each of its locales, by dotted path (`parties.club.name`). */
  texts: Record<string, LocalizedText>;
  sources: string[];
  assumptions: RuleFinding[];
  parties: Array<{ party: string; name: string; role: string; funding: Funding; applicant: boolean }>;
  /** Eligibility rules every project type must meet. */
  eligibility: RuleFinding[];
  projectTypes: Array<{
    projectType: string;
    rule: string;
    says: string | null;
    parties: string[];
    eligibility: RuleFinding[];
  }>;
  tranches: Array<{ percent: string; milestone: string; rule: string }>;
  requiredApprovals: string[];
  trancheApprovals: string[];
  deadlines: Array<{
    rule: string;
    party: string;
    kind: string;
    businessDays: number;
    from: string;
    says: string | null;
  }>;
  clawback: { rule: string; party: string; years: number; from: string; says: string | null } | null;
  proofs: Array<{ rule: string; party: string; proof: 'bank-line'; before: 'tranche'; says: string }>;
}

export interface RuleSetDetail extends Omit<RuleSetSummary, 'versions'> {
  versions: RuleVersionDetail[];
}

const summary = (version: RuleVersion): RuleVersionSummary => ({
  version: version.version,
  language: version.language,
  locales: version.locales,
  validFrom: version.validFrom,
  validTo: version.validTo,
  hash: version.hash,
  currency: version.currency,
  projectTypes: Object.keys(version.projectTypes),
});

const findings = (rules: ReadonlyArray<{ rule: string; says: string }>): RuleFinding[] =>
  rules.map(({ rule, says }) => ({ rule, says }));

function detail(version: RuleVersion): RuleVersionDetail {
  return {
    ...summary(version),
    file: version.path,
    texts: Object.fromEntries(version.texts),
    sources: version.sources,
    assumptions: findings(version.assumptions),
    parties: Object.entries(version.parties).map(([party, data]) => ({
      party,
      name: data.name,
      role: data.role,
      funding: data.funding,
      applicant: data.applicant,
    })),
    eligibility: findings(version.eligibility),
    projectTypes: Object.entries(version.projectTypes).map(([projectType, data]) => ({
      projectType,
      rule: data.rule,
      says: data.says ?? null,
      parties: Object.keys(data.shares),
      eligibility: findings(data.eligibility),
    })),
    tranches: version.tranches.map(({ percent, milestone, rule }) => ({ percent, milestone, rule })),
    requiredApprovals: version.requiredApprovals.parties,
    trancheApprovals: version.trancheApprovals.parties,
    deadlines: version.deadlines.map(({ rule, party, kind, businessDays, from, says }) => ({
      rule,
      party,
      kind,
      businessDays,
      from,
      says: says ?? null,
    })),
    clawback: version.clawback ? { ...version.clawback, says: version.clawback.says ?? null } : null,
    proofs: version.proofs.map(({ rule, party, proof, before, says }) => ({ rule, party, proof, before, says })),
  };
}

function inForce(catalog: RuleCatalog, id: string, now: Date) {
  const current = catalog.versionAt(id, now);
  return { version: current?.version ?? null, hash: current?.hash ?? null };
}

/** Every loaded rule set, by id, with the version in force on `now`. */
export function listRuleSets(catalog: RuleCatalog, now: Date): RuleSetSummary[] {
  const ids = [...new Set(catalog.list().map((version) => version.id))];
  return ids.map((id) => {
    const ruleSet = catalog.get(id);
    return { id, name: ruleSet.name, ...inForce(catalog, id, now), versions: ruleSet.versions.map(summary) };
  });
}

/** One rule set with every version described; NotFoundError for an unknown id. */
export function describeRuleSet(catalog: RuleCatalog, id: string, now: Date): RuleSetDetail {
  const ruleSet = catalog.get(id);
  return { id, name: ruleSet.name, ...inForce(catalog, id, now), versions: ruleSet.versions.map(detail) };
}

type Ineligible = Extract<PlanResult, { eligible: false }>;

/**
 * An application the rules can read but refuse: 422 with every failed rule, and which text of the
 * rules judged it; with `locale`, also `localized`, the failures in the reader's locale. Filing an
 * application refuses with the same error.
 */
export class IneligibleError extends CofundError {
  constructor(result: Ineligible, locale?: Locale) {
    const judge = result.ruleVersion === null ? result.ruleSet : `${result.ruleSet} ${result.ruleVersion}`;
    super(
      'ineligible',
      422,
      `The application is not eligible under ${judge}: ` +
        result.failures.map((failure) => `${failure.rule}: ${failure.says}`).join('; '),
      [],
      {
        failures: result.failures,
        ruleSet: result.ruleSet,
        ruleVersion: result.ruleVersion,
        ruleHash: result.ruleHash,
        trace: result.trace,
        ...(locale && { localized: localizeRefusal(result, locale) }),
      },
    );
    this.name = 'IneligibleError';
  }
}

/**
 * The co-funding plan the rules would give this application, filing nothing. Throws NotFoundError
 * (unknown rule set), ValidationError naming `body.<field>` (an application the rules cannot
 * read) or IneligibleError (localized when the reader's `locale` is given).
 */
export function whatIfPlan(
  catalog: RuleCatalog,
  ruleSetId: string,
  application: unknown,
  now: Date,
  locale?: Locale,
): Plan {
  let result: PlanResult;
  try {
    result = catalog.plan(ruleSetId, application, now);
  } catch (error) {
    // The rules name fields of the application; over HTTP the application is the request body.
    if (error instanceof ValidationError) {
      throw new ValidationError(
        error.message,
        error.errors.map(({ field, message }) => ({ field: `body.${field}`, message })),
      );
    }
    throw error;
  }
  if (!result.eligible) throw new IneligibleError(result, locale);
  return result.plan;
}
