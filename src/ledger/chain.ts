/**
 * The tamper-evident hash chain. Seal n = sha256(hash of seal n-1, "\n", canonical content of its
 * entry and postings). Sealing runs after commit, by one sealer at a time (a transaction-scoped
 * advisory lock that writers never take), so concurrent postings never queue behind it; verify
 * recomputes every seal from the rows as they are now and also reports what is not sealed yet.
 */
import { sql } from 'drizzle-orm';
import { type Database, type Executor, parseOptionalTimestamp } from '../db';
import { canonicalJson, sha256Hex } from '../hashing';
import { type EntryRow, fetchEntryRows } from './entries';
import { Decimal } from '../money';

export const GENESIS_HASH = '0'.repeat(64);
const SEALER_LOCK = 7_271_001;

/** Everything an entry says, in one stable text. Amounts are normalised so "1.50" and "1.5" hash alike. */
export function canonicalEntry(row: EntryRow): string {
  return canonicalJson({
    id: row.id,
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    memo: row.memo,
    effectiveAt: row.effective_at,
    createdAt: row.created_at,
    metadata: row.metadata,
    fx: row.fx,
    reversesEntryId: row.reverses_entry_id,
    holdId: row.hold_id,
    postings: (row.postings ?? []).map((posting) => ({
      ...posting,
      amount: new Decimal(posting.amount).toFixed(),
      balanceAfter: new Decimal(posting.balanceAfter).toFixed(),
    })),
  });
}

export const chainHash = (previous: string, row: EntryRow) => sha256Hex(`${previous}\n${canonicalEntry(row)}`);

export interface SealOptions {
  batchSize?: number;
  /**
   * Wait for a sealer already at work instead of leaving the queue to it. A timer that comes back
   * soon can skip; the seal after a request must wait, or an entry committed just after the other
   * sealer read the queue would stay unsealed until the next request or timer.
   */
  waitForLock?: boolean;
}

/**
 * Seals every committed, unsealed entry, in batches, oldest first. Returns how many it sealed; 0
 * when another sealer holds the lock and `waitForLock` is not set.
 */
export async function sealPending(db: Database, options: SealOptions | number = {}): Promise<number> {
  const { batchSize = 500, waitForLock = false } = typeof options === 'number' ? { batchSize: options } : options;
  let total = 0;
  for (;;) {
    const sealed = await db.transaction(async (tx) => {
      if (waitForLock) {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEALER_LOCK})`);
      } else {
        const [lock] = (await tx.execute(
          sql`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK}) AS locked`,
        )) as unknown as Array<{ locked: boolean }>;
        if (!lock?.locked) return 0;
      }
      const queue = (await tx.execute(
        sql`SELECT entry_id::text AS id FROM ledger_unsealed ORDER BY entry_id LIMIT ${batchSize}`,
      )) as unknown as Array<{ id: string }>;
      if (queue.length === 0) return 0;
      const [last] = (await tx.execute(
        // Qualified: a bare "seq" in ORDER BY would mean the text alias and sort "99" after "100".
        sql`SELECT s.seq::text AS seq, s.hash FROM ledger_seals s ORDER BY s.seq DESC LIMIT 1`,
      )) as unknown as Array<{ seq: string; hash: string }>;
      const rows = await fetchEntryRows(
        tx,
        queue.map(({ id }) => id),
      );
      let previous = last?.hash ?? GENESIS_HASH;
      let seq = BigInt(last?.seq ?? 0);
      const seals = [];
      for (const { id } of queue) {
        const hash = chainHash(previous, rows.get(id)!);
        seq += 1n;
        seals.push(sql`(${seq.toString()}::bigint, ${id}::bigint, ${previous}, ${hash})`);
        previous = hash;
      }
      await tx.execute(
        sql`INSERT INTO ledger_seals (seq, entry_id, prev_hash, hash) VALUES ${sql.join(seals, sql`, `)}`,
      );
      await tx.execute(
        sql`DELETE FROM ledger_unsealed WHERE entry_id = ANY(${`{${queue.map(({ id }) => id).join(',')}}`}::bigint[])`,
      );
      return queue.length;
    });
    total += sealed;
    if (sealed < batchSize) return total;
  }
}

export interface ChainReport {
  /** True when every seal recomputes, every entry is sealed or queued, and balances match postings. */
  ok: boolean;
  /** Sealed entries verified (up to the first bad one). */
  entries: number;
  /** The first entry whose seal does not recompute (tampered content, or a broken link). */
  firstBadEntry?: string;
  /** Committed entries not sealed yet; sealing normally catches up within a second. */
  unsealed: number;
  oldestUnsealedAt: Date | null;
  /** Entries neither sealed nor queued for sealing: only a write that bypassed the guards does that. */
  unaccounted: number;
  /** Accounts whose stored balance, version or held amount disagrees with their postings and holds. */
  balanceMismatches: string[];
  /** The last seal verified: its fingerprint lets a printed statement be checked later. */
  lastSeal: { seq: string; entryId: string; hash: string } | null;
}

export async function verifyChain(executor: Executor, batchSize = 1000): Promise<ChainReport> {
  let previous = GENESIS_HASH;
  let expectedSeq = 1n;
  let entries = 0;
  let firstBadEntry: string | undefined;
  let lastSeal: ChainReport['lastSeal'] = null;
  walk: for (;;) {
    const seals = (await executor.execute(sql`
      SELECT s.seq::text AS seq, s.entry_id::text AS entry_id, s.prev_hash, s.hash FROM ledger_seals s
      WHERE s.seq >= ${expectedSeq.toString()}::bigint ORDER BY s.seq LIMIT ${batchSize}`)) as unknown as Array<{
      seq: string;
      entry_id: string;
      prev_hash: string;
      hash: string;
    }>;
    if (seals.length === 0) break;
    const rows = await fetchEntryRows(
      executor,
      seals.map((seal) => seal.entry_id),
    );
    for (const seal of seals) {
      const row = rows.get(seal.entry_id);
      const intact =
        BigInt(seal.seq) === expectedSeq &&
        seal.prev_hash === previous &&
        row !== undefined &&
        chainHash(previous, row) === seal.hash;
      if (!intact) {
        firstBadEntry = seal.entry_id;
        break walk;
      }
      entries += 1;
      previous = seal.hash;
      expectedSeq += 1n;
      lastSeal = { seq: seal.seq, entryId: seal.entry_id, hash: seal.hash };
    }
  }
  const [counts] = (await executor.execute(sql`
    SELECT (SELECT count(*) FROM ledger_unsealed)::int AS unsealed,
           (SELECT min(e.created_at) FROM ledger_unsealed u
              JOIN journal_entries e ON e.id = u.entry_id) AS oldest_unsealed_at,
           (SELECT count(*) FROM journal_entries e
              WHERE NOT EXISTS (SELECT 1 FROM ledger_seals s WHERE s.entry_id = e.id)
                AND NOT EXISTS (SELECT 1 FROM ledger_unsealed u WHERE u.entry_id = e.id))::int AS unaccounted
  `)) as unknown as Array<{
    unsealed: number;
    oldest_unsealed_at: string | null;
    unaccounted: number;
  }>;
  const mismatches = (await executor.execute(sql`
    SELECT a.code FROM ledger_accounts a
    LEFT JOIN LATERAL (
      SELECT coalesce(sum(CASE WHEN p.side = a.normal_side THEN p.amount ELSE -p.amount END), 0) AS balance,
             count(*) AS postings
      FROM postings p WHERE p.account_id = a.id) posted ON true
    LEFT JOIN LATERAL (
      SELECT coalesce(sum(h.amount - h.captured), 0) AS held FROM ledger_holds h
      WHERE h.account_id = a.id AND h.status = 'pending') reserved ON true
    WHERE a.balance <> posted.balance OR a.version <> posted.postings OR a.held <> reserved.held
    ORDER BY a.code LIMIT 100`)) as unknown as Array<{ code: string }>;
  const report: ChainReport = {
    ok: firstBadEntry === undefined && counts!.unaccounted === 0 && mismatches.length === 0,
    entries,
    unsealed: counts!.unsealed,
    oldestUnsealedAt: parseOptionalTimestamp(counts!.oldest_unsealed_at),
    unaccounted: counts!.unaccounted,
    balanceMismatches: mismatches.map(({ code }) => code),
    lastSeal,
  };
  if (firstBadEntry !== undefined) report.firstBadEntry = firstBadEntry;
  return report;
}
