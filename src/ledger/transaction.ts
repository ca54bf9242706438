import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Database, Executor, Transaction } from '../db';

export type { Transaction };

/**
 * Runs `work` in the caller's transaction when given one (so a workflow step and its ledger entry
 * commit together), or in a new transaction of its own, with `config` (isolation, access mode).
 */
export function inTransaction<T>(
  executor: Executor,
  work: (tx: Transaction) => Promise<T>,
  config?: Parameters<Database['transaction']>[1],
): Promise<T> {
  if (executor instanceof PgTransaction) return work(executor as Transaction);
  return (executor as Database).transaction(work, config);
}
