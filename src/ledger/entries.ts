import { sql } from 'drizzle-orm';
import { type Executor, parseTimestamp } from '../db';
import { NotFoundError } from '../errors';
import { canonicalJson, sha256Hex } from '../hashing';
import { Decimal, formatMoney } from '../money';
import { lockAccounts } from './accounts';
import { type LockedAccount, applyPostings, checkEntryShape, resolvePostings } from './entry-rules';
import { AlreadyReversedError, IdempotencyConflictError, InsufficientFundsError } from './errors';
import { type Transaction, inTransaction } from './transaction';
import { type Entry, type EntryInput, type PostResult, type Posting, oppositeSide } from './types';

interface EntryLinks {
  reversesEntryId?: string;
  holdId?: string;
}

/**
 * Fingerprint of what an entry asks for, to tell a retry (same key, same request: replay) from a
 * reuse of the key for something else (refused). The booking time is not part of it.
 */
export function entryRequestHash(input: EntryInput, links: EntryLinks = {}): Promise<string> {
  return sha256Hex(
    canonicalJson({
      kind: input.kind,
      memo: input.memo ?? '',
      effectiveAt: input.effectiveAt ?? null,
      metadata: input.metadata ?? {},
      fx: input.fx ?? null,
      postings: input.postings.map(({ accountId, side, amount, currency }) => ({ accountId, side, amount, currency })),
      ...links,
    }),
  );
}

/** Records a balanced journal entry: the one way money moves. Idempotent on `idempotencyKey`. */
export async function postEntry(executor: Executor, input: EntryInput): Promise<PostResult> {
  checkEntryShape(input);
  return inTransaction(executor, async (tx) => {
    const accounts = await lockAccounts(tx, input.postings.map((posting) => posting.accountId));
    return commitEntry(tx, input, accounts);
  });
}

/**
 * The write path shared by plain entries, reversals and hold captures, on accounts the caller has
 * locked. One statement inserts the entry, its postings (each with the account's version and
 * balance after it) and the new balances; a key already used returns the first entry instead.
 */
export async function commitEntry(
  tx: Transaction,
  input: EntryInput,
  accounts: ReadonlyMap<string, LockedAccount>,
  links: EntryLinks = {},
  heldDelta: ReadonlyMap<string, Decimal> = new Map(),
): Promise<PostResult> {
  const requestHash = await entryRequestHash(input, links);
  const resolved = resolvePostings(input, accounts);
  let plan: ReturnType<typeof applyPostings>;
  try {
    plan = applyPostings(accounts, resolved, heldDelta);
  } catch (error) {
    // A retry of an entry that went through must replay, even if the money is gone since.
    if (error instanceof InsufficientFundsError) {
      const earlier = await replayEntry(tx, input.idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    throw error;
  }
  const postingRows = plan.planned.map(
    (posting, ordinal) =>
      sql`(${posting.accountId}::uuid, ${posting.currency}::char(3), ${posting.minorUnits}::smallint, ${posting.side}::posting_side, ${formatMoney(posting.amount, posting.currency)}::numeric, ${posting.accountVersion.toString()}::bigint, ${formatMoney(posting.balanceAfter, posting.currency)}::numeric, ${ordinal}::int)`,
  );
  const accountRows = plan.changes.map(
    (change) =>
      sql`(${change.id}::uuid, ${change.balance.toFixed()}::numeric, ${change.held.toFixed()}::numeric, ${change.version.toString()}::bigint)`,
  );
  const result = (await tx
    .execute(sql`
    WITH booking AS (SELECT clock_timestamp() AS at),
    entry AS (
      INSERT INTO journal_entries (idempotency_key, request_hash, kind, memo, effective_at, created_at, metadata, fx, reverses_entry_id, hold_id)
      SELECT ${input.idempotencyKey}, ${requestHash}, ${input.kind}, ${input.memo ?? ''},
             coalesce(${input.effectiveAt?.toISOString() ?? null}::timestamptz, booking.at), booking.at,
             ${JSON.stringify(input.metadata ?? {})}::jsonb, ${input.fx ? JSON.stringify(input.fx) : null}::jsonb,
             ${links.reversesEntryId ?? null}::bigint, ${links.holdId ?? null}::uuid
      FROM booking
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id, created_at, effective_at
    ),
    new_postings AS (
      INSERT INTO postings (entry_id, account_id, currency, minor_units, side, amount, account_version, balance_after, created_at)
      SELECT entry.id, p.account_id, p.currency, p.minor_units, p.side, p.amount, p.account_version, p.balance_after, entry.created_at
      FROM entry CROSS JOIN (VALUES ${sql.join(postingRows, sql`, `)})
        AS p(account_id, currency, minor_units, side, amount, account_version, balance_after, ordinal)
      ORDER BY p.ordinal
      RETURNING id, account_id, account_version
    ),
    new_balances AS (
      UPDATE ledger_accounts a SET balance = c.balance, held = c.held, version = c.version
      FROM (VALUES ${sql.join(accountRows, sql`, `)}) AS c(id, balance, held, version)
      WHERE a.id = c.id AND EXISTS (SELECT 1 FROM entry)
      RETURNING a.id
    )
    SELECT entry.id::text AS id, entry.created_at, entry.effective_at,
      (SELECT json_agg(json_build_object('id', np.id::text, 'accountId', np.account_id, 'version', np.account_version::text))
         FROM new_postings np) AS postings
    FROM entry`)
    .catch((error: unknown) => {
      // Two reversals racing under different keys: the UNIQUE constraint decides.
      if (links.reversesEntryId && uniqueViolation(error, 'journal_entries_reverses_entry_id_unique')) {
        throw new AlreadyReversedError(links.reversesEntryId);
      }
      throw error;
    })) as unknown as Array<{
    id: string;
    created_at: string;
    effective_at: string;
    postings: Array<{ id: string; accountId: string; version: string }>;
  }>;
  const [row] = result;
  if (!row) {
    const earlier = await replayEntry(tx, input.idempotencyKey, requestHash);
    if (!earlier) throw new Error(`entry ${input.idempotencyKey} conflicted but cannot be found`);
    return earlier;
  }
  const postingIds = new Map(row.postings.map((p) => [`${p.accountId}/${p.version}`, p.id]));
  return {
    replayed: false,
    entry: {
      id: row.id,
      idempotencyKey: input.idempotencyKey,
      kind: input.kind,
      memo: input.memo ?? '',
      effectiveAt: parseTimestamp(row.effective_at),
      createdAt: parseTimestamp(row.created_at),
      metadata: input.metadata ?? {},
      fx: input.fx ?? null,
      reversesEntryId: links.reversesEntryId ?? null,
      holdId: links.holdId ?? null,
      postings: plan.planned.map((posting) => ({
        id: postingIds.get(`${posting.accountId}/${posting.accountVersion}`)!,
        accountId: posting.accountId,
        currency: posting.currency,
        side: posting.side,
        amount: formatMoney(posting.amount, posting.currency),
        accountVersion: posting.accountVersion.toString(),
        balanceAfter: formatMoney(posting.balanceAfter, posting.currency),
      })),
    },
  };
}

/** The entry an earlier call made with this key, if any; the key reused for another request is refused. */
export async function replayEntry(tx: Transaction, key: string, requestHash: string): Promise<PostResult | undefined> {
  const [earlier] = (await tx.execute(
    sql`SELECT id::text AS id, request_hash FROM journal_entries WHERE idempotency_key = ${key}`,
  )) as unknown as Array<{ id: string; request_hash: string }>;
  if (!earlier) return undefined;
  if (earlier.request_hash !== requestHash) throw new IdempotencyConflictError(key);
  return { entry: (await loadEntries(tx, [earlier.id]))[0]!, replayed: true };
}

/**
 * Posts the mirror image of an entry (every posting on the other side), pointing at it. The
 * database's UNIQUE(reverses_entry_id) makes a second reversal impossible whatever the code does.
 */
export function reverseEntry(
  executor: Executor,
  entryId: string,
  options: { idempotencyKey: string; memo?: string; metadata?: Record<string, unknown> },
): Promise<PostResult> {
  return inTransaction(executor, async (tx) => {
    const original = await getEntry(tx, entryId);
    const input: EntryInput = {
      idempotencyKey: options.idempotencyKey,
      kind: 'reversal',
      memo: options.memo ?? `Reversal of entry ${original.id}`,
      metadata: { ...options.metadata, reverses: original.id },
      postings: original.postings.map((posting) => ({
        accountId: posting.accountId,
        side: oppositeSide(posting.side),
        amount: posting.amount,
      })),
      ...(original.fx ? { fx: original.fx } : {}),
    };
    checkEntryShape(input);
    const accounts = await lockAccounts(tx, input.postings.map((posting) => posting.accountId));
    const [existing] = (await tx.execute(
      sql`SELECT idempotency_key FROM journal_entries WHERE reverses_entry_id = ${original.id}::bigint`,
    )) as unknown as Array<{ idempotency_key: string }>;
    if (existing && existing.idempotency_key !== options.idempotencyKey) throw new AlreadyReversedError(original.id);
    return commitEntry(tx, input, accounts, { reversesEntryId: original.id });
  });
}

export async function getEntry(executor: Executor, id: string): Promise<Entry> {
  const [entry] = /^[1-9][0-9]{0,18}$/.test(id) ? await loadEntries(executor, [id]) : [];
  if (!entry) throw new NotFoundError('journal entry', id);
  return entry;
}

/** Entries with their postings, in the order of `ids`. */
export async function loadEntries(executor: Executor, ids: readonly string[]): Promise<Entry[]> {
  if (ids.length === 0) return [];
  const rows = (await executor.execute(sql`
    SELECT e.id::text AS id, e.idempotency_key, e.kind, e.memo, e.effective_at, e.created_at, e.metadata, e.fx,
           e.reverses_entry_id::text AS reverses_entry_id, e.hold_id,
           json_agg(json_build_object(
             'id', p.id::text, 'accountId', p.account_id, 'currency', p.currency, 'side', p.side,
             'amount', p.amount::text, 'accountVersion', p.account_version::text, 'balanceAfter', p.balance_after::text
           ) ORDER BY p.id) AS postings
    FROM journal_entries e JOIN postings p ON p.entry_id = e.id
    WHERE e.id = ANY(${`{${ids.join(',')}}`}::bigint[])
    GROUP BY e.id`)) as unknown as Array<{
    id: string;
    idempotency_key: string;
    kind: string;
    memo: string;
    effective_at: string;
    created_at: string;
    metadata: Record<string, unknown>;
    fx: Entry['fx'];
    reverses_entry_id: string | null;
    hold_id: string | null;
    postings: Posting[];
  }>;
  const byId = new Map(
    rows.map((row): [string, Entry] => [
      row.id,
      {
        id: row.id,
        idempotencyKey: row.idempotency_key,
        kind: row.kind,
        memo: row.memo,
        effectiveAt: parseTimestamp(row.effective_at),
        createdAt: parseTimestamp(row.created_at),
        metadata: row.metadata,
        fx: row.fx,
        reversesEntryId: row.reverses_entry_id,
        holdId: row.hold_id,
        postings: row.postings.map((posting) => ({
          ...posting,
          amount: formatMoney(new Decimal(posting.amount), posting.currency),
          balanceAfter: formatMoney(new Decimal(posting.balanceAfter), posting.currency),
        })),
      },
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((entry): entry is Entry => entry !== undefined);
}

/** True for a PostgreSQL unique violation of the named constraint (Drizzle wraps the driver's error). */
export function uniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = ((error as { cause?: unknown })?.cause ?? error) as { code?: string; constraint_name?: string };
  return pgError?.code === '23505' && pgError.constraint_name === constraint;
}
