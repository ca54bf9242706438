import DecimalJs from 'decimal.js';

/**
 * The only Decimal constructor cofund uses. 34 significant digits (IEEE decimal128) so that
 * products of large amounts and rates never lose a digit; banker's rounding by default, but every
 * place that rounds money says which rule it uses. Never mutate the global decimal.js instance.
 */
export const Decimal = DecimalJs.clone({
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;
export type Rounding = DecimalJs.Rounding;

export const ZERO = new Decimal(0);

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}
