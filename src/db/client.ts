import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = ReturnType<typeof drizzle<typeof schema>>;
/** An open transaction (or a savepoint in one: the same type). */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A database handle or an open transaction on it: repositories accept either. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  sql: postgres.Sql;
  close(): Promise<void>;
}

/**
 * Server-side limits of every session of a pool, in milliseconds (PostgreSQL's settings of the same
 * names; 0 turns one off). They make a stuck statement, a lock wait or an abandoned transaction
 * fail instead of holding a connection for ever.
 */
export interface SessionTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
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
  /** Seconds a new connection may take (TCP, TLS, authentication); postgres.js's default is 30. */
  connectTimeoutSeconds?: number;
  /** Unset: the server's defaults (none of these limits). */
  timeouts?: SessionTimeouts;
}

/**
 * Reconnect backoff, in seconds: postgres.js's own grows to 20 s, and queries queued meanwhile wait
 * it out. Capped at 1 s, a restarted server is used again within a second.
 */
const reconnectBackoff = (retries: number) => Math.min(0.05 * 2 ** retries, 1);

/**
 * Opens a postgres.js pool and wraps it in Drizzle. numeric and int8 stay strings (postgres.js's
 * default), which is what money and ids need: nothing here ever becomes a JS float.
 */
export function connect(url: string, options: ConnectOptions = {}): DatabaseHandle {
  const timeouts = options.timeouts;
  const sql = postgres(url, {
    max: options.max ?? 10,
    fetch_types: options.fetchTypes ?? false,
    onnotice: () => {},
    backoff: reconnectBackoff,
    ...(options.connectTimeoutSeconds === undefined ? {} : { connect_timeout: options.connectTimeoutSeconds }),
    connection: {
      application_name: 'cofund',
      ...(timeouts && {
        statement_timeout: timeouts.statementMs,
        lock_timeout: timeouts.lockMs,
        idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
      }),
    },
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
