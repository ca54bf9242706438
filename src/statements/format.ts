import { Decimal, minorUnits, parseMoney } from '../money';
import type { StatementLocale } from './model';

/*
 * Locale formatting of amounts and dates. Amounts stay strings end to end: Intl.NumberFormat.format
 * accepts a decimal string and formats it exactly (ES2023 Intl.NumberFormat v3; Node 20 and workerd
 * have it), so "12345678901234567.89" never goes through a float.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: StatementLocale, currency: string, withSymbol: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency}|${withSymbol}`;
  let format = numberFormats.get(key);
  if (!format) {
    const digits = minorUnits(currency);
    format = new Intl.NumberFormat(locale, {
      ...(withSymbol ? { style: 'currency', currency } : { style: 'decimal' }),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * A ledger amount (a money string with exactly the currency's minor-unit digits, possibly negative)
 * in the locale's notation; with the currency symbol or code when `withSymbol`. Refuses anything that
 * is not such a string, so that nothing is ever rounded on the way to paper.
 */
export function formatAmount(
  amount: string,
  currency: string,
  locale: StatementLocale,
  { withSymbol = false, field = 'amount' }: { withSymbol?: boolean; field?: string } = {},
): string {
  parseMoney(amount, currency, field, { allowNegative: true, allowZero: true });
  return numberFormat(locale, currency, withSymbol).format(amount as Intl.StringNumericLiteral);
}

export function isNegativeAmount(amount: string): boolean {
  return amount.startsWith('-') && /[1-9]/.test(amount);
}

const percentFormats = new Map<StatementLocale, Intl.NumberFormat>();

/** A percentage given in percent units ("33.3333" means 33.3333 %), exactly, up to 4 decimals. */
export function formatPercent(percent: string, locale: StatementLocale): string {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 4 });
    percentFormats.set(locale, format);
  }
  const fraction = new Decimal(percent).dividedBy(100).toFixed();
  return format.format(fraction as Intl.StringNumericLiteral);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    dateFormats.set(key, format);
  }
  return format;
}

/** "31 ene 2025" / "31 janv. 2025" / "Jan 31, 2025" in the given zone. */
export function formatDate(date: Date, locale: StatementLocale, timeZone = 'UTC'): string {
  return dateFormat(locale, timeZone, { dateStyle: 'medium' }).format(date);
}

/** Date and time to the minute, followed by the zone name unless the caller prints it once elsewhere. */
export function formatDateTime(date: Date, locale: StatementLocale, timeZone = 'UTC', { zone = true } = {}): string {
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

const UUID = /([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * An account code as a table cell prints it: a UUID inside it (`application:<id>:club:share`) is cut
 * to its first 8 digits, so that the party and the account's role still fit the column. The section
 * heading, CSV and JSON carry the code whole.
 */
export function compactCode(code: string): string {
  return code.replace(UUID, '$1…');
}

/*
 * The 14 standard PDF fonts, which every viewer has and which need no font file (so rendering needs
 * no file system, on Workers too), encode text in WinAnsi: Latin-1 plus 27 characters such as € and
 * the typographic quotes. It covers Spanish and French (é, ñ, ç, œ, «»), not Arabic script.
 */
const WIN_ANSI_HIGH = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const winAnsiHigh = new Set(WIN_ANSI_HIGH);
/** What Intl and typed text use that WinAnsi lacks but has a faithful stand-in for. */
const STAND_INS: ReadonlyMap<string, string> = new Map([
  ['\u2212', '-'], // minus sign
  ['\u2010', '-'],
  ['\u2011', '-'], // non-breaking hyphen
  ['\u2012', '–'],
  ['\u202f', '\u00a0'], // narrow no-break space (French digit groups, times in English)
  ['\u2007', '\u00a0'],
  ['\u2002', ' '],
  ['\u2003', ' '],
  ['\u2009', ' '],
  ['\u200a', ' '],
  ['\u2028', ' '],
  ['\u2029', ' '],
]);
/** Invisible direction and joining marks: dropping them changes nothing visible in Latin text. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * Text as the standard fonts can draw it: characters outside WinAnsi become their stand-in or "?",
 * control characters (newlines in a memo) a space. Without this pdfkit would silently draw garbage.
 */
export function toWinAnsi(text: string): string {
  if (PLAIN_ASCII.test(text)) return text;
  let out = '';
  for (const char of text.normalize('NFC').replace(INVISIBLE, '')) {
    const code = char.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || winAnsiHigh.has(char)) out += char;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else out += STAND_INS.get(char) ?? '?';
  }
  return out;
}
