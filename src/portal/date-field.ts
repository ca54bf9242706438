import type { FieldError } from '../errors';

const DAY_MS = 86_400_000;

/** A date field (YYYY-MM-DD) as the instant its day starts in UTC; `endOfDay` gives the next midnight. */
export function dateInstant(
  value: string | undefined,
  field: string,
  errors: FieldError[],
  message: string,
  endOfDay = false,
) {
  if (!value) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    errors.push({ field, message });
    return undefined;
  }
  return endOfDay ? new Date(date.getTime() + DAY_MS) : date;
}

/** An end date cannot be in the future for balances: a day not over yet counts up to now. */
export const notAfterNow = (date: Date | undefined) => (date && date.getTime() > Date.now() ? undefined : date);
