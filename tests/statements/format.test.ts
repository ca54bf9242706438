import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../src/errors';
import { formatAmount, formatPercent, isoDate, toWinAnsi } from '../../src/statements';

// Intl separates French digit groups with a no-break space (U+00A0 or U+202F depending on ICU).
const normaliseSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('amounts per locale and currency', () => {
  test('a decimal string is formatted exactly, never through a float', () => {
    const amount = '12345678901234567.89';
    expect(formatAmount(amount, 'MXN', 'en')).toBe('12,345,678,901,234,567.89');
    expect(formatAmount(amount, 'MXN', 'es-MX')).toBe('12,345,678,901,234,567.89');
    expect(normaliseSpaces(formatAmount(amount, 'MAD', 'fr-MA'))).toBe('12.345.678.901.234.567,89');
    // What a float would have printed: the last digits are lost.
    expect(new Intl.NumberFormat('en', { minimumFractionDigits: 2 }).format(Number(amount))).toBe(
      '12,345,678,901,234,568.00',
    );
  });

  test('with the currency: symbol or code as the locale writes it', () => {
    expect(formatAmount('2400000.00', 'MXN', 'es-MX', { withSymbol: true })).toBe('$2,400,000.00');
    expect(formatAmount('2400000.00', 'MXN', 'en', { withSymbol: true })).toBe('MX$2,400,000.00');
    expect(formatAmount('2400000.00', 'USD', 'es-MX', { withSymbol: true }).replace(/\u00a0/g, ' ')).toBe(
      'USD 2,400,000.00',
    );
    expect(normaliseSpaces(formatAmount('2400000.00', 'MAD', 'fr-MA', { withSymbol: true }))).toBe('2.400.000,00 MAD');
    expect(normaliseSpaces(formatAmount('1500.50', 'EUR', 'fr-MA', { withSymbol: true }))).toBe('1.500,50 €');
  });

  test("the currency's minor units, not two decimals everywhere", () => {
    expect(formatAmount('1500', 'JPY', 'en', { withSymbol: true })).toBe('¥1,500');
    expect(formatAmount('12.345', 'KWD', 'en')).toBe('12.345');
  });

  test('negative amounts carry a minus sign', () => {
    expect(formatAmount('-1234.50', 'MXN', 'es-MX', { withSymbol: true })).toBe('-$1,234.50');
    expect(normaliseSpaces(formatAmount('-1234.50', 'MAD', 'fr-MA'))).toBe('-1.234,50');
    expect(formatAmount('-0.01', 'USD', 'en')).toBe('-0.01');
  });

  test('anything but a money string of the currency is refused, nothing is rounded', () => {
    for (const bad of ['10.5', '10.505', '1e6', '', 'abc', '١٠.٠٠']) {
      expect(() => formatAmount(bad, 'MXN', 'en', { field: 'rows.0.amount' })).toThrow(ValidationError);
    }
    expect(() => formatAmount('10.00', 'JPY', 'en')).toThrow(/JPY amounts have exactly 0 decimal digit/);
    expect(() => formatAmount('10.00', 'XXX', 'en')).toThrow(/unknown currency/);
  });

  test('percentages exactly, up to four decimals', () => {
    expect(formatPercent('25', 'en')).toBe('25%');
    expect(formatPercent('33.3333', 'en')).toBe('33.3333%');
    expect(normaliseSpaces(formatPercent('12.5', 'fr-MA'))).toBe('12,5 %');
    expect(formatPercent('22.7273', 'es-MX')).toMatch(/^22\.7273\s?%$/);
  });
});

describe('dates', () => {
  test('table dates are ISO days in the statement zone', () => {
    const instant = new Date('2025-01-01T05:30:00Z');
    expect(isoDate(instant, 'UTC')).toBe('2025-01-01');
    expect(isoDate(instant, 'America/Mexico_City')).toBe('2024-12-31');
    expect(isoDate(new Date('2025-06-30T23:30:00Z'), 'Africa/Casablanca')).toBe('2025-07-01');
  });
});

describe('text for the standard PDF fonts (WinAnsi)', () => {
  test('Spanish and French letters, the euro and typographic quotes are kept', () => {
    const text = 'Aportación, señor, façade, cœur, «déjà», “quote” – 50 € Œuvre Ÿ';
    expect(toWinAnsi(text)).toBe(text);
  });

  test('what Intl and keyboards produce but WinAnsi lacks gets a faithful stand-in', () => {
    expect(toWinAnsi('1\u202f234,50\u00a0MAD')).toBe('1\u00a0234,50\u00a0MAD');
    expect(toWinAnsi('\u22125')).toBe('-5');
    expect(toWinAnsi('e\u0301')).toBe('é'); // decomposed accent composed
    expect(toWinAnsi('line one\nline two\ttab')).toBe('line one line two tab');
    expect(toWinAnsi('\u200eabc\u200f')).toBe('abc');
  });

  test('other scripts become "?", never garbage', () => {
    expect(toWinAnsi('Tanger طنجة')).toBe('Tanger ????');
    expect(toWinAnsi('😀')).toBe('?');
  });
});
