import { sql } from 'drizzle-orm';
import type { Database } from '../db';

const PUBLISH_BATCH = 1000;

/**
 * Numbers the committed events that have no sequence yet, in the order they were written. One
 * publisher at a time (a transaction-scoped advisory lock), and each sees every commit before it:
 * so a number, once given, is smaller than every number given later, and a reader paging by
 * sequence never misses an event that committed behind one it already saw. Returns how many it
 * numbered; runs before each feed read and on the delivery worker's every pass.
 */
export async function publishEvents(db: Database, batch = PUBLISH_BATCH): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('cofund:events:publish', 0))`);
    const numbered = await tx.execute(sql`
      WITH due AS (
        SELECT id, write_order FROM events WHERE sequence IS NULL ORDER BY write_order LIMIT ${batch}
      ), numbered AS (
        SELECT id, nextval('event_sequence') AS sequence FROM (SELECT id FROM due ORDER BY write_order) ordered
      )
      UPDATE events SET sequence = numbered.sequence FROM numbered WHERE events.id = numbered.id
      RETURNING events.id`);
    return numbered.length;
  });
}
