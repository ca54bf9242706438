import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../src/money';
import {
  LOCALES,
  fillTemplate,
  formatAmount,
  formatCalendarDate,
  formatList,
  formatNumber,
  formatYears,
  matchLocale,
  negotiateLocale,
  placeholders,
} from '../../src/i18n';

// Intl separates French digit groups and units with no-break spaces (U+00A0 or U+202F by ICU version).
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the reader locale from Accept-Language', () => {
  it.each([
    ['es-MX,es;q=0.9,en;q=0.8', 'es-MX'],
    ['fr-FR, fr;q=0.9', 'fr-MA'],
    ['de-DE, fr;q=0.8, es;q=0.5', 'fr-MA'],
    ['en-US,en;q=0.9', 'en'],
    ['es;q=0.2, fr;q=0.7', 'fr-MA'],
    ['es, fr', 'es-MX'],
    ['fr;q=0, es;q=0.1', 'es-MX'],
    ['de-DE, ja', 'en'],
    ['*', 'en'],
    ['', 'en'],
    ['ES-mx', 'es-MX'],
    ['es;q=abc, fr', 'fr-MA'],
  ])('%j reads %s', (header, locale) => {
    expect(negotiateLocale(header, 'en')).toBe(locale);
  });

  it('falls back when there is no header, and never answers a locale cofund does not speak', () => {
    expect(negotiateLocale(undefined, 'fr-MA')).toBe('fr-MA');
    expect(negotiateLocale(null, 'es-MX')).toBe('es-MX');
    fc.assert(
      fc.property(fc.string(), (header) => {
        expect(LOCALES).toContain(negotiateLocale(header, 'en'));
      }),
    );
    expect(matchLocale('pt-BR')).toBeUndefined();
  });
});

describe('locale formatting', () => {
  it('writes calendar dates in the locale, whatever the process time zone', () => {
    expect(formatCalendarDate('2014-02-20', 'en')).toBe('Feb 20, 2014');
    expect(formatCalendarDate('2014-02-20', 'es-MX')).toBe('20 feb 2014');
    expect(plain(formatCalendarDate('2014-02-20', 'fr-MA'))).toBe('20 fév. 2014');
    expect(formatCalendarDate('2014-01-01', 'es-MX')).toBe('1 ene 2014');
  });

  it('writes years with their plural, lists with the locale conjunction, numbers exactly', () => {
    expect([formatYears(1, 'en'), formatYears(5, 'en')]).toEqual(['1 year', '5 years']);
    expect(formatYears(5, 'es-MX')).toBe('5 años');
    expect(plain(formatYears(1, 'fr-MA'))).toBe('1 an');
    expect(formatList(['federal', 'state', 'municipal'], 'es-MX')).toBe('federal, state y municipal');
    expect(formatList(['a', 'b'], 'fr-MA')).toBe('a et b');
    expect(formatList(['a', 'b', 'c'], 'en', 'unit')).toBe('a, b, c');
    expect(formatNumber('12345678901234567.89', 'en')).toBe('12,345,678,901,234,567.89');
    expect(plain(formatNumber('0.0001', 'fr-MA'))).toBe('0,0001');
  });
});

describe('templates', () => {
  it('list their placeholders and refuse stray braces', () => {
    expect(placeholders('{party} pays {percent} of {base}: {amount}, {party}')).toEqual({
      names: ['party', 'percent', 'base', 'amount'],
    });
    expect(placeholders('{amount} is {left')).toEqual({ error: 'braces are only for placeholders such as {party}' });
    expect(placeholders('no placeholder')).toEqual({ names: [] });
  });

  it('fill each placeholder, and never read a filled value as a template', () => {
    const filled = fillTemplate('{a} and {b} then {a}', (name) => (name === 'a' ? '{b}' : 'B'));
    expect(filled).toBe('{b} and B then {b}');
  });
});

describe('amounts', () => {
  // formatAmount writes plain amounts itself (grouping by threes with the separators Intl gave it);
  // it must write exactly what Intl writes for every amount, in every locale and minor unit.
  const amount = fc
    .tuple(fc.constantFrom('MXN', 'JPY', 'KWD', 'MAD'), fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 22n - 1n }))
    .map(([currency, negative, units]) => {
      const scale = minorUnits(currency);
      const digits = units.toString().padStart(scale + 1, '0');
      const integer = digits
        .slice(0, digits.length - scale)
        .slice(-18)
        .replace(/^0+(?=\d)/, '');
      const text = scale === 0 ? integer : `${integer}.${digits.slice(-scale)}`;
      return { currency, text: negative ? `-${text}` : text };
    });

  it('writes a plain amount exactly as Intl does', () => {
    fc.assert(
      fc.property(amount, fc.constantFrom(...LOCALES), ({ currency, text }, locale) => {
        const digits = minorUnits(currency);
        const intl = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        expect(formatAmount(text, currency, locale)).toBe(intl.format(text as Intl.StringNumericLiteral));
      }),
      { numRuns: 2000 },
    );
  });
});
