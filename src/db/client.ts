import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = ReturnType<typeof drizzle<typeof schema>>;
/** A database handle or an open transaction on it: repositories accept either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Pool size. Workers want a small one per request; Node a shared one. */
  max?: number;
  /**
   * postgres.js's type lookup at connect. Off by default everywhere because Workers (Hyperdrive)
   * cannot run it, and it changes how arrays come back: Node runs the way Workers do, so the Node
   * tests catch code that would only break on the edge.
   */
  fetchTypes?: boolean;
}

/**
 * Opens a postgres.js pool and wraps it in Drizzle. numeric and int8 stay strings (postgres.js's
 * default), which is what money and ids need: nothing here ever becomes a JS float.
 */
export function connect(url: string, options: ConnectOptions = {}): DatabaseHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    fetch_types: options.fetchTypes ?? false,
    onnotice: () => {},
    connection: { application_name: 'cofund' },
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
