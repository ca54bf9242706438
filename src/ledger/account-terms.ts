import { type Executor, driverOf, pgArray } from '../db';
import type { AccountTerms } from './entry-rules';

/*
 * What an account is never changes (the ledger_accounts_guard trigger refuses it): its code,
 * currency, minor units and normal side. Posting needs them to validate an entry before touching
 * the database, so they are cached per process; balances and limits are never cached.
 */
const MAX_CACHED = 20_000;
const cache = new Map<string, AccountTerms>();

export async function accountTerms(executor: Executor, ids: readonly string[]): Promise<Map<string, AccountTerms>> {
  const found = new Map<string, AccountTerms>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const terms = cache.get(id);
    if (terms) found.set(id, terms);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const rows = await driverOf(executor)<
      Array<{ id: string; code: string; currency: string; minor_units: number; normal_side: 'debit' | 'credit' }>
    >`
      SELECT id, code, currency, minor_units, normal_side FROM ledger_accounts
      WHERE id = ANY(${pgArray(missing)}::uuid[])`;
    for (const row of rows) {
      const terms: AccountTerms = {
        id: row.id,
        code: row.code,
        currency: row.currency,
        minorUnits: Number(row.minor_units),
        normalSide: row.normal_side,
      };
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(row.id, terms);
      found.set(row.id, terms);
    }
  }
  return found;
}
