import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import type { Transaction } from '../ledger';

/*
 * A document is read from one snapshot of the books: a read-only REPEATABLE READ transaction that
 * stays open while the document streams, so the row counts taken first (the PDF's "page X of Y")
 * and the cursors read page by page later see exactly the same postings, and the chain status
 * describes those very rows. The transaction ends when the stream ends, fails or is cancelled.
 */

export interface Snapshot<T> {
  /** What `build` made from the snapshot: a document whose rows are cursors in it. */
  value: T;
  /** Ends the transaction (commit of a read-only one); idempotent. Call it whatever happens. */
  close(): Promise<void>;
}

export function openSnapshot<T>(db: Database, build: (tx: Transaction) => Promise<T>): Promise<Snapshot<T>> {
  return new Promise((resolve, reject) => {
    let release!: () => void;
    const released = new Promise<void>((done) => (release = done));
    const transaction: Promise<void> = db
      .transaction(
        async (tx) => {
          // A reader that stops reading without closing (a stalled client) must not hold the
          // snapshot and its pool connection for ever: the server ends the session instead. A
          // statement's cursor reads up to 100,000s of rows by index; JIT compiling it would cost
          // more (a quarter of a second at 100,000 rows) than it saves.
          await tx.execute(
            sql`SELECT set_config('idle_in_transaction_session_timeout', '5min', true), set_config('jit', 'off', true)`,
          );
          const value = await build(tx);
          resolve({
            value,
            close: async () => {
              release();
              await transaction;
            },
          });
          await released;
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      )
      // Before `resolve`, a failure is the caller's error. After it, the document's readers have
      // seen any query error already (a cursor throws into the stream); the rollback needs no one.
      .catch(reject);
  });
}

/**
 * The chunks of a renderer that runs `close` exactly once, when they are exhausted, fail, or are
 * abandoned (`return()`), even if abandoned before the first chunk: an async generator's `finally`
 * would not run then, and the snapshot's connection would never come back.
 */
export function releasing<Chunk>(
  chunks: AsyncIterable<Chunk>,
  close: () => Promise<void>,
): AsyncIterableIterator<Chunk> {
  const inner = chunks[Symbol.asyncIterator]();
  let closed: Promise<void> | undefined;
  const finish = () => (closed ??= close());
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      try {
        const result = await inner.next();
        if (result.done) await finish();
        return result;
      } catch (error) {
        await finish();
        throw error;
      }
    },
    async return() {
      try {
        await inner.return?.();
      } finally {
        await finish();
      }
      return { done: true, value: undefined };
    },
  };
}
