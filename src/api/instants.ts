import { z } from '@hono/zod-openapi';
import { INSTANT_RANGE_MESSAGE, isStorableInstant } from '../input';

/**
 * An instant in a query string (`?at=`, `?from=`, `?to=`): ISO-8601 with a time zone, so that the
 * same URL means the same instant wherever it is sent from. A bare date is refused: the books
 * count in instants, and "2026-03-31" would have to guess a zone and a time of day. In a URL the
 * `+` of an offset must be escaped (`%2B`); `Z` needs no escaping.
 */
export const instantQuery = (name: string, description: string) =>
  z.iso
    .datetime({ offset: true, error: 'must be an ISO-8601 instant with a time zone, such as 2026-03-31T23:59:59Z' })
    // Only an instant the format let through is judged by its range (one message per field).
    .refine((value) => Number.isNaN(Date.parse(value)) || isStorableInstant(new Date(value)), INSTANT_RANGE_MESSAGE)
    .optional()
    .openapi({
      param: { name, in: 'query' },
      description:
        `${description} ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); ` + 'a bare date is refused.',
      example: '2026-03-31T23:59:59Z',
    });

export const toInstant = (value: string | undefined): Date | undefined =>
  value === undefined ? undefined : new Date(value);

/** An optional instant in a response body: ISO-8601 in UTC, or null. */
export const iso = (date: Date | null) => date?.toISOString() ?? null;
