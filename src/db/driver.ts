import { PgTransaction } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Database, Executor } from './client';

/**
 * The postgres.js client under a Drizzle database or transaction, for hot paths that want
 * postgres.js's prepared statements (Drizzle's raw `execute` never prepares, so PostgreSQL would
 * plan the statement on every call). Inside a transaction it is that transaction's connection, so
 * both APIs commit together. Relies on drizzle-orm 0.45's session layout; tests/db guards it.
 */
export function driverOf(executor: Executor): postgres.Sql {
  if (executor instanceof PgTransaction) {
    return (executor as unknown as { session: { client: postgres.Sql } }).session.client;
  }
  return (executor as Database).$client;
}

const ARRAY_SAFE = /^[0-9A-Za-z_.-]*$/;

/**
 * A PostgreSQL array literal of simple values (ids, decimals, enum labels), to send a whole column
 * as one parameter (`${pgArray(ids)}::uuid[]`): the statement text stays the same whatever the
 * row count, so it is prepared once.
 */
export function pgArray(values: readonly (string | number | bigint)[]): string {
  const items = values.map(String);
  for (const item of items) if (!ARRAY_SAFE.test(item)) throw new Error(`value not safe in an array literal: ${item}`);
  return `{${items.join(',')}}`;
}
