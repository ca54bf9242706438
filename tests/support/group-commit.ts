import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { type Database, type GroupCommit, type Transaction, createGroupCommit, rowsOf } from '../../src/db';
import { eventually } from './own-cluster';

/** The top-level transaction a unit of work runs in (txid_current() is the same in a savepoint). */
export const txid = async (tx: Transaction) =>
  (await rowsOf<{ id: string }>(tx, sql`SELECT txid_current()::text AS id`))[0]!.id;

/**
 * A group commit that tells the test what it was given: how many members were submitted (so a
 * test can wait for a request to have joined the batch) and the transaction each ran in.
 */
export function observedGroupCommit(db: Database) {
  const inner = createGroupCommit(db);
  const seen = { submitted: 0, txids: [] as string[] };
  const groupCommit: GroupCommit = {
    run: (work) => {
      seen.submitted++;
      return inner.run(async (tx) => {
        seen.txids.push(await txid(tx));
        return work(tx);
      });
    },
  };
  return { groupCommit, seen };
}

/**
 * Locks one row `FOR UPDATE` from a session of its own, outside the app's pool, until the returned
 * function is called: a batch whose first member needs the row stays open while others join it.
 */
export async function holdRowLock(url: string, table: 'ledger_accounts' | 'applications', id: string) {
  const session = postgres(url, { max: 1, onnotice: () => {} });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holding = session.begin(async (tx) => {
    await tx`SELECT 1 FROM ${tx(table)} WHERE id = ${id} FOR UPDATE`;
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await holding;
    await session.end({ timeout: 1 });
  };
}

/** Waits until a session of the app waits on a lock, in a statement that mentions `mention`. */
export function waitingOnLock(admin: postgres.Sql, mention: string) {
  return eventually(async () => {
    const [row] = await admin<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'cofund' AND wait_event_type = 'Lock'
         AND query LIKE ${`%${mention}%`}`;
    return row?.pid;
  }, `a statement on ${mention} to wait on a lock`);
}

/**
 * The two ways money-moving work commits, for the races that must hold in both: each unit in a
 * transaction of its own, or in batches sharing one (COFUND_GROUP_COMMIT=1).
 */
export const COMMIT_MODES = [
  { mode: 'a transaction each', groupCommit: (): GroupCommit | undefined => undefined },
  { mode: 'group commit', groupCommit: (db: Database): GroupCommit | undefined => createGroupCommit(db) },
];
