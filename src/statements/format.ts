/*
 * What only documents need: short account codes and text the standard PDF fonts can draw. Amounts,
 * dates and percentages are formatted per locale in src/i18n, shared with the pages.
 */
export { formatAmount, formatDate, formatDateTime, formatPercent, isNegativeAmount, isoDate, isoDateOf } from '../i18n';

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
/** The characters above Latin-1 that WinAnsi encodes (in the bytes 0x80-0x9f). */
export const WIN_ANSI_HIGH = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
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
