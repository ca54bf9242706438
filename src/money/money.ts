import { ValidationError } from '../errors';
import { minorUnits, type CurrencyCode, isCurrency } from './currency';
import { Decimal, type Rounding, ZERO, sum } from './decimal';

/** Plain decimal notation, no sign, no exponent, no leading zeros. */
const UNSIGNED_DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * The largest amount cofund accepts has 18 digits before the decimal point (just under a quintillion).
 * Arithmetic runs at 34 significant digits (decimal128): 18 integer digits plus the minor units plus
 * a percentage's own digits stay well inside it, so shares, caps and conversions are always exact.
 */
export const MAX_INTEGER_DIGITS = 18;

export interface ParseMoneyOptions {
  /** Negative amounts are refused unless the caller says they mean something (they rarely do). */
  allowNegative?: boolean;
  /** Zero is refused unless allowed (a posting, a hold, a budget of zero moves nothing). */
  allowZero?: boolean;
}

/**
 * Parses a money string of the wire format: a JSON string with exactly the currency's minor-unit
 * digits ("2400000.00" for MXN, "1500" for JPY). Anything else -- a JS number, "1e6", "10.5",
 * "10.505" -- is refused with the field named, so that nothing is ever silently rounded.
 */
export function parseMoney(
  value: unknown,
  currency: CurrencyCode,
  field: string,
  options: ParseMoneyOptions = {},
): Decimal {
  const fail = (message: string) => ValidationError.field(field, message, 'invalid-money', 422);
  if (!isCurrency(currency)) throw fail(`unknown currency ${JSON.stringify(currency)}`);
  if (typeof value !== 'string') {
    throw fail(`must be a money string such as "${example(currency)}", not a JSON ${jsonType(value)}`);
  }
  const negative = value.startsWith('-');
  const digits = negative ? value.slice(1) : value;
  const match = UNSIGNED_DECIMAL.exec(digits);
  if (!match) throw fail(`"${value}" is not a plain decimal amount such as "${example(currency)}"`);
  if (match[1]!.length > MAX_INTEGER_DIGITS) {
    throw fail(
      `at most ${MAX_INTEGER_DIGITS} digits before the decimal point: amounts this large cannot be computed exactly`,
    );
  }
  const scale = minorUnits(currency);
  const decimals = match[2] ? match[2].length - 1 : 0;
  if (decimals !== scale) {
    throw fail(`${currency} amounts have exactly ${scale} decimal digit(s): "${value}" has ${decimals}`);
  }
  const amount = new Decimal(value);
  if (amount.isNegative() && !amount.isZero() && !options.allowNegative) throw fail('must not be negative');
  if (amount.isZero() && !options.allowZero) throw fail('must be greater than zero');
  return amount;
}

const moneyPatterns = new Map<string, RegExp>();

/**
 * True when parseMoney would accept `value` for `currency` with negatives and zero allowed: the same
 * check without building a Decimal, for code that reads amounts by the 100,000 (statements).
 */
export function isMoneyText(value: unknown, currency: CurrencyCode): value is string {
  let pattern = moneyPatterns.get(currency);
  if (!pattern) {
    if (!isCurrency(currency)) return false;
    const scale = minorUnits(currency);
    const integer = `-?(?:0|[1-9][0-9]{0,${MAX_INTEGER_DIGITS - 1}})`;
    pattern = new RegExp(scale === 0 ? `^${integer}$` : `^${integer}\\.[0-9]{${scale}}$`);
    moneyPatterns.set(currency, pattern);
  }
  return typeof value === 'string' && pattern.test(value);
}

/** The wire form of an amount: fixed notation with exactly the currency's minor-unit digits. */
export function formatMoney(amount: Decimal, currency: CurrencyCode): string {
  const scale = minorUnits(currency);
  if (!amount.equals(amount.toDecimalPlaces(scale))) {
    throw new RangeError(`${amount.toString()} has more than ${scale} decimals for ${currency}`);
  }
  // toFixed never uses exponent notation, unlike toString.
  return amount.toFixed(scale);
}

/** True when the amount has no more decimals than the currency allows. */
export function fitsMinorUnits(amount: Decimal, currency: CurrencyCode): boolean {
  return amount.equals(amount.toDecimalPlaces(minorUnits(currency)));
}

/** Rounds to the currency's minor unit with the rounding rule the call site names. */
export function roundMoney(amount: Decimal, currency: CurrencyCode, rounding: Rounding): Decimal {
  return amount.toDecimalPlaces(minorUnits(currency), rounding);
}

/**
 * Splits `total` into parts proportional to `weights`, each a whole number of minor units, summing
 * exactly to `total` (largest-remainder / Hamilton method). Each part is first rounded toward zero;
 * the minor units left over go one each to the parts with the largest discarded remainders, ties to
 * the earlier part, so the result is deterministic and never off by a cent.
 */
export function allocate(total: Decimal, weights: readonly Decimal[], currency: CurrencyCode): Decimal[] {
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  if (total.isNegative()) throw new RangeError('allocate needs a non-negative total');
  if (weights.some((weight) => weight.isNegative())) throw new RangeError('weights must not be negative');
  if (!fitsMinorUnits(total, currency))
    throw new RangeError(`total ${total.toString()} is not in ${currency} minor units`);
  const weightSum = sum(weights);
  if (weightSum.isZero()) {
    if (!total.isZero()) throw new RangeError('cannot allocate a non-zero total over zero weights');
    return weights.map(() => ZERO);
  }
  const scale = minorUnits(currency);
  const unit = new Decimal(1).dividedBy(new Decimal(10).pow(scale));
  const exact = weights.map((weight) => total.times(weight).dividedBy(weightSum));
  const parts = exact.map((share) => share.toDecimalPlaces(scale, Decimal.ROUND_DOWN));
  let leftoverUnits = total.minus(sum(parts)).dividedBy(unit).toNumber();
  const byRemainder = exact
    .map((share, index) => ({ index, remainder: share.minus(parts[index]!) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const { index } of byRemainder) {
    if (leftoverUnits <= 0) break;
    parts[index] = parts[index]!.plus(unit);
    leftoverUnits -= 1;
  }
  return parts;
}

function example(currency: CurrencyCode): string {
  const scale = isCurrency(currency) ? minorUnits(currency) : 2;
  return scale === 0 ? '1500' : `1500.${'0'.repeat(scale)}`;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
