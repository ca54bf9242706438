/**
 * The tamper-evident hash chain. Seal n = sha256(hash of seal n-1, "\n", canonical content of its
 * entry and postings). Sealing runs after commit, by one sealer at a time (a transaction-scoped
 * advisory lock that writers never take), so concurrent postings never queue behind it. Verifying
 * recomputes the seals from the rows as they are now, either all of them or those after the newest
 * verified checkpoint that still matches its seal (docs/ledger.md, "Verifying from a checkpoint"),
 * and also reports what is not sealed yet.
 */
import { sql } from 'drizzle-orm';
import { type Database, type Executor, parseOptionalTimestamp, parseTimestamp, rowsOf } from '../db';
import { canonicalJson, sha256Hex } from '../hashing';
import { type EntryRow, fetchEntryRows } from './entries';
import { inTransaction } from './transaction';
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
        const [lock] = await rowsOf<{ locked: boolean }>(
          tx,
          sql`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK}) AS locked`,
        );
        if (!lock?.locked) return 0;
      }
      const queue = await rowsOf<{ id: string }>(
        tx,
        sql`SELECT entry_id::text AS id FROM ledger_unsealed ORDER BY entry_id LIMIT ${batchSize}`,
      );
      if (queue.length === 0) return 0;
      const [last] = await rowsOf<{ seq: string; hash: string }>(
        tx,
        // Qualified: a bare "seq" in ORDER BY would mean the text alias and sort "99" after "100".
        sql`SELECT s.seq::text AS seq, s.hash FROM ledger_seals s ORDER BY s.seq DESC LIMIT 1`,
      );
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
  /** Sealed entries verified (up to the first bad one), now or, below `since`, when it was verified. */
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
  /** Seals recomputed by this verification: all of them, or those from `since` on. */
  recomputed: number;
  /** The verified checkpoint this verification started from; null when it recomputed the whole chain. */
  since: { seq: string; verifiedAt: Date } | null;
}

/** What a verification that found nothing wrong lets later ones skip (ledger_verification_checkpoints). */
export interface Checkpoint {
  seq: string;
  entryId: string;
  hash: string;
  /** The newest entry id the verification saw: later ones look for unaccounted entries above it. */
  lastEntryId: string;
  /** The seal the verification started from; 0 for the whole chain. */
  fromSeq: string;
}

export interface Verification {
  report: ChainReport;
  /** What to record (recordVerification) when the report is ok and reaches past its starting point. */
  checkpoint: Checkpoint | null;
}

interface Start {
  /** The first seal to recompute, and the hash it must link to. */
  seq: bigint;
  previous: string;
  /** Seals a checkpoint recorded, by number: each must still have the recorded hash. */
  recorded: Map<string, { entryId: string; hash: string }>;
  since: { seq: string; verifiedAt: Date; lastEntryId: string } | null;
}

const GENESIS: Start = { seq: 1n, previous: GENESIS_HASH, recorded: new Map(), since: null };

/** Recomputes every seal and checks every posting: what GET /v1/ledger/verify runs. Records nothing. */
export async function verifyChain(executor: Executor, batchSize = 1000): Promise<ChainReport> {
  return (await verifyLedger(executor, { whole: true, batchSize })).report;
}

/**
 * Verifies the ledger from the newest checkpoint whose seal still has the recorded hash (the whole
 * chain when there is none, or with `whole`): that seal and the ones after it are recomputed, and
 * only the postings of entries sealed after it or still queued are checked against their
 * predecessors. Every account's balance is still checked against its last posting. A checkpoint
 * whose seal changed is never a starting point: verification starts before it, and that seal is
 * reported bad even if the chain was rewritten to recompute.
 */
export async function verifyLedger(
  executor: Executor,
  { whole = false, batchSize = 1000 }: { whole?: boolean; batchSize?: number } = {},
): Promise<Verification> {
  // One snapshot for all its queries (the caller's, when it has one). Its lookups follow indexes;
  // JIT would compile them for the costs that statistics lagging behind the ledger's churn predict.
  return inTransaction(
    executor,
    async (tx) => {
      await tx.execute(sql`SELECT set_config('jit', 'off', true)`);
      return verify(tx, whole ? GENESIS : await startingPoint(tx), batchSize);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * Records a verification's checkpoint, when it has one: a statement's snapshot is read-only, so
 * this runs on another connection. Concurrent verifications of the same seal record it once.
 * Returns whether a checkpoint was written.
 */
export async function recordVerification(executor: Executor, { checkpoint }: Verification): Promise<boolean> {
  if (!checkpoint) return false;
  const written = await rowsOf<{ seq: string }>(
    executor,
    sql`INSERT INTO ledger_verification_checkpoints (seq, entry_id, hash, last_entry_id, from_seq)
        VALUES (${checkpoint.seq}::bigint, ${checkpoint.entryId}::bigint, ${checkpoint.hash},
                ${checkpoint.lastEntryId}::bigint, ${checkpoint.fromSeq}::bigint)
        ON CONFLICT (seq) DO NOTHING RETURNING seq::text AS seq`,
  );
  return written.length > 0;
}

async function startingPoint(executor: Executor): Promise<Start> {
  // The newest checkpoint that matches its seal, with the hash its seal links to; then any newer
  // ones (which do not match: their seals changed after they were verified).
  const rows = await rowsOf<{
    matches: boolean;
    seq: string;
    entry_id: string;
    hash: string;
    last_entry_id: string;
    verified_at: string;
    previous: string | null;
  }>(
    executor,
    sql`WITH start AS (
          SELECT c.seq, c.entry_id, c.hash, c.last_entry_id, c.verified_at, before.hash AS previous
          FROM ledger_verification_checkpoints c
          JOIN ledger_seals s ON s.seq = c.seq AND s.hash = c.hash
          LEFT JOIN ledger_seals before ON before.seq = c.seq - 1
          ORDER BY c.seq DESC LIMIT 1)
        SELECT true AS matches, seq::text AS seq, entry_id::text AS entry_id, hash,
               last_entry_id::text AS last_entry_id, verified_at::text AS verified_at, previous
        FROM start
        UNION ALL
        SELECT false, c.seq::text, c.entry_id::text, c.hash, c.last_entry_id::text, c.verified_at::text, NULL
        FROM ledger_verification_checkpoints c
        WHERE c.seq > coalesce((SELECT seq FROM start), 0)`,
  );
  const recorded = new Map(rows.map((row) => [row.seq, { entryId: row.entry_id, hash: row.hash }]));
  const start = rows.find((row) => row.matches);
  if (!start) return { ...GENESIS, recorded };
  return {
    seq: BigInt(start.seq),
    // A missing predecessor links to nothing: the walk then reports the checkpoint's seal.
    previous: start.seq === '1' ? GENESIS_HASH : (start.previous ?? ''),
    recorded,
    since: { seq: start.seq, verifiedAt: parseTimestamp(start.verified_at), lastEntryId: start.last_entry_id },
  };
}

async function verify(executor: Executor, start: Start, batchSize: number): Promise<Verification> {
  let previous = start.previous;
  let expectedSeq = start.seq;
  let entries = Number(start.seq - 1n);
  let recomputed = 0;
  let firstBadEntry: string | undefined;
  let lastSeal: ChainReport['lastSeal'] = null;
  walk: for (;;) {
    const seals = await rowsOf<{ seq: string; entry_id: string; prev_hash: string; hash: string }>(
      executor,
      sql`SELECT s.seq::text AS seq, s.entry_id::text AS entry_id, s.prev_hash, s.hash FROM ledger_seals s
          WHERE s.seq >= ${expectedSeq.toString()}::bigint ORDER BY s.seq LIMIT ${batchSize}`,
    );
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
        chainHash(previous, row) === seal.hash &&
        (start.recorded.get(seal.seq) ?? seal).hash === seal.hash;
      recomputed += 1;
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
  // A seal a checkpoint recorded beyond the end of the chain was removed: name its entry.
  const removed = [...start.recorded].find(([seq]) => firstBadEntry === undefined && BigInt(seq) >= expectedSeq);
  if (removed) firstBadEntry = removed[1].entryId;
  const since = start.since;
  const [counts] = await rowsOf<{
    unsealed: number;
    oldest_unsealed_at: string | null;
    unaccounted: number;
    last_entry_id: string | null;
  }>(
    executor,
    sql`SELECT (SELECT count(*) FROM ledger_unsealed)::int AS unsealed,
               (SELECT min(queued.created_at) FROM ledger_unsealed u CROSS JOIN LATERAL (
                  SELECT e.created_at FROM journal_entries e WHERE e.id = u.entry_id LIMIT 1) queued
               ) AS oldest_unsealed_at,
               (SELECT count(*) FROM journal_entries e
                  WHERE e.id > ${since?.lastEntryId ?? '0'}::bigint
                    AND NOT EXISTS (SELECT 1 FROM ledger_seals s WHERE s.entry_id = e.id)
                    AND NOT EXISTS (SELECT 1 FROM ledger_unsealed u WHERE u.entry_id = e.id))::int AS unaccounted,
               (SELECT max(e.id)::text FROM journal_entries e) AS last_entry_id`,
  );
  const mismatches = await balanceMismatches(executor, since && since.seq);
  const report: ChainReport = {
    ok: firstBadEntry === undefined && counts!.unaccounted === 0 && mismatches.length === 0,
    entries,
    unsealed: counts!.unsealed,
    oldestUnsealedAt: parseOptionalTimestamp(counts!.oldest_unsealed_at),
    unaccounted: counts!.unaccounted,
    balanceMismatches: mismatches,
    lastSeal,
    recomputed,
    since: since && { seq: since.seq, verifiedAt: since.verifiedAt },
  };
  if (firstBadEntry !== undefined) report.firstBadEntry = firstBadEntry;
  const advanced = lastSeal !== null && (since === null || BigInt(lastSeal.seq) > BigInt(since.seq));
  return {
    report,
    checkpoint:
      report.ok && advanced
        ? {
            seq: lastSeal!.seq,
            entryId: lastSeal!.entryId,
            hash: lastSeal!.hash,
            lastEntryId: counts!.last_entry_id ?? '0',
            fromSeq: since?.seq ?? '0',
          }
        : null,
  };
}

/**
 * Codes of the accounts whose stored balance or version is not their last posting's, whose held
 * amount is not what their pending holds reserve, or whose checked postings do not follow from
 * the posting before them (version + 1, balance + the signed amount). Checked postings: all of them,
 * or after a checkpoint those of entries sealed after it or still queued -- the only ones that can
 * be new, since the database refuses postings for an entry already booked (migration 0018). Every
 * lookup goes through an index whatever the statistics say (a ledger's tables churn faster than
 * ANALYZE follows): the LIMITs keep the planner from turning them into scans of whole tables.
 */
async function balanceMismatches(executor: Executor, sinceSeq: string | null): Promise<string[]> {
  const checked =
    sinceSeq === null
      ? sql`SELECT p.account_id, p.side, p.amount, p.account_version, p.balance_after FROM postings p`
      : sql`SELECT p.account_id, p.side, p.amount, p.account_version, p.balance_after
            FROM (SELECT s.entry_id FROM ledger_seals s WHERE s.seq > ${sinceSeq}::bigint
                  UNION SELECT u.entry_id FROM ledger_unsealed u) recent
            CROSS JOIN LATERAL (
              SELECT p.* FROM postings p WHERE p.entry_id = recent.entry_id OFFSET 0) p`;
  const rows = await rowsOf<{ code: string }>(
    executor,
    sql`WITH broken AS (
          SELECT DISTINCT p.account_id FROM (${checked}) p
          JOIN ledger_accounts a ON a.id = p.account_id
          LEFT JOIN LATERAL (
            SELECT b.balance_after FROM postings b
            WHERE b.account_id = p.account_id AND b.account_version = p.account_version - 1 LIMIT 1) before ON true
          WHERE p.account_version < 1
             OR (p.account_version > 1 AND before.balance_after IS NULL)
             OR p.balance_after <> coalesce(before.balance_after, 0)
                                   + CASE WHEN p.side = a.normal_side THEN p.amount ELSE -p.amount END)
        SELECT a.code FROM ledger_accounts a
        LEFT JOIN LATERAL (
          SELECT l.account_version, l.balance_after FROM postings l
          WHERE l.account_id = a.id ORDER BY l.account_version DESC LIMIT 1) last ON true
        LEFT JOIN LATERAL (
          SELECT sum(h.amount - h.captured) AS held FROM ledger_holds h
          WHERE h.account_id = a.id AND h.status = 'pending') pending ON true
        WHERE a.balance <> coalesce(last.balance_after, 0)
           OR a.version <> coalesce(last.account_version, 0)
           OR a.held <> coalesce(pending.held, 0)
           OR a.id IN (SELECT account_id FROM broken)
        ORDER BY a.code LIMIT 100`,
  );
  return rows.map(({ code }) => code);
}
