import type { Position } from '../db';
import { ValidationError } from '../errors';
import { isStorableInstant } from '../input';
import { UuidSchema } from './schemas';

/*
 * Lists are newest first, paged by an opaque cursor: the (time, id) of the last item shown, so a
 * page never repeats or skips an item when new ones arrive meanwhile.
 */

export function encodeCursor(position: Position): string {
  return btoa(JSON.stringify([position.at.toISOString(), position.id]))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function decodeCursor(cursor: string | undefined): Position | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [at, id] = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))) as [unknown, unknown];
    // Both go into a query: an id that is not a UUID, or an instant PostgreSQL cannot store, is no cursor of ours.
    const date = new Date(typeof at === 'string' ? at : Number.NaN);
    if (!UuidSchema.safeParse(id).success || !isStorableInstant(date)) throw new Error('bad cursor');
    return { at: date, id: id as string };
  } catch {
    throw ValidationError.field('query.cursor', 'is not a cursor this API returned');
  }
}

/** Takes one more row than the page to know whether there is a next one. */
export function page<T>(rows: T[], limit: number, position: (row: T) => Position) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null };
}
