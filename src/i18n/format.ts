import { Decimal, isMoneyText, minorUnits, parseMoney } from '../money';
import type { Locale } from './locales';

/*
 * Locale formatting of amounts, numbers, dates and lists, for documents and pages alike. Amounts stay
 * strings end to end: Intl.NumberFormat.format accepts a decimal string and formats it exactly
 * (ES2023 Intl.NumberFormat v3; Node 20 and workerd have it), so "12345678901234567.89" never goes
 * through a float.
 */

/** One Intl formatter per locale and options: building one costs far more than using it. */
function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/**
 * A ledger amount (a money string with exactly the currency's minor-unit digits, possibly negative)
 * in the locale's notation; with the currency symbol or code when `withSymbol`. Refuses anything that
 * is not such a string, so that nothing is ever rounded on the way to paper.
 */
export function formatAmount(
  amount: string,
  currency: string,
  locale: Locale,
  { withSymbol = false, field = 'amount' }: { withSymbol?: boolean; field?: string } = {},
): string {
  if (!isMoneyText(amount, currency)) parseMoney(amount, currency, field, { allowNegative: true, allowZero: true });
  const digits = minorUnits(currency);
  const notation = withSymbol ? null : plainNotation(locale, digits);
  if (notation) return plainAmount(amount, digits, notation);
  return numberFormat(locale, {
    ...(withSymbol ? { style: 'currency', currency } : { style: 'decimal' }),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount as Intl.StringNumericLiteral);
}

/** How a locale writes a plain amount: separators, minus sign, and from how many digits it groups. */
interface Notation {
  group: string;
  decimal: string;
  minus: string;
  groupFrom: number;
}

const notations = new Map<string, Notation | null>();
/** Amounts whose Intl notation a Notation must reproduce before it is trusted. */
const NOTATION_PROBES = ['0', '-0', '7', '-7', '42', '123', '1234', '-1234', '12345', '123456', '1234567', '-9876543'];

/**
 * The locale's plain (no symbol) notation for `digits` decimals, read from Intl once, or null when
 * grouping it by threes does not reproduce Intl on every probe (then Intl formats each amount).
 * Statements print two amounts per row: Intl costs microseconds each, this a few string operations.
 */
function plainNotation(locale: Locale, digits: number): Notation | null {
  return cached(notations, `${locale}|${digits}`, () => {
    const format = numberFormat(locale, {
      style: 'decimal',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    const fraction = digits === 0 ? '' : `.${'5'.repeat(digits)}`;
    const part = (type: string, fallback: string) =>
      format.formatToParts(`-1234567${fraction}` as Intl.StringNumericLiteral).find((p) => p.type === type)?.value ??
      fallback;
    const notation = {
      group: part('group', ''),
      decimal: part('decimal', '.'),
      minus: part('minusSign', '-'),
      groupFrom: format.format('1234' as Intl.StringNumericLiteral).length > 4 ? 4 : 5,
    };
    const probes = NOTATION_PROBES.flatMap((integer) => [
      `${integer}${fraction}`,
      `${integer}${digits === 0 ? '' : `.${'0'.repeat(digits - 1)}9`}`,
    ]).concat(['123456789012345678', '-999999999999999999'].map((integer) => integer + fraction));
    const faithful = probes.every(
      (probe) => plainAmount(probe, digits, notation) === format.format(probe as Intl.StringNumericLiteral),
    );
    return faithful ? notation : null;
  });
}

/** A money string (already checked) in a Notation: the integer part grouped by threes. */
function plainAmount(amount: string, digits: number, notation: Notation): string {
  const negative = amount.charCodeAt(0) === 45;
  const unsigned = negative ? amount.slice(1) : amount;
  const integer = digits === 0 ? unsigned : unsigned.slice(0, -digits - 1);
  let grouped = integer;
  if (integer.length >= notation.groupFrom) {
    let end = integer.length % 3 || 3;
    grouped = integer.slice(0, end);
    for (; end < integer.length; end += 3) grouped += notation.group + integer.slice(end, end + 3);
  }
  const text = digits === 0 ? grouped : grouped + notation.decimal + unsigned.slice(-digits);
  return negative ? notation.minus + text : text;
}

export function isNegativeAmount(amount: string): boolean {
  return amount.startsWith('-') && /[1-9]/.test(amount);
}

/** A percentage given in percent units ("33.3333" means 33.3333 %), exactly, up to 4 decimals. */
export function formatPercent(percent: string, locale: Locale): string {
  const fraction = new Decimal(percent).dividedBy(100).toFixed();
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 4 }).format(
    fraction as Intl.StringNumericLiteral,
  );
}

/** A plain decimal number ("12.5", "1000"), exactly, with the locale's separators. */
export function formatNumber(value: string, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 20 }).format(
    new Decimal(value).toFixed() as Intl.StringNumericLiteral,
  );
}

/** "5 years" / "5 años" / "5 ans", with the locale's plural. */
export function formatYears(years: number, locale: Locale): string {
  return numberFormat(locale, { style: 'unit', unit: 'year', unitDisplay: 'long' }).format(years);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(
    dateFormats,
    `${locale}|${timeZone}|${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(locale, { ...options, timeZone }),
  );
}

/** "31 ene 2025" / "31 janv. 2025" / "Jan 31, 2025" in the given zone. */
export function formatDate(date: Date, locale: Locale, timeZone = 'UTC'): string {
  return dateFormat(locale, timeZone, { dateStyle: 'medium' }).format(date);
}

/** A calendar date `YYYY-MM-DD` (a filing date, a validity bound) as the locale writes it; no zone can shift it. */
export function formatCalendarDate(date: string, locale: Locale): string {
  return formatDate(new Date(`${date}T00:00:00Z`), locale, 'UTC');
}

/** Date and time to the minute, followed by the zone name unless the caller prints it once elsewhere. */
export function formatDateTime(date: Date, locale: Locale, timeZone = 'UTC', { zone = true } = {}): string {
  const text = dateFormat(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(date);
  return zone ? `${text} ${timeZone}` : text;
}

/**
 * YYYY-MM-DD in the given zone: table dates are ISO in every locale, since 03/04/2025 reads as two
 * different days to a Mexican and to a US auditor.
 */
export function isoDate(date: Date, timeZone = 'UTC'): string {
  // Every zone offset in use is a multiple of 15 minutes, so all instants of a quarter hour share a
  // date; rows come in time order, so this cache saves formatting the same day over and over.
  const key = `${timeZone}|${Math.floor(date.getTime() / 900_000)}`;
  let text = isoDates.get(key);
  if (text === undefined) {
    const parts = dateFormat('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
      date,
    );
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    text = `${part('year')}-${part('month')}-${part('day')}`;
    if (isoDates.size >= 4096) isoDates.clear();
    isoDates.set(key, text);
  }
  return text;
}

const isoDates = new Map<string, string>();

/** isoDate of an instant written in ISO 8601 UTC ("2025-03-01T15:00:00.000Z"): in UTC, its date part. */
export function isoDateOf(instant: string, timeZone = 'UTC'): string {
  return timeZone === 'UTC' ? instant.slice(0, 10) : isoDate(new Date(instant), timeZone);
}

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * "federal, state and municipal" / "federal, estatal y municipal" / "fédéral, État et municipal";
 * `unit` lists with commas only ("a, b, c").
 */
export function formatList(items: readonly string[], locale: Locale, type: 'conjunction' | 'unit' = 'conjunction') {
  return cached(listFormats, `${locale}|${type}`, () => new Intl.ListFormat(locale, { type, style: 'long' })).format(
    items,
  );
}
