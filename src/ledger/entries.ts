import { type Executor, driverOf, parseTimestamp, pgArray } from '../db';
import { canonicalJson, sha256Hex } from '../hashing';
import { Decimal, formatMoney } from '../money';
import { accountTerms } from './account-terms';
import { type AccountTerms, checkEntryShape, resolvePostings } from './entry-rules';
import { AlreadyReversedError, IdempotencyConflictError, InsufficientFundsError, LedgerNotFoundError } from './errors';
import { inTransaction } from './transaction';
import { type Entry, type EntryInput, type PostResult, type Posting, oppositeSide } from './types';

interface EntryLinks {
  reversesEntryId?: string;
  holdId?: string;
}

/**
 * Fingerprint of what an entry asks for, to tell a retry (same key, same request: replay) from a
 * reuse of the key for something else (refused). The booking time is not part of it.
 */
export function entryRequestHash(input: EntryInput, links: EntryLinks = {}): string {
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

/**
 * Records a balanced journal entry: the one way money moves. Idempotent on `idempotencyKey`.
 * Outside a caller's transaction it is a single statement (autocommit): one round trip.
 */
export async function postEntry(executor: Executor, input: EntryInput): Promise<PostResult> {
  checkEntryShape(input);
  const terms = await accountTerms(
    executor,
    input.postings.map((posting) => posting.accountId),
  );
  return commitEntry(executor, input, terms);
}

interface BookingRow {
  id: string | null;
  created_at: string | null;
  effective_at: string | null;
  /** In the order of the input postings. */
  postings: Array<{ id: string; version: string; balanceAfter: string }> | null;
  /** Every touched account as the booking left it. */
  accounts: Array<{
    id: string;
    currency: string;
    balance: string;
    held: string;
    version: string;
    minBalance: string | null;
  }> | null;
  short_account_id: string | null;
  short_account: string | null;
  short_currency: string | null;
  available: string | null;
  requested: string | null;
}

/**
 * The write path shared by plain entries, reversals and hold captures. Everything that can be
 * checked without balances is checked here first; then ONE statement locks the accounts (in id
 * order), computes every posting's running balance and version, checks every limit counting
 * holds, and -- only if all pass -- inserts the entry, its postings, its sealing-queue row and the
 * new balances. It answers with the entry, or with the first account that would fall short.
 * `heldDelta` changes what holds reserve on accounts in the same step (hold captures).
 */
export async function commitEntry(
  executor: Executor,
  input: EntryInput,
  terms: ReadonlyMap<string, AccountTerms>,
  links: EntryLinks = {},
  heldDelta: ReadonlyMap<string, Decimal> = new Map(),
): Promise<PostResult> {
  const resolved = resolvePostings(input, terms);
  const requestHash = entryRequestHash(input, links);
  const driver = driverOf(executor);
  // Every account the step touches, as one array: "id = ANY(array)" is an index lookup whatever
  // the planner guesses about the unnest()ed rows (which it cannot count).
  const touched = pgArray([...new Set([...resolved.map((p) => p.accountId), ...heldDelta.keys()])]);
  const [row] = await driver<BookingRow[]>`
    -- 1. The booking's time and its postings, in input order.
    WITH booking AS (SELECT clock_timestamp() AS at),
    moves_in AS (
      SELECT * FROM unnest(
        ${pgArray(resolved.map((p) => p.accountId))}::uuid[], ${pgArray(resolved.map((p) => p.side))}::posting_side[],
        ${pgArray(resolved.map((p) => formatMoney(p.amount, p.currency)))}::numeric[],
        ${pgArray(resolved.map((p) => p.currency))}::char(3)[],
        ${pgArray(resolved.map((p) => p.minorUnits))}::smallint[]
      ) WITH ORDINALITY AS m(account_id, side, amount, currency, minor_units, ordinal)
    ),
    -- 2. What holds reserve changes by on each account (a hold capture releases its reservation).
    held_in AS (
      SELECT id, sum(delta) AS delta
      FROM unnest(
        ${pgArray([...heldDelta.keys()])}::uuid[],
        ${pgArray([...heldDelta.values()].map((d) => d.toFixed()))}::numeric[]
      ) AS h(id, delta)
      GROUP BY id
    ),
    -- 3. Lock every touched account, in id order so that two bookings never deadlock.
    locked AS (
      SELECT a.id, a.code, a.currency, a.normal_side, a.min_balance, a.balance, a.held, a.version
      FROM ledger_accounts a
      WHERE a.id = ANY(${touched}::uuid[])
      ORDER BY a.id
      FOR NO KEY UPDATE
    ),
    -- 4. Each posting's running balance and account version.
    moves AS (
      SELECT m.account_id, m.side, m.amount, m.currency, m.minor_units, m.ordinal,
             l.balance + sum(CASE WHEN m.side = l.normal_side THEN m.amount ELSE -m.amount END) OVER running
               AS balance_after,
             l.version + row_number() OVER running AS account_version
      FROM moves_in m JOIN locked l ON l.id = m.account_id
      WINDOW running AS (PARTITION BY m.account_id ORDER BY m.ordinal)
    ),
    -- 5. Each account as the booking would leave it.
    after AS (
      SELECT l.id, l.code, l.currency, l.min_balance, l.balance - l.held AS available_before,
             coalesce(last.balance_after, l.balance) AS balance,
             l.held + coalesce(h.delta, 0) AS held,
             coalesce(last.account_version, l.version) AS version
      FROM locked l
      LEFT JOIN LATERAL (
        SELECT m.balance_after, m.account_version FROM moves m WHERE m.account_id = l.id ORDER BY m.ordinal DESC LIMIT 1
      ) last ON true
      LEFT JOIN held_in h ON h.id = l.id
    ),
    -- 6. The first account that would fall below its limit, counting holds: then nothing is written.
    shortfall AS (
      SELECT id, code, currency, (available_before - min_balance)::text AS available,
             (available_before - (balance - held))::text AS requested
      FROM after WHERE min_balance IS NOT NULL AND balance - held < min_balance
      ORDER BY code LIMIT 1
    ),
    -- 7. The entry (a used idempotency key writes nothing), its place in the sealing queue, its
    --    postings and the new balances.
    entry AS (
      INSERT INTO journal_entries (idempotency_key, request_hash, kind, memo, effective_at, created_at, metadata, fx,
                                   reverses_entry_id, hold_id)
      SELECT ${input.idempotencyKey}, ${requestHash}, ${input.kind}, ${input.memo ?? ''},
             coalesce(${input.effectiveAt?.toISOString() ?? null}::timestamptz, booking.at), booking.at,
             ${JSON.stringify(input.metadata ?? {})}::jsonb, ${input.fx ? JSON.stringify(input.fx) : null}::jsonb,
             ${links.reversesEntryId ?? null}::bigint, ${links.holdId ?? null}::uuid
      FROM booking WHERE NOT EXISTS (SELECT 1 FROM shortfall)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id, created_at, effective_at
    ),
    queued_for_sealing AS (INSERT INTO ledger_unsealed (entry_id) SELECT id FROM entry),
    new_postings AS (
      INSERT INTO postings (entry_id, account_id, currency, minor_units, side, amount, account_version, balance_after,
                            created_at)
      SELECT entry.id, m.account_id, m.currency, m.minor_units, m.side, m.amount, m.account_version, m.balance_after,
             entry.created_at
      FROM entry CROSS JOIN moves m ORDER BY m.ordinal
      RETURNING id, account_id, account_version, balance_after
    ),
    new_balances AS (
      UPDATE ledger_accounts a SET balance = f.balance, held = f.held, version = f.version
      FROM after f WHERE a.id = ANY(${touched}::uuid[]) AND a.id = f.id AND EXISTS (SELECT 1 FROM entry)
    )
    -- 8. The answer: the entry with its postings and accounts, or the shortfall.
    SELECT e.id::text AS id, e.created_at, e.effective_at,
           (SELECT json_agg(json_build_object('id', np.id::text, 'version', np.account_version::text,
                   'balanceAfter', np.balance_after::text) ORDER BY m.ordinal)
              FROM new_postings np
              JOIN moves m ON m.account_id = np.account_id AND m.account_version = np.account_version
           ) AS postings,
           (SELECT json_agg(json_build_object('id', f.id, 'currency', f.currency, 'balance', f.balance::text,
                   'held', f.held::text, 'version', f.version::text, 'minBalance', f.min_balance::text))
              FROM after f WHERE e.id IS NOT NULL
           ) AS accounts,
           s.id::text AS short_account_id, s.code AS short_account, s.currency AS short_currency,
           s.available, s.requested
    FROM (SELECT 1) one LEFT JOIN entry e ON true LEFT JOIN shortfall s ON true`.catch((error: unknown) => {
    // Two reversals racing under different keys: the unique index decides.
    if (links.reversesEntryId && uniqueViolation(error, 'journal_entries_reverses_key')) {
      throw new AlreadyReversedError(links.reversesEntryId);
    }
    throw error;
  });

  if (row?.id && row.postings) {
    const booked = row.postings;
    return {
      replayed: false,
      accounts: new Map(
        (row.accounts ?? []).map((account) => {
          const money = (amount: Decimal | string) => formatMoney(new Decimal(amount), account.currency);
          return [
            account.id,
            {
              balance: money(account.balance),
              held: money(account.held),
              available: money(new Decimal(account.balance).minus(account.held)),
              version: account.version,
              minBalance: account.minBalance === null ? null : money(account.minBalance),
            },
          ];
        }),
      ),
      entry: {
        id: row.id,
        idempotencyKey: input.idempotencyKey,
        kind: input.kind,
        memo: input.memo ?? '',
        effectiveAt: parseTimestamp(row.effective_at!),
        createdAt: parseTimestamp(row.created_at!),
        metadata: input.metadata ?? {},
        fx: input.fx ?? null,
        reversesEntryId: links.reversesEntryId ?? null,
        holdId: links.holdId ?? null,
        postings: resolved.map((posting, index): Posting => ({
          id: booked[index]!.id,
          accountId: posting.accountId,
          currency: posting.currency,
          side: posting.side,
          amount: formatMoney(posting.amount, posting.currency),
          accountVersion: booked[index]!.version,
          balanceAfter: formatMoney(new Decimal(booked[index]!.balanceAfter), posting.currency),
        })),
      },
    };
  }
  // Not booked: the key was used before (replay it, even if the money is gone since), or an
  // account would fall short.
  const earlier = await replayEntry(executor, input.idempotencyKey, requestHash);
  if (earlier) return earlier;
  if (row?.short_account) {
    throw new InsufficientFundsError(
      row.short_account_id!,
      row.short_account,
      formatMoney(new Decimal(row.available!), row.short_currency!),
      formatMoney(new Decimal(row.requested!), row.short_currency!),
      row.short_currency!,
    );
  }
  throw new Error(`entry ${input.idempotencyKey} was neither booked nor found`);
}

/** The entry an earlier call made with this key, if any; the key reused for another request is refused. */
export async function replayEntry(
  executor: Executor,
  key: string,
  requestHash: string,
): Promise<PostResult | undefined> {
  const [earlier] = await driverOf(executor)<Array<{ id: string; request_hash: string }>>`
    SELECT id::text AS id, request_hash FROM journal_entries WHERE idempotency_key = ${key}`;
  if (!earlier) return undefined;
  if (earlier.request_hash !== requestHash) throw new IdempotencyConflictError(key);
  return { entry: (await loadEntries(executor, [earlier.id]))[0]!, replayed: true };
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
    const [existing] = await driverOf(tx)<Array<{ idempotency_key: string }>>`
      SELECT idempotency_key FROM journal_entries WHERE reverses_entry_id = ${original.id}::bigint`;
    if (existing && existing.idempotency_key !== options.idempotencyKey) throw new AlreadyReversedError(original.id);
    const terms = await accountTerms(
      tx,
      input.postings.map((posting) => posting.accountId),
    );
    return commitEntry(tx, input, terms, { reversesEntryId: original.id });
  });
}

export async function getEntry(executor: Executor, id: string): Promise<Entry> {
  const [entry] = /^[1-9][0-9]{0,18}$/.test(id) ? await loadEntries(executor, [id]) : [];
  if (!entry) throw new LedgerNotFoundError('journal entry', id);
  return entry;
}

/**
 * An entry and its postings as stored: one reader for the API (loadEntries) and for the hash chain,
 * which must see exactly what is in the tables. Times are ISO-8601 to the microsecond, UTC.
 */
export interface EntryRow {
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
  /** null when the entry has none (only a write around the guards could do that). */
  postings: Posting[] | null;
}

const MICROSECOND_UTC = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

export async function fetchEntryRows(executor: Executor, ids: readonly string[]): Promise<Map<string, EntryRow>> {
  if (ids.length === 0) return new Map();
  const rows = await driverOf(executor)<EntryRow[]>`
    SELECT e.id::text AS id, e.idempotency_key, e.kind, e.memo,
           to_char(e.effective_at AT TIME ZONE 'UTC', ${MICROSECOND_UTC}) AS effective_at,
           to_char(e.created_at AT TIME ZONE 'UTC', ${MICROSECOND_UTC}) AS created_at,
           e.metadata, e.fx, e.reverses_entry_id::text AS reverses_entry_id, e.hold_id,
           json_agg(json_build_object(
             'id', p.id::text, 'accountId', p.account_id, 'currency', p.currency, 'side', p.side,
             'amount', p.amount::text, 'accountVersion', p.account_version::text, 'balanceAfter', p.balance_after::text
           ) ORDER BY p.id) FILTER (WHERE p.id IS NOT NULL) AS postings
    FROM journal_entries e LEFT JOIN postings p ON p.entry_id = e.id
    WHERE e.id = ANY(${pgArray(ids)}::bigint[])
    GROUP BY e.id`;
  return new Map(rows.map((row) => [row.id, row]));
}

/** Entries with their postings, in the order of `ids`. */
export async function loadEntries(executor: Executor, ids: readonly string[]): Promise<Entry[]> {
  const rows = await fetchEntryRows(executor, ids);
  return ids.flatMap((id) => {
    const row = rows.get(id);
    if (!row) return [];
    return [
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
        postings: (row.postings ?? []).map((posting) => ({
          ...posting,
          amount: formatMoney(new Decimal(posting.amount), posting.currency),
          balanceAfter: formatMoney(new Decimal(posting.balanceAfter), posting.currency),
        })),
      },
    ];
  });
}

/** True for a PostgreSQL unique violation of the named constraint (Drizzle wraps the driver's error). */
export function uniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = ((error as { cause?: unknown })?.cause ?? error) as { code?: string; constraint_name?: string };
  return pgError?.code === '23505' && pgError.constraint_name === constraint;
}
