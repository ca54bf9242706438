import { ValidationError, type FieldError } from '../errors';
import { Decimal, allocate, formatMoney } from '../money';
import type { Application } from './application';
import { requiredDocuments } from './documents';
import { checkEligibility } from './eligibility';
import { message } from './messages';
import { findingWriter } from './render';
import { computeShares } from './shares';
import { partyParam, projectTypeName, ruleTextsOf, textAt } from './texts';
import type {
  Plan,
  PlanDeadline,
  PlanProof,
  PlanResult,
  PlanShare,
  PlanTranche,
  RuleFinding,
  RuleVersion,
} from './types';
import { listWords, moneyParam, percentText } from './wording';

/**
 * Judges an application by one rule version: eligibility, shares, tranches, approvals, deadlines.
 * Pure: same version and application, same result. An application this version cannot even read
 * (another currency, a project type it does not offer) is a ValidationError; one it can read but
 * refuses is `{eligible: false}` with every failed rule.
 */
export function evaluate(version: RuleVersion, application: Application): PlanResult {
  assertReadable(version, application);
  const type = version.projectTypes[application.projectType]!;
  const { currency } = application;
  const total = application.totalCost;
  const money = (amount: Decimal) => moneyParam(amount, currency);
  const party = (name: string) => partyParam(version, name);
  const found = findingWriter(version.language, version.messageOverrides);
  const typeName = application.projectType;

  const inForce = { ruleSet: textAt(version, 'name'), id: version.id, version: version.version };
  const typeParams = { projectType: { id: typeName, name: projectTypeName(version, typeName) }, total: money(total) };
  const trace: RuleFinding[] = [
    found(
      'version',
      version.validTo === null
        ? message('version.open', { ...inForce, validFrom: version.validFrom, filedOn: application.filedOn })
        : message('version', {
            ...inForce,
            validFrom: version.validFrom,
            validTo: version.validTo,
            filedOn: application.filedOn,
          }),
    ),
    found(
      type.rule,
      type.says === undefined
        ? message('project-type', typeParams)
        : message('project-type.described', {
            ...typeParams,
            description: textAt(version, 'projectTypes', typeName, 'says'),
          }),
    ),
  ];
  const failures: RuleFinding[] = [];

  const eligibilityRules = [
    ...version.eligibility.map((rule, index) => ({ rule, path: ['eligibility', index] })),
    ...type.eligibility.map((rule, index) => ({ rule, path: ['projectTypes', typeName, 'eligibility', index] })),
  ];
  for (const { rule, path } of eligibilityRules) {
    const outcome = checkEligibility(rule, application);
    if (!outcome.applies) continue;
    const params = { requirement: textAt(version, ...path, 'says'), detail: outcome.detail };
    const finding = found(
      rule.rule,
      message(outcome.met ? 'eligibility.met' : 'eligibility.not-met', params),
      rule.field,
    );
    (outcome.met ? trace : failures).push(finding);
  }

  const shares = computeShares(version, type, application);
  trace.push(...shares.trace);
  failures.push(...shares.failures);
  if (failures.length > 0) {
    return {
      eligible: false,
      ruleSet: version.id,
      ruleVersion: version.version,
      ruleHash: version.hash,
      failures,
      trace,
      texts: ruleTextsOf(version),
    };
  }

  const taking = new Set(shares.parts.map((part) => part.party));
  const planShares: PlanShare[] = shares.parts.map((part) => {
    const party = version.parties[part.party]!;
    return {
      party: part.party,
      amount: formatMoney(part.amount, currency),
      percent: percentText(part.amount.dividedBy(total).times(100)),
      capped: part.capped,
      funding: party.funding,
      role: party.role,
      applicant: party.applicant,
      ...(party.contribution && { contribution: party.contribution }),
    };
  });
  const applicant = Object.keys(version.parties).find((party) => version.parties[party]?.applicant)!;
  if (!shares.unallocated.isZero()) {
    trace.push(found('unallocated', message('unallocated', { amount: money(shares.unallocated) })));
  }

  const approvals = type.requiredApprovals ?? version.requiredApprovals;
  const requiredApprovals = approvals.parties.filter((name) => taking.has(name));
  trace.push(
    found(
      approvals.rule,
      message('approvals', { approvers: requiredApprovals.map(party), applicant: party(applicant) }),
    ),
  );

  const trancheRules = type.tranches ?? version.tranches;
  const tranchesPath = type.tranches ? ['projectTypes', typeName, 'tranches'] : ['tranches'];
  const milestones = trancheRules.map((_, index) => textAt(version, ...tranchesPath, index, 'milestone'));
  const trancheAmounts = allocate(
    total,
    trancheRules.map((tranche) => new Decimal(tranche.percent)),
    currency,
  );
  const tranches: PlanTranche[] = trancheRules.map((tranche, index) => {
    const approvers = (tranche.approvers ?? version.trancheApprovals.parties).filter((name) => taking.has(name));
    const amount = trancheAmounts[index]!;
    const percent = percentText(new Decimal(tranche.percent));
    trace.push(
      found(
        tranche.rule,
        message('tranche', {
          index: index + 1,
          percent,
          amount: money(amount),
          milestone: milestones[index]!,
          approvers: approvers.map(party),
        }),
      ),
    );
    return {
      index: index + 1,
      percent,
      amount: formatMoney(amount, currency),
      milestone: tranche.milestone,
      approvers,
      rule: tranche.rule,
    };
  });

  const deadlines: PlanDeadline[] = version.deadlines.flatMap((deadline, index) => {
    if (!taking.has(deadline.party)) return [];
    const window =
      deadline.says === undefined
        ? message('deadline.window', {
            party: party(deadline.party),
            kind: deadline.kind,
            days: deadline.businessDays,
            from: deadline.from,
          })
        : message('rule-text', { text: textAt(version, 'deadlines', index, 'says') });
    const { says } = found(deadline.rule, window);
    const share = planShares.find((part) => part.party === deadline.party)!;
    trace.push(
      found(
        deadline.rule,
        message('deadline', {
          deadline: window,
          party: party(deadline.party),
          amount: money(new Decimal(share.amount)),
        }),
      ),
    );
    return [
      {
        rule: deadline.rule,
        party: deadline.party,
        kind: deadline.kind,
        businessDays: deadline.businessDays,
        from: deadline.from,
        holidays: version.holidays,
        says,
        message: window,
      },
    ];
  });

  const clawbackRule = version.clawback && taking.has(version.clawback.party) ? version.clawback : undefined;
  const clawbackFinding =
    clawbackRule &&
    found(
      clawbackRule.rule,
      clawbackRule.says === undefined
        ? message('clawback', { party: party(clawbackRule.party), years: clawbackRule.years, from: clawbackRule.from })
        : message('rule-text', { text: textAt(version, 'clawback', 'says') }),
    );
  const clawback = clawbackRule
    ? {
        rule: clawbackRule.rule,
        party: clawbackRule.party,
        years: clawbackRule.years,
        from: clawbackRule.from,
        says: clawbackFinding!.says,
        message: clawbackFinding!.message!,
      }
    : null;
  if (clawbackFinding) trace.push(clawbackFinding);

  const proofs: PlanProof[] = version.proofs.flatMap((proof, index) => {
    if (!taking.has(proof.party)) return [];
    const finding = found(proof.rule, message('rule-text', { text: textAt(version, 'proofs', index, 'says') }));
    trace.push(finding);
    const { rule, party, before } = proof;
    return [{ rule, party, proof: proof.proof, before, says: finding.says, message: finding.message! }];
  });

  const plan: Plan = {
    ruleSet: version.id,
    ruleVersion: version.version,
    ruleHash: version.hash,
    projectType: application.projectType,
    filedOn: application.filedOn,
    total: formatMoney(total, currency),
    currency,
    shares: planShares,
    unallocated: formatMoney(shares.unallocated, currency),
    tranches,
    requiredApprovals,
    deadlines,
    clawback,
    proofs,
    documents: requiredDocuments(version, typeName),
    assumptions: version.assumptions.map((assumption, index) =>
      found(assumption.rule, message('rule-text', { text: textAt(version, 'assumptions', index, 'says') })),
    ),
    trace,
    texts: {
      ...ruleTextsOf(version),
      projectType: projectTypeName(version, typeName),
      parties: Object.fromEntries(Object.keys(version.parties).map((name) => [name, party(name).name])),
      milestones,
    },
  };
  return { eligible: true, plan };
}

/** The application must be in the version's currency, of a project type it offers, with joining parties it knows. */
function assertReadable(version: RuleVersion, application: Application) {
  const errors: FieldError[] = [];
  const label = `${version.id} ${version.version}`;
  if (application.currency !== version.currency) {
    errors.push({ field: 'currency', message: `${label} is in ${version.currency}, not ${application.currency}` });
  }
  const type = version.projectTypes[application.projectType];
  if (!type) {
    errors.push({
      field: 'projectType',
      message: `${label} offers ${listWords(Object.keys(version.projectTypes))}, not ${application.projectType}`,
    });
  }
  application.joiningParties.forEach((party, index) => {
    const share = type?.shares[party];
    if (type && !share?.optional) {
      const optional = Object.keys(type.shares).filter((name) => type.shares[name]?.optional);
      errors.push({
        field: `joiningParties.${index}`,
        message:
          `${party} is not an optional party of ${application.projectType} ` +
          `(optional: ${optional.length > 0 ? listWords(optional) : 'none'})`,
      });
    }
  });
  if (errors.length > 0) {
    throw new ValidationError(
      `The application does not fit ${label}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      errors,
    );
  }
}
