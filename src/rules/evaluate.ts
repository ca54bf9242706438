import { ValidationError, type FieldError } from '../errors';
import { Decimal, allocate, formatMoney } from '../money';
import type { Application } from './application';
import { checkEligibility } from './eligibility';
import { computeShares } from './shares';
import type { Plan, PlanDeadline, PlanResult, PlanShare, PlanTranche, RuleFinding, RuleVersion } from './types';
import { displayMoney, listWords, percentText } from './wording';

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
  const money = (amount: Decimal) => displayMoney(amount, currency);

  const trace: RuleFinding[] = [
    {
      rule: 'version',
      says:
        `${version.name} (${version.id}), version ${version.version}, in force ${version.validFrom} to ` +
        `${version.validTo ?? 'now'}, judges this application filed on ${application.filedOn}`,
    },
    {
      rule: type.rule,
      says: `project type ${application.projectType}${type.says ? ` (${type.says})` : ''}, total cost ${money(total)}`,
    },
  ];
  const failures: RuleFinding[] = [];

  for (const rule of [...version.eligibility, ...type.eligibility]) {
    const outcome = checkEligibility(rule, application);
    if (!outcome.applies) continue;
    const finding = { rule: rule.rule, says: `${rule.says}: ${outcome.met ? 'met' : 'not met'} (${outcome.detail})` };
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
    trace.push({
      rule: 'unallocated',
      says: `${money(shares.unallocated)} is left unallocated: it must be allocated by hand before approval`,
    });
  }

  const approvals = type.requiredApprovals ?? version.requiredApprovals;
  const requiredApprovals = approvals.parties.filter((party) => taking.has(party));
  trace.push({
    rule: approvals.rule,
    says:
      `the plan must be approved by ${listWords(requiredApprovals)}; ` +
      `${applicant}, the applicant, never approves its own project`,
  });

  const trancheRules = type.tranches ?? version.tranches;
  const trancheAmounts = allocate(
    total,
    trancheRules.map((tranche) => new Decimal(tranche.percent)),
    currency,
  );
  const tranches: PlanTranche[] = trancheRules.map((tranche, index) => {
    const approvers = (tranche.approvers ?? version.trancheApprovals.parties).filter((party) => taking.has(party));
    const amount = trancheAmounts[index]!;
    trace.push({
      rule: tranche.rule,
      says:
        `tranche ${index + 1}: ${percentText(new Decimal(tranche.percent))}% (${money(amount)}) ` +
        `${tranche.milestone}, released on approval by ${listWords(approvers)}`,
    });
    return {
      index: index + 1,
      percent: percentText(new Decimal(tranche.percent)),
      amount: formatMoney(amount, currency),
      milestone: tranche.milestone,
      approvers,
      rule: tranche.rule,
    };
  });

  const deadlines: PlanDeadline[] = version.deadlines
    .filter((deadline) => taking.has(deadline.party))
    .map((deadline) => {
      const says =
        deadline.says ??
        `${deadline.party}: ${deadline.kind} within ${deadline.businessDays} business days of ${deadline.from}`;
      const share = planShares.find((part) => part.party === deadline.party)!;
      trace.push({
        rule: deadline.rule,
        says: `${says} (${deadline.party}'s share: ${displayMoney(new Decimal(share.amount), currency)})`,
      });
      return {
        rule: deadline.rule,
        party: deadline.party,
        kind: deadline.kind,
        businessDays: deadline.businessDays,
        from: deadline.from,
        holidays: version.holidays,
        says,
      };
    });

  const clawbackRule = version.clawback && taking.has(version.clawback.party) ? version.clawback : undefined;
  const clawback = clawbackRule
    ? {
        rule: clawbackRule.rule,
        party: clawbackRule.party,
        years: clawbackRule.years,
        from: clawbackRule.from,
        says:
          clawbackRule.says ??
          `${clawbackRule.party} is repaid in full if the condition breaks ` +
            `within ${clawbackRule.years} years of ${clawbackRule.from}`,
      }
    : null;
  if (clawback) trace.push({ rule: clawback.rule, says: clawback.says });

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
    assumptions: version.assumptions,
    trace,
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
