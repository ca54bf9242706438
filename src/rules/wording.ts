import { Decimal, minorUnits, type CurrencyCode } from '../money';

/**
 * How the trace writes amounts and lists for people: "MXN 1,000,000.00", "state and municipal".
 * Display only -- plan amounts are always the exact wire strings.
 */
export function displayMoney(amount: Decimal, currency: CurrencyCode): string {
  return displayFixedMoney(amount.toFixed(minorUnits(currency), Decimal.ROUND_HALF_EVEN), currency);
}

/** `displayMoney` of an amount already written with the currency's minor digits ("1000000.00"). */
export function displayFixedMoney(fixed: string, currency: CurrencyCode): string {
  const [whole = '', fraction] = fixed.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${fixed.startsWith('-') ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** An amount as a message parameter: rounded to the minor unit as `displayMoney` shows it. */
export function moneyParam(amount: Decimal, currency: CurrencyCode): { amount: string; currency: string } {
  return { amount: amount.toFixed(minorUnits(currency), Decimal.ROUND_HALF_EVEN), currency };
}

/** A percentage as a decimal string with at most 4 decimals, trailing zeros dropped: "25", "22.7273". */
export function percentText(value: Decimal): string {
  return value.toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN).toFixed();
}

export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
