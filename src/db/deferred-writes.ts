import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

/*
 * Rows a transaction records beside its change (the audit row, the outbox event) need no answer:
 * when the transaction's owner says so, they wait and go to the database with the owner's last
 * statement instead of a round trip each: one multi-row INSERT per table, as data-modifying CTEs.
 * Rows keep their order within a table (VALUES are inserted in order; the outbox's write order
 * depends on it); the order of the CTEs between tables is PostgreSQL's to choose.
 */
const waiting = new WeakMap<object, Map<PgTable, unknown[]>>();

/** From now on, `insertWithTransaction` on `tx` waits for `withDeferredWrites(tx, …)`. */
export function deferWrites(tx: Executor): void {
  waiting.set(tx, new Map());
}

/** Inserts `row` now, or, on a transaction that defers, with its owner's last statement. */
export async function insertWithTransaction<T extends PgTable>(
  executor: Executor,
  table: T,
  row: PgInsertValue<T>,
): Promise<void> {
  const queue = waiting.get(executor);
  if (!queue) return void (await executor.insert(table).values(row));
  const rows = queue.get(table) ?? [];
  rows.push(row);
  queue.set(table, rows);
}

/** `last`, carrying every row deferred on `tx` (which defers no more). */
export function withDeferredWrites(executor: Executor, last: SQLWrapper): SQL {
  const queue = waiting.get(executor) ?? new Map<PgTable, unknown[]>();
  waiting.delete(executor);
  // The statement as SQL, not the builder: a builder embedded in sql`` is put in parentheses.
  const statement = last.getSQL();
  if (queue.size === 0) return statement;
  const ctes = [...queue].map(
    ([table, rows], index) =>
      sql`${sql.raw(`deferred_${index}`)} AS (${executor
        .insert(table)
        .values(rows as PgInsertValue<typeof table>[])
        .getSQL()})`,
  );
  return sql`WITH ${sql.join(ctes, sql`, `)} ${statement}`;
}
