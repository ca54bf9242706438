import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, addYears, isBusinessDay, type Holiday } from '../../src/rules';

const MEXICO: Holiday[] = [
  { month: 1, day: 1 },
  { month: 2, weekday: 'monday', nth: 1 },
  { month: 3, weekday: 'monday', nth: 3 },
  { month: 5, day: 1 },
  { month: 9, day: 16 },
  { month: 11, weekday: 'monday', nth: 3 },
  { month: 12, day: 25 },
];

describe('addBusinessDays', () => {
  it.each([
    ['Friday + 1 is Monday', '2014-03-07', 1, [], '2014-03-10'],
    ['Saturday + 1 is Monday', '2014-03-08', 1, [], '2014-03-10'],
    ['0 days is the same day', '2014-03-08', 0, [], '2014-03-08'],
    ['20 days from Monday 3 March 2014, no holidays', '2014-03-03', 20, [], '2014-03-31'],
    ['... skipping Monday 17 March (3rd Monday of March)', '2014-03-03', 20, MEXICO, '2014-04-01'],
    ['a dated holiday', '2018-11-29', 2, ['2018-12-03'], '2018-12-04'],
    ['Christmas and New Year', '2013-12-20', 5, MEXICO, '2013-12-30'],
    ['into the next year', '2013-12-30', 2, MEXICO, '2014-01-02'],
  ] as const)('%s', (_title, date, days, holidays, expected) => {
    expect(addBusinessDays(date, days, holidays as unknown as Holiday[])).toBe(expected);
  });

  it('counts an instant from its UTC date', () => {
    expect(addBusinessDays(new Date('2014-03-07T23:00:00Z'), 1)).toBe('2014-03-10');
  });

  it('knows the nth and last weekday of a month', () => {
    expect(isBusinessDay('2014-02-03', MEXICO)).toBe(false); // 1st Monday of February
    expect(isBusinessDay('2014-02-10', MEXICO)).toBe(true);
    expect(isBusinessDay('2014-11-17', MEXICO)).toBe(false); // 3rd Monday of November
    expect(isBusinessDay('2014-05-26', [{ month: 5, weekday: 'monday', nth: -1 }])).toBe(false); // last Monday of May
    expect(isBusinessDay('2014-05-19', [{ month: 5, weekday: 'monday', nth: -1 }])).toBe(true);
  });

  it('refuses nonsense', () => {
    expect(() => addBusinessDays('2014-02-30', 1)).toThrow(RangeError);
    expect(() => addBusinessDays('2014-03-03', -1)).toThrow(RangeError);
    expect(() => addBusinessDays('2014-03-03', 1.5)).toThrow(RangeError);
  });

  it('always lands on a business day, after the start, with exactly n business days in between', () => {
    const day = fc
      .integer({ min: 0, max: 365 * 20 })
      .map((offset) => new Date(Date.UTC(2008, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const end = addBusinessDays(start, n, MEXICO);
        expect(isBusinessDay(end, MEXICO)).toBe(true);
        let count = 0;
        for (let current = start; current < end;) {
          current = new Date(Date.parse(`${current}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          if (isBusinessDay(current, MEXICO)) count += 1;
        }
        expect(count).toBe(n);
      }),
    );
  });
});

describe('addYears', () => {
  it('keeps the day, and 29 February becomes 28 February', () => {
    expect(addYears('2016-06-12', -1)).toBe('2015-06-12');
    expect(addYears('2016-02-29', 1)).toBe('2017-02-28');
    expect(addYears('2016-02-29', 4)).toBe('2020-02-29');
  });
});
