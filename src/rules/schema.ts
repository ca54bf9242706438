import { z } from 'zod';
import { ValidationError } from '../errors';
import { LOCALES } from '../i18n';
import { Decimal, isCurrency, parseMoney } from '../money';
import { APPLICATION_FIELDS, applicationFieldNames, type FieldKind } from './application';
import { WEEKDAYS, isCalendarDate } from './dates';
import { DOCUMENT_STEPS, TRANCHE_SELECTORS, checkDocuments } from './documents';
import { checkTranslations } from './texts';

/**
 * The rule-file language: one file is one version of one programme's co-funding rules. The
 * reference, key by key, is docs/rules.md; this schema is what enforces it. Checks that span keys
 * (a cap must say who absorbs its gap, the applicant never approves...) are in `checkRuleFile`.
 */

const ruleId = z.string().trim().min(1, 'must cite a rule id such as "3x1-2"');
const says = z.string().trim().min(1, 'must not be empty');
const name = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, starting with a letter');
/** Quantities are named like fields: `investorShare`. */
const quantityName = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'must be a name such as investorShare');
const calendarDate = z.string().refine(isCalendarDate, 'must be a quoted or plain calendar date YYYY-MM-DD');
/** Percentages are plain numbers (25, 12.5) or decimal strings ("33.3333"), more than 0 and at most 100. */
const percent = z
  .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)], { error: 'must be a percentage such as 25 or 12.5' })
  .transform((value) => String(value))
  .refine((value) => new Decimal(value).greaterThan(0) && new Decimal(value).lessThanOrEqualTo(100), {
    message: 'must be more than 0 and at most 100',
  });
/** Amounts are quoted strings in the version's currency ("1000000.00"): a bare YAML number could be a float. */
const money = z.string({ error: 'must be a quoted money string such as "1000000.00"' });

const absorbPolicy = z.discriminatedUnion(
  'absorb',
  [
    z.strictObject({ absorb: z.literal('pro-rata'), among: z.array(name).min(1), rule: ruleId.optional() }),
    z.strictObject({ absorb: z.literal('party'), party: name, rule: ruleId.optional() }),
    z.strictObject({ absorb: z.literal('rest'), rule: ruleId.optional() }),
    z.strictObject({ absorb: z.literal('unallocated'), rule: ruleId.optional() }),
  ],
  { error: 'absorb must be one of pro-rata (with among), party (with party), rest, unallocated' },
);

const limit = z
  .strictObject({ rule: ruleId, amount: money.optional(), percent: percent.optional(), of: quantityName.optional() })
  .refine((value) => (value.amount === undefined) !== (value.percent === undefined), {
    message: 'give either amount or percent (with an optional of)',
  })
  .refine((value) => value.of === undefined || value.percent !== undefined, {
    message: 'of goes with percent',
    path: ['of'],
  });

const share = z
  .strictObject({
    rule: ruleId,
    percent: percent.optional(),
    of: quantityName.optional(),
    amount: money.optional(),
    rest: z.literal(true).optional(),
    declaredBy: z.enum(applicationFieldNames).optional(),
    optional: z.boolean().default(false),
    cap: limit.optional(),
    floor: limit.optional(),
    whenCapped: absorbPolicy.optional(),
    whenAbsent: absorbPolicy.optional(),
  })
  .superRefine((value, ctx) => {
    const kinds = [value.percent, value.amount, value.rest].filter((kind) => kind !== undefined).length;
    if (kinds !== 1)
      ctx.addIssue({ code: 'custom', message: 'a share is exactly one of percent, amount or rest: true' });
    if (value.of !== undefined && value.percent === undefined) {
      ctx.addIssue({ code: 'custom', path: ['of'], message: 'of goes with percent' });
    }
    if (value.rest && value.optional)
      ctx.addIssue({ code: 'custom', path: ['optional'], message: 'the rest cannot be optional' });
    if (value.whenCapped && !value.cap)
      ctx.addIssue({ code: 'custom', path: ['whenCapped'], message: 'whenCapped goes with cap' });
    if (value.whenAbsent && !value.optional) {
      ctx.addIssue({ code: 'custom', path: ['whenAbsent'], message: 'whenAbsent goes with optional: true' });
    }
    if (value.declaredBy !== undefined && APPLICATION_FIELDS[value.declaredBy] !== 'money') {
      ctx.addIssue({ code: 'custom', path: ['declaredBy'], message: `${value.declaredBy} is not a money field` });
    }
  });

const OPERATORS = ['in', 'notIn', 'equals', 'notEquals', 'min', 'max', 'validOn', 'withinYearsBefore'] as const;
/** Which operators suit which kind of field. */
const OPERATORS_BY_KIND: Record<FieldKind, readonly (typeof OPERATORS)[number][]> = {
  text: ['in', 'notIn', 'equals', 'notEquals'],
  flag: ['equals', 'notEquals'],
  money: ['min', 'max'],
  number: ['min', 'max'],
  date: ['withinYearsBefore'],
  period: ['validOn'],
};

const checkShape = {
  field: z.enum(applicationFieldNames, { error: `must be an application field: ${applicationFieldNames.join(', ')}` }),
  in: z.array(z.string().min(1)).min(1).optional(),
  notIn: z.array(z.string().min(1)).min(1).optional(),
  equals: z.union([z.string(), z.boolean()]).optional(),
  notEquals: z.union([z.string(), z.boolean()]).optional(),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  validOn: z.literal('filedAt', { error: 'validOn takes filedAt' }).optional(),
  withinYearsBefore: z.number().int().positive().optional(),
  ifMissing: z.enum(['pass', 'fail']).default('fail'),
};

type CheckFields = { [K in (typeof OPERATORS)[number]]?: unknown } & { field: keyof typeof APPLICATION_FIELDS };

function refineCheck(value: CheckFields, ctx: z.RefinementCtx) {
  const used = OPERATORS.filter((operator) => value[operator] !== undefined);
  const isRange = used.length === 2 && used.includes('min') && used.includes('max');
  if (used.length !== 1 && !isRange) {
    ctx.addIssue({ code: 'custom', message: `give one test: ${OPERATORS.join(', ')} (min and max may go together)` });
    return;
  }
  const kind = APPLICATION_FIELDS[value.field];
  for (const operator of used) {
    if (!OPERATORS_BY_KIND[kind].includes(operator)) {
      ctx.addIssue({
        code: 'custom',
        path: [operator],
        message: `${value.field} is a ${kind} field: test it with ${OPERATORS_BY_KIND[kind].join(' or ')}`,
      });
    }
  }
  for (const operator of ['equals', 'notEquals'] as const) {
    const operand = value[operator];
    if (operand !== undefined && typeof operand !== (kind === 'flag' ? 'boolean' : 'string')) {
      ctx.addIssue({
        code: 'custom',
        path: [operator],
        message: `${value.field} is compared with a ${kind === 'flag' ? 'true/false' : 'text'} value`,
      });
    }
  }
  for (const operator of ['min', 'max'] as const) {
    const operand = value[operator];
    if (kind === 'number' && operand !== undefined && typeof operand !== 'number') {
      ctx.addIssue({ code: 'custom', path: [operator], message: `${value.field} is a number: give a plain number` });
    }
    if (kind === 'money' && operand !== undefined && typeof operand !== 'string') {
      ctx.addIssue({ code: 'custom', path: [operator], message: 'must be a quoted money string such as "1000000.00"' });
    }
  }
}

const condition = z.strictObject(checkShape).superRefine(refineCheck);

const eligibilityRule = z
  .strictObject({ rule: ruleId, says, ...checkShape, when: condition.optional() })
  .superRefine(refineCheck);

const approvals = z.strictObject({ rule: ruleId, parties: z.array(name).min(1) });

const tranche = z.strictObject({
  rule: ruleId,
  percent,
  milestone: says,
  approvers: z.array(name).min(1).optional(),
});

/** A paper a step needs (src/rules/documents.ts, docs/rules.md "Documents"). */
const documentRequirement = z
  .strictObject({
    rule: ruleId,
    type: name.max(63, 'at most 63 characters'),
    step: z.enum(DOCUMENT_STEPS, { error: `step must be one of ${DOCUMENT_STEPS.join(', ')}` }),
    tranches: z.enum(TRANCHE_SELECTORS, { error: `tranches is one of ${TRANCHE_SELECTORS.join(', ')}` }).optional(),
    says,
  })
  .refine((value) => value.tranches === undefined || value.step === 'tranche', {
    message: 'tranches goes with step: tranche',
    path: ['tranches'],
  });

const projectType = z.strictObject({
  rule: ruleId,
  name: says.optional(),
  says: says.optional(),
  shares: z.record(name, share).refine((shares) => Object.keys(shares).length > 0, 'name at least one share'),
  eligibility: z.array(eligibilityRule).default([]),
  tranches: z.array(tranche).min(1).optional(),
  requiredApprovals: approvals.optional(),
  documents: z.array(documentRequirement).default([]),
});

const party = z
  .strictObject({
    name: says,
    role: z.enum(['association', 'federation', 'investor', 'government', 'bank', 'guarantee_fund']),
    funding: z.enum(['budget', 'contribution', 'credit'], {
      error: 'funding must be budget (a public pool), contribution (own money paid in) or credit (a bank loan)',
    }),
    applicant: z.boolean().default(false),
    contribution: z
      .strictObject({
        rule: ruleId,
        currency: z.enum(['foreign', 'local', 'any']),
        into: says.optional(),
        says: says.optional(),
      })
      .optional(),
  })
  .refine((value) => value.contribution === undefined || value.funding === 'contribution', {
    message: 'contribution conditions go with funding: contribution',
    path: ['contribution'],
  });

const holiday = z.union(
  [
    calendarDate,
    z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
    z.strictObject({
      month: z.number().int().min(1).max(12),
      weekday: z.enum(WEEKDAYS),
      nth: z
        .number()
        .int()
        .refine((n) => (n >= 1 && n <= 5) || n === -1, 'nth is 1 to 5, or -1 for the last'),
    }),
  ],
  { error: 'a holiday is a date YYYY-MM-DD, {month, day} or {month, weekday, nth}' },
);

const quantity = z
  .strictObject({
    rule: ruleId,
    says,
    percent: percent.optional(),
    percentField: z.enum(applicationFieldNames).optional(),
    default: percent.optional(),
    of: quantityName.default('total'),
  })
  .refine((value) => (value.percent === undefined) !== (value.percentField === undefined), {
    message: 'give either percent or percentField (with its default)',
  });

const locale = z.enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}` });
/** `{messageId: template}`: the file's own wording of evaluator messages (checked in checkTranslations). */
const messageWordings = z.record(z.string(), z.string({ error: 'a message wording is a text with {placeholders}' }));
/** The file's texts in one more locale, in the file's own structure (checked key by key in checkTranslations). */
const translation = z.looseObject({ messages: messageWordings.optional() });

export const ruleFileSchema = z.strictObject({
  id: name,
  name: says,
  language: locale.default('en'),
  translations: z.partialRecord(locale, translation).default({}),
  messages: messageWordings.optional(),
  version: z.string({ error: 'must be a quoted string such as "2013"' }).trim().min(1),
  validFrom: calendarDate,
  validTo: calendarDate.nullable().default(null),
  currency: z.string().refine(isCurrency, 'must be an ISO 4217 currency code such as "MXN"'),
  sources: z.array(says).default([]),
  assumptions: z.array(z.strictObject({ rule: ruleId, says })).default([]),
  holidays: z.array(holiday).default([]),
  parties: z.record(name, party),
  quantities: z.record(quantityName, quantity).default({}),
  eligibility: z.array(eligibilityRule).default([]),
  projectTypes: z
    .record(name, projectType)
    .refine((types) => Object.keys(types).length > 0, 'name at least one project type'),
  tranches: z.array(tranche).min(1),
  requiredApprovals: approvals,
  trancheApprovals: approvals,
  deadlines: z
    .array(
      z.strictObject({
        rule: ruleId,
        party: name,
        kind: name,
        businessDays: z.number().int().positive(),
        from: name,
        says: says.optional(),
      }),
    )
    .default([]),
  clawback: z
    .strictObject({ rule: ruleId, party: name, years: z.number().int().positive(), from: name, says: says.optional() })
    .optional(),
  proofs: z
    .array(
      z.strictObject({
        rule: ruleId,
        party: name,
        proof: z.enum(['bank-line'], {
          error: 'proof is bank-line: a line of a bank statement matched to the contribution',
        }),
        before: z.enum(['tranche'], { error: 'before is tranche: no tranche is paid out until the proof is there' }),
        says,
      }),
    )
    .default([]),
  documents: z.array(documentRequirement).default([]),
});

export type RuleFileData = z.output<typeof ruleFileSchema>;
export type ShareData = z.output<typeof share>;
export type AbsorbPolicy = z.output<typeof absorbPolicy>;
export type LimitData = z.output<typeof limit>;
export type EligibilityRuleData = z.output<typeof eligibilityRule>;
export type ConditionData = z.output<typeof condition>;
export type ProjectTypeData = z.output<typeof projectType>;
export type TrancheData = z.output<typeof tranche>;
export type PartyData = z.output<typeof party>;
export type DocumentRequirementData = z.output<typeof documentRequirement>;

export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

/**
 * What the schema alone cannot see: references between keys, money in the version's currency,
 * shares that cover the whole cost, a gap that always has somewhere to go, maker-checker.
 */
export function checkRuleFile(file: RuleFileData): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const report = (path: (string | number)[], message: string) => issues.push({ path, message });
  const partyNames = Object.keys(file.parties);

  if (file.validTo !== null && file.validTo < file.validFrom) report(['validTo'], 'must not be before validFrom');

  const checkMoney = (value: unknown, path: (string | number)[]) => {
    try {
      parseMoney(value, file.currency, path.join('.'), { allowZero: true });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      report(path, error.errors[0]?.message ?? error.message);
    }
  };

  const applicants = partyNames.filter((party) => file.parties[party]?.applicant);
  if (applicants.length !== 1) {
    report(['parties'], `exactly one party must be the applicant (applicant: true), found ${applicants.length}`);
  }
  const applicant = applicants[0];
  if (applicant !== undefined && file.parties[applicant]?.funding !== 'contribution') {
    report(['parties', applicant, 'funding'], 'the applicant brings its own money: funding must be contribution');
  }

  const quantityNames: string[] = [];
  for (const [quantityName, definition] of Object.entries(file.quantities)) {
    if (quantityName === 'total') report(['quantities', quantityName], '"total" is the project cost already');
    if (definition.percentField !== undefined) {
      if (APPLICATION_FIELDS[definition.percentField] !== 'number') {
        report(['quantities', quantityName, 'percentField'], `${definition.percentField} is not a number field`);
      }
      if (definition.default === undefined) {
        report(
          ['quantities', quantityName, 'default'],
          'say which percentage applies when the application does not give one',
        );
      }
    }
    if (definition.of !== 'total' && !quantityNames.includes(definition.of)) {
      report(['quantities', quantityName, 'of'], `must be total or a quantity defined above it, not ${definition.of}`);
    }
    quantityNames.push(quantityName);
  }
  const isBase = (base: string) => base === 'total' || quantityNames.includes(base);

  const checkApprovers = (parties: readonly string[], path: (string | number)[]) => {
    parties.forEach((party, index) => {
      if (!partyNames.includes(party)) report([...path, index], `unknown party ${party}`);
      else if (party === applicant) {
        report([...path, index], `${party} is the applicant: maker-checker forbids it to approve its own project`);
      }
    });
  };

  const checkEligibility = (rules: readonly EligibilityRuleData[], path: (string | number)[]) => {
    rules.forEach((rule, index) => {
      for (const [check, checkPath] of [
        [rule, [...path, index]],
        ...(rule.when ? [[rule.when, [...path, index, 'when']] as const] : []),
      ] as const) {
        if (APPLICATION_FIELDS[check.field] !== 'money') continue;
        if (check.min !== undefined) checkMoney(check.min, [...checkPath, 'min']);
        if (check.max !== undefined) checkMoney(check.max, [...checkPath, 'max']);
      }
    });
  };
  checkEligibility(file.eligibility, ['eligibility']);

  const checkTranches = (tranches: readonly TrancheData[], path: (string | number)[]) => {
    const total = tranches.reduce((sum, tranche) => sum.plus(tranche.percent), new Decimal(0));
    if (!total.equals(100)) report(path, `tranche percentages must add up to 100, they add up to ${total.toString()}`);
    tranches.forEach((tranche, index) => {
      if (tranche.approvers) checkApprovers(tranche.approvers, [...path, index, 'approvers']);
    });
  };
  checkTranches(file.tranches, ['tranches']);
  checkApprovers(file.requiredApprovals.parties, ['requiredApprovals', 'parties']);
  checkApprovers(file.trancheApprovals.parties, ['trancheApprovals', 'parties']);

  for (const [typeName, type] of Object.entries(file.projectTypes)) {
    const base = ['projectTypes', typeName];
    const shares = Object.entries(type.shares);
    const shareParties = shares.map(([party]) => party);
    const restParties = shares.filter(([, share]) => share.rest).map(([party]) => party);
    const rest = restParties[0];
    if (restParties.length > 1)
      report([...base, 'shares'], `only one party can take the rest, not ${restParties.join(' and ')}`);

    if (applicant !== undefined && !(type.shares[applicant] && !type.shares[applicant].optional)) {
      report([...base, 'shares'], `the applicant (${applicant}) must have a mandatory share`);
    }

    const checkPolicy = (policy: AbsorbPolicy, owner: string, path: (string | number)[]) => {
      const targets = policy.absorb === 'pro-rata' ? policy.among : policy.absorb === 'party' ? [policy.party] : [];
      targets.forEach((target, index) => {
        const targetPath = policy.absorb === 'pro-rata' ? [...path, 'among', index] : [...path, 'party'];
        if (!shareParties.includes(target)) report(targetPath, `${target} has no share in ${typeName}`);
        else if (target === owner) report(targetPath, `${owner} cannot absorb its own gap`);
        else if (target === rest) report(targetPath, `${target} takes the rest already: write absorb: rest`);
      });
      if (policy.absorb === 'rest' && rest === undefined)
        report([...path, 'absorb'], `no party takes the rest in ${typeName}`);
    };

    for (const [party, definition] of shares) {
      const path = [...base, 'shares', party];
      if (!partyNames.includes(party)) {
        report(path, `unknown party ${party}: declare it under parties`);
        continue;
      }
      if (definition.amount !== undefined) checkMoney(definition.amount, [...path, 'amount']);
      if (definition.of !== undefined && !isBase(definition.of)) {
        report([...path, 'of'], `must be total or a quantity, not ${definition.of}`);
      }
      for (const limitName of ['cap', 'floor'] as const) {
        const limitValue = definition[limitName];
        if (limitValue?.amount !== undefined) checkMoney(limitValue.amount, [...path, limitName, 'amount']);
        if (limitValue?.of !== undefined && !isBase(limitValue.of)) {
          report([...path, limitName, 'of'], `must be total or a quantity, not ${limitValue.of}`);
        }
      }
      if (definition.cap && !definition.whenCapped && rest === undefined) {
        report(
          [...path, 'cap'],
          'say who absorbs the gap when the cap binds (whenCapped: pro-rata, party or unallocated): ' +
            `no party takes the rest in ${typeName}`,
        );
      }
      if (definition.optional && !definition.whenAbsent && rest === undefined) {
        report([...path, 'optional'], `say where the share goes when ${party} does not take part (whenAbsent)`);
      }
      if (definition.whenCapped) checkPolicy(definition.whenCapped, party, [...path, 'whenCapped']);
      if (definition.whenAbsent) checkPolicy(definition.whenAbsent, party, [...path, 'whenAbsent']);
      if (rest === undefined && definition.declaredBy !== undefined) {
        report([...path, 'declaredBy'], `a declared amount needs a party that takes the rest in ${typeName}`);
      }
    }

    if (rest === undefined) {
      // Without a party taking the rest, the percentages of the total alone must cover the cost.
      const fixedOrOtherBase = shares.filter(
        ([, share]) => share.percent === undefined || (share.of ?? 'total') !== 'total',
      );
      for (const [party] of fixedOrOtherBase) {
        report([...base, 'shares', party], `without a party taking the rest, every share must be a percent of total`);
      }
      const percentSum = shares.reduce((sum, [, share]) => sum.plus(share.percent ?? 0), new Decimal(0));
      if (fixedOrOtherBase.length === 0 && !percentSum.equals(100)) {
        report(
          [...base, 'shares'],
          `the shares add up to ${percentSum.toString()}% of the total, not 100%, and no party takes the rest`,
        );
      }
    }

    checkEligibility(type.eligibility, [...base, 'eligibility']);
    if (type.tranches) checkTranches(type.tranches, [...base, 'tranches']);
    const tranchesPath = type.tranches ? [...base, 'tranches'] : ['tranches'];
    (type.tranches ?? file.tranches).forEach((tranche, index) => {
      const trancheApprovers = tranche.approvers ?? file.trancheApprovals.parties;
      if (!trancheApprovers.some((party) => type.shares[party] && !type.shares[party].optional)) {
        const where = tranche.approvers ? [...tranchesPath, index, 'approvers'] : ['trancheApprovals', 'parties'];
        report(where, `at least one approver of tranche ${index + 1} must have a mandatory share in ${typeName}`);
      }
    });
    const approvalsPath = type.requiredApprovals
      ? [...base, 'requiredApprovals', 'parties']
      : ['requiredApprovals', 'parties'];
    const approvers = (type.requiredApprovals ?? file.requiredApprovals).parties;
    if (type.requiredApprovals) checkApprovers(approvers, approvalsPath);
    if (!approvers.some((party) => type.shares[party] && !type.shares[party].optional)) {
      report(approvalsPath, `at least one approver must have a mandatory share in ${typeName}`);
    }
  }

  for (const [index, deadline] of file.deadlines.entries()) {
    if (!partyNames.includes(deadline.party)) report(['deadlines', index, 'party'], `unknown party ${deadline.party}`);
  }
  if (file.clawback && !partyNames.includes(file.clawback.party)) {
    report(['clawback', 'party'], `unknown party ${file.clawback.party}`);
  }
  for (const [index, proof] of file.proofs.entries()) {
    const funding = file.parties[proof.party]?.funding;
    if (funding === undefined) report(['proofs', index, 'party'], `unknown party ${proof.party}`);
    else if (funding === 'budget') {
      report(['proofs', index, 'party'], `${proof.party} is funded from a budget: it pays nothing in to prove`);
    }
  }
  issues.push(...checkDocuments(file), ...checkTranslations(file));
  return issues;
}
