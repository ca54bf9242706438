/**
 * Instants cofund stores and compares in PostgreSQL timestamptz. A JS Date reaches years
 * -271821 to 275760 and PostgreSQL has no year 0; an instant outside years 1 to 9999 is refused
 * with the field's name rather than failing inside a query. Four-digit years are also all that
 * ISO-8601 text carries without a sign.
 */
const FIRST = new Date('0001-01-01T00:00:00.000Z').getTime();
const LAST = new Date('9999-12-31T23:59:59.999Z').getTime();

export const INSTANT_RANGE_MESSAGE = 'must be between the years 0001 and 9999';

export function isStorableInstant(instant: Date): boolean {
  const time = instant.getTime();
  return !Number.isNaN(time) && time >= FIRST && time <= LAST;
}
