import { type SQL, and, eq, lt, or } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** A place in a newest-first list: the (time, id) of the last item already seen. */
export interface Position {
  at: Date;
  id: string;
}

/** Rows strictly after `position` in (time DESC, id DESC) order. */
export function olderThan(time: PgColumn, id: PgColumn, position: Position | undefined): SQL | undefined {
  if (!position) return undefined;
  return or(lt(time, position.at), and(eq(time, position.at), lt(id, position.id)));
}
