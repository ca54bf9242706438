import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../src/errors';
import { Decimal, formatMoney, minorUnits } from '../../src/money';
import { MinorUnits, SectionTally } from '../../src/statements/tally';
import { projectSection } from './support/fixtures';

describe('adding up a section', () => {
  // Amounts are added in whole minor units (bigint): the same sums as decimal arithmetic, at any size.
  const money = fc
    .tuple(fc.constantFrom('MXN', 'JPY', 'KWD'), fc.array(fc.bigInt({ min: -(10n ** 18n - 1n), max: 10n ** 18n - 1n })))
    .map(([currency, units]) => {
      const scale = minorUnits(currency);
      const texts = units.map((unit) => formatMoney(new Decimal(unit.toString()).dividedBy(10 ** scale), currency));
      return { currency, texts };
    });

  test('reads and writes money strings exactly, and sums them as decimals do', () => {
    fc.assert(
      fc.property(money, ({ currency, texts }) => {
        const reader = new MinorUnits(currency);
        let total = 0n;
        let decimal = new Decimal(0);
        for (const text of texts) {
          const units = reader.read(text, 'x', { allowNegative: true, allowZero: true });
          expect(reader.format(units)).toBe(text);
          total += BigInt(units);
          decimal = decimal.plus(text);
        }
        expect(reader.format(total)).toBe(formatMoney(decimal, currency));
      }),
    );
  });

  test('refuses what parseMoney refuses, naming the row', () => {
    const reader = new MinorUnits('MXN');
    for (const bad of ['1.5', '1e3', '01.00', '-0.00', '0.00', '-1.00', '1234567890123456789.00']) {
      expect(() => reader.read(bad, 'rows.7.amount')).toThrow(ValidationError);
    }
    expect(reader.read('-0.00', 'balance', { allowNegative: true, allowZero: true })).toBe(0);
    // Past what a number holds exactly, a bigint.
    expect(reader.read('123456789012345678.90', 'balance')).toBe(12345678901234567890n);
    const section = projectSection({ rows: [], rowCount: 0 });
    const tally = new SectionTally(section);
    expect(() =>
      tally.add({
        entryId: '1',
        bookedAt: '2025-03-01T00:00:00.000Z',
        effectiveAt: '2025-03-01T00:00:00.000Z',
        kind: 'k',
        memo: '',
        counterAccounts: [],
        side: 'debit',
        amount: '10.5',
        balanceAfter: '1010.50',
      }),
    ).toThrow(
      expect.objectContaining({
        errors: [expect.objectContaining({ field: 'sections[APP-1/PROJECT].rows.0.amount' })],
      }),
    );
  });
});
