import { driverOf, pgArray } from '../db';
import { type LockedAccount, isUuid } from './entry-rules';
import type { Transaction } from './transaction';

/**
 * Locks the accounts an operation touches, always in id order, so two transactions touching the
 * same accounts queue instead of deadlocking. NO KEY UPDATE (not UPDATE): foreign-key checks from
 * other transactions' postings and holds (KEY SHARE) are not blocked by it.
 */
export async function lockAccounts(tx: Transaction, ids: Iterable<string>): Promise<Map<string, LockedAccount>> {
  const unique = [...new Set(ids)].filter(isUuid).sort();
  if (unique.length === 0) return new Map();
  const rows = await driverOf(tx)<
    Array<{
      id: string;
      code: string;
      currency: string;
      minor_units: number;
      normal_side: 'debit' | 'credit';
      min_balance: string | null;
      balance: string;
      held: string;
      version: string;
    }>
  >`
    SELECT id, code, currency, minor_units, normal_side, min_balance, balance, held, version
    FROM ledger_accounts
    WHERE id = ANY(${pgArray(unique)}::uuid[])
    ORDER BY id
    FOR NO KEY UPDATE`;
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        code: row.code,
        currency: row.currency,
        minorUnits: Number(row.minor_units),
        normalSide: row.normal_side,
        minBalance: row.min_balance,
        balance: row.balance,
        held: row.held,
        version: String(row.version),
      },
    ]),
  );
}
