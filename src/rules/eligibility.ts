import { Decimal, minorUnits, parseMoney } from '../money';
import { APPLICATION_FIELDS, fieldValue, type Application, type FieldValue, type Period } from './application';
import { addYears } from './dates';
import { message, type FieldValueParam, type Message } from './messages';
import type { ConditionData, EligibilityRuleData } from './schema';

export type EligibilityOutcome = { applies: false } | { applies: true; met: boolean; detail: Message };

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

function test(check: Check, application: Application): { met: boolean; detail: Message } {
  const { field } = check;
  const value = fieldValue(application, field);
  const { filedOn, currency } = application;
  if (value === undefined) {
    return check.ifMissing === 'pass'
      ? { met: true, detail: message('detail.not-declared', { field }) }
      : { met: false, detail: message('detail.not-given', { field }) };
  }
  const shown = valueParam(check, value, currency);
  const is = message('detail.is', { field, value: shown });
  if (check.in !== undefined) {
    const met = check.in.includes(String(value));
    return { met, detail: met ? is : message('detail.not-one-of', { field, value: shown, allowed: check.in }) };
  }
  if (check.notIn !== undefined) {
    const met = !check.notIn.includes(String(value));
    return { met, detail: met ? is : message('detail.excluded', { field, value: shown }) };
  }
  if (check.equals !== undefined) {
    const met = value === check.equals;
    const expected = operandParam(check.equals);
    return { met, detail: met ? is : message('detail.not-equal', { field, value: shown, expected }) };
  }
  if (check.notEquals !== undefined) return { met: value !== check.notEquals, detail: is };
  if (check.min !== undefined || check.max !== undefined) {
    const amount = value as Decimal;
    const isMoney = APPLICATION_FIELDS[field] === 'money';
    const bound = (operand: string | number) =>
      isMoney ? parseMoney(operand, currency, field, { allowZero: true }) : new Decimal(operand);
    const min = check.min === undefined ? undefined : bound(check.min);
    const max = check.max === undefined ? undefined : bound(check.max);
    const boundParam = (limit: Decimal) => numericParam(limit, isMoney, currency);
    if (min && amount.lessThan(min)) {
      return { met: false, detail: message('detail.below-min', { field, value: shown, bound: boundParam(min) }) };
    }
    if (max && amount.greaterThan(max)) {
      return { met: false, detail: message('detail.above-max', { field, value: shown, bound: boundParam(max) }) };
    }
    return { met: true, detail: is };
  }
  if (check.validOn !== undefined) {
    const period = value as Period;
    const met = period.validFrom <= filedOn && filedOn <= period.validTo;
    const params = { field, from: period.validFrom, to: period.validTo, filedOn };
    return { met, detail: message(met ? 'detail.period-covers' : 'detail.period-not-covers', params) };
  }
  if (check.withinYearsBefore !== undefined) {
    const date = value as string;
    const years = check.withinYearsBefore;
    if (date > filedOn) return { met: false, detail: message('detail.after-filing', { field, value: shown, filedOn }) };
    const met = date >= addYears(filedOn, -years);
    const params = { field, value: shown, years, filedOn };
    return { met, detail: message(met ? 'detail.within-years' : 'detail.more-than-years', params) };
  }
  // The schema guarantees one operator; reaching here means the schema and this function disagree.
  throw new Error(`eligibility check on ${field} has no operator`);
}

function numericParam(value: Decimal, isMoney: boolean, currency: string): FieldValueParam {
  return isMoney
    ? { kind: 'money', amount: value.toFixed(minorUnits(currency), Decimal.ROUND_HALF_EVEN), currency }
    : { kind: 'number', value: value.toString() };
}

function operandParam(operand: string | boolean): FieldValueParam {
  return typeof operand === 'boolean' ? { kind: 'flag', value: operand } : { kind: 'text', value: operand };
}

function valueParam(check: Check, value: FieldValue, currency: string): FieldValueParam {
  const kind = APPLICATION_FIELDS[check.field];
  if (value instanceof Decimal) return numericParam(value, kind === 'money', currency);
  if (typeof value === 'object') return { kind: 'period', from: value.validFrom, to: value.validTo };
  if (typeof value === 'boolean') return { kind: 'flag', value };
  return kind === 'date' ? { kind: 'date', value } : { kind: 'text', value };
}
