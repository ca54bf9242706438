import type { SQL } from 'drizzle-orm';
import type { Executor } from './client';

/**
 * The rows of a query written in SQL (window functions, `NOT EXISTS` trees, `FOR UPDATE` reads),
 * typed by its caller: the one place the cast from `execute`'s untyped result lives, so that a
 * module that also uses Drizzle's builder reads each query in one of two plain styles.
 */
export async function rowsOf<Row>(db: Executor, query: SQL): Promise<Row[]> {
  return (await db.execute(query)) as unknown as Row[];
}
