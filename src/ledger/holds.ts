import { type Executor, driverOf, parseOptionalTimestamp, parseTimestamp, pgArray } from '../db';
import { type FieldError } from '../errors';
import { canonicalJson, sha256Hex } from '../hashing';
import { Decimal, ZERO, formatMoney } from '../money';
import { parseLedgerMoney } from './money-input';
import { lockAccounts } from './account-locks';
import { commitEntry, entryRequestHash, replayEntry } from './entries';
import { type LockedAccount, assertCanReserve, checkKey, isUuid } from './entry-rules';
import {
  CurrencyMismatchError,
  HoldNotPendingError,
  HoldOverCaptureError,
  IdempotencyConflictError,
  InsufficientFundsError,
  LedgerInputError,
  LedgerNotFoundError,
  UnknownAccountError,
} from './errors';
import { type Transaction, inTransaction } from './transaction';
import {
  type CaptureInput,
  type Entry,
  type EntryInput,
  type Hold,
  type HoldInput,
  type HoldResult,
  type HoldStatus,
  oppositeSide,
} from './types';

interface HoldRow {
  id: string;
  idempotency_key: string;
  request_hash: string;
  account_id: string;
  counter_account_id: string;
  currency: string;
  amount: string;
  captured: string;
  status: HoldStatus;
  memo: string;
  metadata: Record<string, unknown>;
  expires_at: string | null;
  created_at: string;
  resolved_at: string | null;
}

function toHold(row: HoldRow): Hold {
  const remaining = row.status === 'pending' ? new Decimal(row.amount).minus(row.captured) : ZERO;
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    accountId: row.account_id,
    counterAccountId: row.counter_account_id,
    currency: row.currency,
    amount: formatMoney(new Decimal(row.amount), row.currency),
    captured: formatMoney(new Decimal(row.captured), row.currency),
    remaining: formatMoney(remaining, row.currency),
    status: row.status,
    memo: row.memo,
    metadata: row.metadata,
    expiresAt: parseOptionalTimestamp(row.expires_at),
    createdAt: parseTimestamp(row.created_at),
    resolvedAt: parseOptionalTimestamp(row.resolved_at),
  };
}

/** Reads a hold by id or by idempotency key; `lock` takes its row lock (after its accounts'). */
async function selectHolds(
  executor: Executor,
  by: { ids: readonly string[] } | { key: string },
  lock = false,
): Promise<HoldRow[]> {
  const driver = driverOf(executor);
  const where = 'ids' in by ? driver`id = ANY(${pgArray(by.ids)}::uuid[])` : driver`idempotency_key = ${by.key}`;
  return driver<HoldRow[]>`
    SELECT id, idempotency_key, request_hash, account_id, counter_account_id, currency, amount::text AS amount,
           captured::text AS captured, status, memo, metadata, expires_at, created_at, resolved_at
    FROM ledger_holds WHERE ${where} ${lock ? driver`FOR UPDATE` : driver``}`;
}

async function selectHold(
  executor: Executor,
  by: { id: string } | { key: string },
  lock = false,
): Promise<HoldRow | undefined> {
  const [row] = await selectHolds(executor, 'id' in by ? { ids: [by.id] } : by, lock);
  return row;
}

export async function getHold(executor: Executor, id: string): Promise<Hold> {
  const row = isUuid(id) ? await selectHold(executor, { id }) : undefined;
  if (!row) throw new LedgerNotFoundError('hold', id);
  return toHold(row);
}

/** Holds by id, in one query; ids that are no hold are left out. */
export async function getHolds(executor: Executor, ids: readonly string[]): Promise<Map<string, Hold>> {
  const valid = ids.filter(isUuid);
  const rows = valid.length > 0 ? await selectHolds(executor, { ids: valid }) : [];
  return new Map(rows.map((row) => [row.id, toHold(row)]));
}

/**
 * Reserves money on an account for a later posting to `counterAccountId`: the amount counts
 * against the account's limit at once, so what is promised cannot be spent twice.
 */
export async function createHold(executor: Executor, input: HoldInput): Promise<HoldResult> {
  const errors: FieldError[] = [];
  checkKey(input.idempotencyKey, 'idempotencyKey', errors);
  if (!isUuid(input.accountId)) errors.push({ field: 'accountId', message: 'must be an account id (UUID)' });
  if (!isUuid(input.counterAccountId))
    errors.push({ field: 'counterAccountId', message: 'must be an account id (UUID)' });
  if (input.accountId === input.counterAccountId)
    errors.push({ field: 'counterAccountId', message: 'must differ from accountId' });
  if (input.expiresAt != null && Number.isNaN(input.expiresAt.getTime()))
    errors.push({ field: 'expiresAt', message: 'must be a valid date' });
  if (errors.length > 0) throw new LedgerInputError('The hold is invalid; see errors.', errors);

  return inTransaction(executor, async (tx) => {
    const accounts = await lockAccounts(tx, [input.accountId, input.counterAccountId]);
    const { account, counter } = requireAccounts(accounts, input);
    if (counter.currency !== account.currency) {
      throw new CurrencyMismatchError(
        'counterAccountId',
        `account ${counter.code} is in ${counter.currency}, not ${account.currency}`,
      );
    }
    const amount = parseLedgerMoney(input.amount, account.currency, 'amount');
    const requestHash = sha256Hex(
      canonicalJson({ ...input, idempotencyKey: undefined, amount: formatMoney(amount, account.currency) }),
    );
    const earlier = async () => {
      const row = await selectHold(tx, { key: input.idempotencyKey });
      if (row && row.request_hash !== requestHash) throw new IdempotencyConflictError(input.idempotencyKey);
      return row && { hold: toHold(row), replayed: true };
    };
    try {
      assertCanReserve(account, amount);
    } catch (error) {
      if (error instanceof InsufficientFundsError) {
        const replay = await earlier();
        if (replay) return replay;
      }
      throw error;
    }
    const driver = driverOf(tx);
    const [inserted] = await driver<Array<{ id: string }>>`
      INSERT INTO ledger_holds (idempotency_key, request_hash, account_id, counter_account_id, currency, minor_units,
                                amount, memo, metadata, expires_at)
      VALUES (${input.idempotencyKey}, ${requestHash}, ${account.id}::uuid, ${counter.id}::uuid,
              ${account.currency}, ${account.minorUnits},
              ${formatMoney(amount, account.currency)}::numeric, ${input.memo ?? ''},
              ${JSON.stringify(input.metadata ?? {})}::jsonb,
              ${input.expiresAt?.toISOString() ?? null}::timestamptz)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id`;
    if (!inserted) return (await earlier())!;
    await driver`
      UPDATE ledger_accounts SET held = held + ${formatMoney(amount, account.currency)}::numeric
      WHERE id = ${account.id}::uuid`;
    return { hold: toHold((await selectHold(tx, { id: inserted.id }))!), replayed: false };
  });
}

/**
 * Posts part or all of a pending hold to its counter-account. The hold stays pending while money is
 * left on it, unless `final` (or nothing is left): then it is `posted` and the rest is released.
 */
export async function captureHold(
  executor: Executor,
  holdId: string,
  input: CaptureInput,
): Promise<{ entry: Entry; hold: Hold; replayed: boolean }> {
  const errors: FieldError[] = [];
  checkKey(input.idempotencyKey, 'idempotencyKey', errors);
  if (errors.length > 0) throw new LedgerInputError('The capture is invalid; see errors.', errors);

  return inTransaction(executor, async (tx) => {
    const { row, accounts } = await lockHold(tx, holdId);
    const account = accounts.get(row.account_id)!;
    const amount = parseLedgerMoney(input.amount, row.currency, 'amount');
    const postingSide = oppositeSide(account.normalSide);
    const entryInput: EntryInput = {
      idempotencyKey: input.idempotencyKey,
      kind: input.kind ?? 'hold-capture',
      memo: input.memo ?? row.memo,
      metadata: { ...input.metadata, holdId: row.id },
      postings: [
        { accountId: row.account_id, side: postingSide, amount: formatMoney(amount, row.currency) },
        {
          accountId: row.counter_account_id,
          side: oppositeSide(postingSide),
          amount: formatMoney(amount, row.currency),
        },
      ],
    };
    const links = { holdId: row.id };
    const replay = await replayEntry(tx, input.idempotencyKey, entryRequestHash(entryInput, links));
    if (replay) return { entry: replay.entry, hold: toHold(row), replayed: true };
    assertPending(row);
    const remaining = new Decimal(row.amount).minus(row.captured);
    if (amount.greaterThan(remaining)) {
      throw new HoldOverCaptureError(row.id, formatMoney(remaining, row.currency), formatMoney(amount, row.currency));
    }
    const resolves = input.final === true || amount.equals(remaining);
    const released = resolves ? remaining : amount;
    const { entry } = await commitEntry(
      tx,
      entryInput,
      accounts,
      links,
      new Map([[row.account_id, released.negated()]]),
    );
    await driverOf(tx)`
      UPDATE ledger_holds
      SET captured = captured + ${formatMoney(amount, row.currency)}::numeric,
          status = ${resolves ? 'posted' : 'pending'}::hold_status,
          resolved_at = CASE WHEN ${resolves} THEN clock_timestamp() END
      WHERE id = ${row.id}::uuid`;
    return { entry, hold: toHold((await selectHold(tx, { id: row.id }))!), replayed: false };
  });
}

/** Releases what is left of a pending hold. */
export function voidHold(executor: Executor, holdId: string): Promise<Hold> {
  return inTransaction(executor, async (tx) => {
    const { row } = await lockHold(tx, holdId);
    if (row.status !== 'pending') throw new HoldNotPendingError(row.id, row.status);
    return resolveWithoutPosting(tx, row, 'voided');
  });
}

/** Called in the transaction that expires a hold: what the rest of the system wants to say about it. */
export type HoldExpiredHook = (tx: Transaction, hold: Hold, now: Date) => Promise<void>;

/**
 * Expires pending holds whose time has passed, releasing what they reserved. Run periodically (and
 * a capture refuses an expired hold whether or not this has run yet).
 */
export async function expireHolds(
  executor: Executor,
  now: Date = new Date(),
  batch = 100,
  onExpired?: HoldExpiredHook,
): Promise<number> {
  const due = await driverOf(executor)<Array<{ id: string }>>`
    SELECT id FROM ledger_holds WHERE status = 'pending' AND expires_at <= ${now.toISOString()}::timestamptz
    ORDER BY expires_at LIMIT ${batch}`;
  let expired = 0;
  for (const { id } of due) {
    const done = await inTransaction(executor, async (tx) => {
      const { row } = await lockHold(tx, id);
      if (row.status !== 'pending') return false;
      const hold = await resolveWithoutPosting(tx, row, 'expired');
      await onExpired?.(tx, hold, now);
      return true;
    });
    if (done) expired += 1;
  }
  return expired;
}

async function resolveWithoutPosting(tx: Transaction, row: HoldRow, status: 'voided' | 'expired'): Promise<Hold> {
  const remaining = new Decimal(row.amount).minus(row.captured);
  const driver = driverOf(tx);
  await driver`
    UPDATE ledger_accounts SET held = held - ${formatMoney(remaining, row.currency)}::numeric
    WHERE id = ${row.account_id}::uuid`;
  await driver`
    UPDATE ledger_holds SET status = ${status}::hold_status, resolved_at = clock_timestamp()
    WHERE id = ${row.id}::uuid`;
  return toHold((await selectHold(tx, { id: row.id }))!);
}

/** Locks the hold's accounts (sorted, like every write) and then the hold itself. */
async function lockHold(
  tx: Transaction,
  holdId: string,
): Promise<{ row: HoldRow; accounts: Map<string, LockedAccount> }> {
  const unlocked = isUuid(holdId) ? await selectHold(tx, { id: holdId }) : undefined;
  if (!unlocked) throw new LedgerNotFoundError('hold', holdId);
  const accounts = await lockAccounts(tx, [unlocked.account_id, unlocked.counter_account_id]);
  const row = (await selectHold(tx, { id: holdId }, true))!;
  return { row, accounts };
}

function assertPending(row: HoldRow): void {
  if (row.status !== 'pending') throw new HoldNotPendingError(row.id, row.status);
  if (row.expires_at && parseTimestamp(row.expires_at).getTime() <= Date.now())
    throw new HoldNotPendingError(row.id, 'expired');
}

function requireAccounts(
  accounts: ReadonlyMap<string, LockedAccount>,
  input: HoldInput,
): { account: LockedAccount; counter: LockedAccount } {
  const account = accounts.get(input.accountId);
  const counter = accounts.get(input.counterAccountId);
  if (account && counter) return { account, counter };
  const missing = [
    ...(account ? [] : [[input.accountId, 'accountId']]),
    ...(counter ? [] : [[input.counterAccountId, 'counterAccountId']]),
  ] as Array<[string, string]>;
  throw new UnknownAccountError(
    missing.map(([id]) => id),
    missing.map(([, field]) => field),
  );
}
