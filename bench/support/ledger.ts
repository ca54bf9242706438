import type { Database } from '../../src/db';

interface BenchAccounts {
  account: string;
  source: string;
  supplier: string;
}

/**
 * An account with `postings` postings, booked through postEntry: 500 entries per transaction,
 * issued together so that postgres.js pipelines them (the server still runs them one after the
 * other, each seeing the previous one's balance). One entry in five pays out of the account.
 */
export async function seedLedger(url: string, postings: number): Promise<string> {
  const [{ connect }, { createAccount, sealPending }] = await Promise.all([
    import('../../src/db'),
    import('../../src/ledger'),
  ]);
  const database = connect(url, { max: 2 });
  try {
    const { db } = database;
    const account = await createAccount(db, {
      code: 'bench:project',
      name: 'Proyecto de agua potable, San Juan de los Lagos',
      type: 'asset',
      currency: 'MXN',
    });
    const source = await createAccount(db, {
      code: 'bench:club:source',
      name: 'Aportaciones del club',
      type: 'equity',
      currency: 'MXN',
      minBalance: null,
    });
    const supplier = await createAccount(db, {
      code: 'bench:supplier',
      name: 'Constructora del Bajío',
      type: 'expense',
      currency: 'MXN',
      minBalance: null,
    });
    await bookEntries(
      db,
      { account: account.id, source: source.id, supplier: supplier.id },
      postings,
      'bench-statement',
    );
    await sealPending(db);
    return account.id;
  } finally {
    await database.close();
  }
}

/** `count` more entries on the account seedLedger opened (code bench:project), not sealed. */
export async function seedEntries(db: Database, count: number, keyPrefix: string): Promise<void> {
  const { findAccountByCode } = await import('../../src/ledger');
  const [account, source, supplier] = await Promise.all(
    ['bench:project', 'bench:club:source', 'bench:supplier'].map((code) => findAccountByCode(db, code)),
  );
  await bookEntries(db, { account: account!.id, source: source!.id, supplier: supplier!.id }, count, keyPrefix);
}

async function bookEntries(db: Database, accounts: BenchAccounts, count: number, keyPrefix: string) {
  const { inTransaction, postEntry } = await import('../../src/ledger');
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    await inTransaction(db, (tx) =>
      Promise.all(
        Array.from({ length: Math.min(batch, count - start) }, (_, offset) => {
          const index = start + offset;
          const paysOut = index % 5 === 4;
          const units = paysOut ? 150 + (index % 97) : 400 + (index % 389);
          const amount = `${units}.${String(index % 100).padStart(2, '0')}`;
          return postEntry(tx, {
            idempotencyKey: `${keyPrefix}-${index}`,
            kind: paysOut ? 'disbursement' : 'contribution',
            memo: paysOut ? `Estimación de obra núm. ${index}` : `Aportación del club, recibo ${index}`,
            postings: paysOut
              ? [
                  { accountId: accounts.supplier, side: 'debit', amount },
                  { accountId: accounts.account, side: 'credit', amount },
                ]
              : [
                  { accountId: accounts.account, side: 'debit', amount },
                  { accountId: accounts.source, side: 'credit', amount },
                ],
          });
        }),
      ),
    );
  }
}
