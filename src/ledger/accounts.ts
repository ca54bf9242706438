import { LedgerInputError, LedgerNotFoundError, AccountExistsError } from './errors';
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db';
import { ledgerAccounts } from '../db/schema';
import { type FieldError } from '../errors';
import { Decimal, formatMoney, isCurrency, minorUnits } from '../money';
import { parseLedgerMoney } from './money-input';
import { isUuid } from './entry-rules';
import { type Account, type AccountInput, type AccountType, type PostResult, normalSideOf } from './types';

const ACCOUNT_TYPES: readonly AccountType[] = ['asset', 'liability', 'equity', 'income', 'expense'];

type AccountRow = typeof ledgerAccounts.$inferSelect;

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    normalSide: row.normalSide,
    currency: row.currency,
    minBalance: row.minBalance === null ? null : formatMoney(new Decimal(row.minBalance), row.currency),
    balance: formatMoney(new Decimal(row.balance), row.currency),
    held: formatMoney(new Decimal(row.held), row.currency),
    available: formatMoney(new Decimal(row.balance).minus(row.held), row.currency),
    version: row.version.toString(),
    metadata: row.metadata,
    createdAt: row.createdAt,
  };
}

function validateAccountInput(input: AccountInput) {
  const errors: FieldError[] = [];
  if (typeof input.code !== 'string' || input.code.trim() === '' || input.code.length > 200) {
    errors.push({ field: 'code', message: 'required, up to 200 characters' });
  }
  if (typeof input.name !== 'string' || input.name.trim() === '') errors.push({ field: 'name', message: 'required' });
  if (!ACCOUNT_TYPES.includes(input.type))
    errors.push({ field: 'type', message: `one of ${ACCOUNT_TYPES.join(', ')}` });
  if (!isCurrency(input.currency)) errors.push({ field: 'currency', message: 'an ISO 4217 currency code' });
  if (errors.length > 0) throw new LedgerInputError('The account is invalid; see errors.', errors);
  const minBalance =
    input.minBalance === null
      ? null
      : parseLedgerMoney(
          input.minBalance ?? formatMoney(new Decimal(0), input.currency),
          input.currency,
          'minBalance',
          {
            allowNegative: true,
            allowZero: true,
          },
        );
  return {
    code: input.code,
    name: input.name,
    type: input.type,
    normalSide: normalSideOf(input.type),
    currency: input.currency,
    minorUnits: minorUnits(input.currency),
    minBalance: minBalance === null ? null : formatMoney(minBalance, input.currency),
    metadata: input.metadata ?? {},
  };
}

/** Opens an account; a second account with the same code is a conflict. */
export async function createAccount(executor: Executor, input: AccountInput): Promise<Account> {
  const values = validateAccountInput(input);
  const [row] = await executor
    .insert(ledgerAccounts)
    .values(values)
    .onConflictDoNothing({ target: ledgerAccounts.code })
    .returning();
  if (!row) throw new AccountExistsError(`a ledger account with code ${values.code} already exists`);
  return toAccount(row);
}

/**
 * Opens the account unless one with this code exists, and returns it: for accounts a workflow
 * step creates on first use. An existing account with other terms is a conflict, never reused.
 */
export async function ensureAccount(executor: Executor, input: AccountInput): Promise<Account> {
  const values = validateAccountInput(input);
  await executor.insert(ledgerAccounts).values(values).onConflictDoNothing({ target: ledgerAccounts.code });
  const [row] = await executor.select().from(ledgerAccounts).where(eq(ledgerAccounts.code, values.code));
  if (!row) throw new Error(`account ${values.code} vanished after insert`);
  const same = row.type === values.type && row.currency === values.currency && row.minBalance === values.minBalance;
  if (!same) throw new AccountExistsError(`ledger account ${values.code} exists with other terms`);
  return toAccount(row);
}

export async function getAccount(executor: Executor, id: string): Promise<Account> {
  const row = isUuid(id)
    ? (await executor.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, id)))[0]
    : undefined;
  if (!row) throw new LedgerNotFoundError('ledger account', id);
  return toAccount(row);
}

/** The account as a booking left it, without reading it again; read when the result does not say (a replay). */
export function accountAfter(executor: Executor, account: Account, result: PostResult): Promise<Account> {
  const state = result.accounts?.get(account.id);
  return state ? Promise.resolve({ ...account, ...state }) : getAccount(executor, account.id);
}

export async function findAccountByCode(executor: Executor, code: string): Promise<Account | undefined> {
  const [row] = await executor.select().from(ledgerAccounts).where(eq(ledgerAccounts.code, code));
  return row ? toAccount(row) : undefined;
}

/** The accounts with these codes, in one statement; a code no account has is left out. */
export async function findAccountsByCode(executor: Executor, codes: readonly string[]): Promise<Account[]> {
  if (codes.length === 0) return [];
  const rows = await executor
    .select()
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.code, [...codes]));
  return rows.map(toAccount);
}
