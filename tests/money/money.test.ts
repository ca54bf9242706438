import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';
import { Decimal, allocate, formatMoney, minorUnits, parseMoney, sum } from '../../src/money';

describe('parseMoney', () => {
  it('accepts exactly the minor-unit digits of the currency', () => {
    expect(parseMoney('2400000.00', 'MXN', 'totalCost').toFixed(2)).toBe('2400000.00');
    expect(parseMoney('1500', 'JPY', 'amount').toFixed(0)).toBe('1500');
    expect(parseMoney('1.250', 'KWD', 'amount').toFixed(3)).toBe('1.250');
  });

  it.each([
    [2400000, 'a JSON number'],
    ['2400000', 'no decimals'],
    ['2400000.5', 'one decimal'],
    ['1.005', 'three decimals'],
    ['1e6', 'exponent form'],
    ['-10.00', 'negative'],
    ['0.00', 'zero'],
    ['007.00', 'leading zeros'],
    ['1000000000000000000.00', 'more than 18 integer digits'],
    [' 10.00', 'whitespace'],
    ['10,00', 'comma'],
    [null, 'null'],
  ])('refuses %j (%s) naming the field', (value, why) => {
    try {
      parseMoney(value, 'MXN', 'body.totalCost');
      expect.unreachable();
    } catch (error) {
      expect(error, why).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors[0]?.field).toBe('body.totalCost');
    }
  });

  it('accepts the largest amount it can compute exactly', () => {
    expect(parseMoney('999999999999999999.99', 'MXN', 'x').toFixed(2)).toBe('999999999999999999.99');
  });

  it('allows zero and negatives only when asked', () => {
    expect(parseMoney('0.00', 'MXN', 'x', { allowZero: true }).isZero()).toBe(true);
    expect(parseMoney('-5.00', 'MXN', 'x', { allowNegative: true }).toFixed(2)).toBe('-5.00');
  });

  it('refuses unknown currencies', () => {
    expect(() => parseMoney('1.00', 'XXQ', 'x')).toThrow(/unknown currency/);
  });
});

describe('formatMoney', () => {
  it('never uses exponent notation and keeps trailing zeros', () => {
    expect(formatMoney(new Decimal('1e21'), 'USD')).toBe('1000000000000000000000.00');
    expect(formatMoney(new Decimal('5'), 'MAD')).toBe('5.00');
  });
  it('refuses to round silently', () => {
    expect(() => formatMoney(new Decimal('1.005'), 'MXN')).toThrow();
  });
});

describe('allocate (largest remainder)', () => {
  it('splits 100.00 three ways into 33.34 / 33.33 / 33.33', () => {
    const parts = allocate(
      new Decimal('100.00'),
      [1, 1, 1].map((w) => new Decimal(w)),
      'USD',
    );
    expect(parts.map((p) => p.toFixed(2))).toEqual(['33.34', '33.33', '33.33']);
  });

  it('gives the leftover cents to the largest remainders, not the first parts', () => {
    // 10.00 by 0.1/0.45/0.45: exact 1.00/4.50/4.50 -- nothing to round.
    // 10.01 by 1/2/2: exact 2.002/4.004/4.004 -> 2.00/4.00/4.00 + 1 cent to the largest remainder (index 1).
    const parts = allocate(
      new Decimal('10.01'),
      [1, 2, 2].map((w) => new Decimal(w)),
      'USD',
    );
    expect(parts.map((p) => p.toFixed(2))).toEqual(['2.00', '4.01', '4.00']);
  });

  const currency = fc.constantFrom('MXN', 'JPY', 'KWD', 'MAD');
  it('always sums exactly to the total, in whole minor units, each part within a unit of its exact share', () => {
    fc.assert(
      fc.property(
        currency,
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 })
          .filter((ws) => ws.some((w) => w > 0)),
        (code, units, rawWeights) => {
          const scale = minorUnits(code);
          const total = new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale));
          const weights = rawWeights.map((w) => new Decimal(w));
          const parts = allocate(total, weights, code);
          expect(sum(parts).equals(total)).toBe(true);
          const weightSum = sum(weights);
          const unit = new Decimal(1).dividedBy(new Decimal(10).pow(scale));
          parts.forEach((part, i) => {
            expect(part.decimalPlaces()).toBeLessThanOrEqual(scale);
            expect(part.isNegative()).toBe(false);
            const exact = total.times(weights[i]!).dividedBy(weightSum);
            expect(part.minus(exact).abs().lessThan(unit)).toBe(true);
          });
        },
      ),
    );
  });
});
