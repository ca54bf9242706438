import { Decimal, parseMoney } from '../money';
import { APPLICATION_FIELDS, fieldValue, type Application, type FieldValue, type Period } from './application';
import { addYears } from './dates';
import type { ConditionData, EligibilityRuleData } from './schema';
import { displayMoney } from './wording';

export type EligibilityOutcome = { applies: false } | { applies: true; met: boolean; detail: string };

type Check = ConditionData | EligibilityRuleData;

/**
 * Tests one eligibility rule. A rule whose `when` does not hold does not apply; a field the
 * application does not give fails the rule unless the file says `ifMissing: pass`.
 */
export function checkEligibility(rule: EligibilityRuleData, application: Application): EligibilityOutcome {
  if (rule.when) {
    const gate = test(rule.when, application);
    if (!gate.met) return { applies: false };
  }
  return { applies: true, ...test(rule, application) };
}

function test(check: Check, application: Application): { met: boolean; detail: string } {
  const value = fieldValue(application, check.field);
  if (value === undefined) {
    return check.ifMissing === 'pass'
      ? { met: true, detail: `${check.field} not declared` }
      : { met: false, detail: `${check.field} was not given` };
  }
  const shown = show(check, value, application.currency);
  const is = `${check.field} is ${shown}`;
  if (check.in !== undefined) {
    const met = check.in.includes(String(value));
    return { met, detail: met ? is : `${is}, not one of ${check.in.join(', ')}` };
  }
  if (check.notIn !== undefined) {
    const met = !check.notIn.includes(String(value));
    return { met, detail: met ? is : `${is}, which is excluded` };
  }
  if (check.equals !== undefined) {
    const met = value === check.equals;
    return { met, detail: met ? is : `${is}, not ${String(check.equals)}` };
  }
  if (check.notEquals !== undefined) {
    const met = value !== check.notEquals;
    return { met, detail: is };
  }
  if (check.min !== undefined || check.max !== undefined) {
    const amount = value as Decimal;
    const isMoney = APPLICATION_FIELDS[check.field] === 'money';
    const bound = (operand: string | number) =>
      isMoney ? parseMoney(operand, application.currency, check.field, { allowZero: true }) : new Decimal(operand);
    const min = check.min === undefined ? undefined : bound(check.min);
    const max = check.max === undefined ? undefined : bound(check.max);
    const showBound = (limit: Decimal) => (isMoney ? displayMoney(limit, application.currency) : limit.toString());
    if (min && amount.lessThan(min)) return { met: false, detail: `${is}, below the minimum ${showBound(min)}` };
    if (max && amount.greaterThan(max)) return { met: false, detail: `${is}, above the maximum ${showBound(max)}` };
    return { met: true, detail: is };
  }
  if (check.validOn !== undefined) {
    const period = value as Period;
    const on = application.filedOn;
    const met = period.validFrom <= on && on <= period.validTo;
    const runs = `${check.field} runs from ${period.validFrom} to ${period.validTo}`;
    return { met, detail: `${runs}, which ${met ? 'covers' : 'does not cover'} the filing date ${on}` };
  }
  if (check.withinYearsBefore !== undefined) {
    const date = value as string;
    const years = check.withinYearsBefore;
    const earliest = addYears(application.filedOn, -years);
    if (date > application.filedOn)
      return { met: false, detail: `${is}, after the filing date ${application.filedOn}` };
    const met = date >= earliest;
    const span = `${years} year${years === 1 ? '' : 's'}`;
    return {
      met,
      detail: `${is}, ${met ? 'within' : 'more than'} ${span} before the filing date ${application.filedOn}`,
    };
  }
  // The schema guarantees one operator; reaching here means the schema and this function disagree.
  throw new Error(`eligibility check on ${check.field} has no operator`);
}

function show(check: Check, value: FieldValue, currency: string): string {
  if (value instanceof Decimal)
    return APPLICATION_FIELDS[check.field] === 'money' ? displayMoney(value, currency) : value.toString();
  if (typeof value === 'object') return `${value.validFrom} to ${value.validTo}`;
  return String(value);
}
