/**
 * Drizzle's postgres.js driver hands raw-SQL timestamptz values back as PostgreSQL text
 * ("2026-11-23 09:49:32.411752+00"), not Date objects. This reads that text (ISO DateStyle, any
 * session time zone) or passes a Date through.
 */
export function parseTimestamp(value: string | Date): Date {
  if (value instanceof Date) return value;
  const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`unreadable timestamp from PostgreSQL: ${value}`);
  return date;
}

export const parseOptionalTimestamp = (value: string | Date | null): Date | null =>
  value === null ? null : parseTimestamp(value);
