/**
 * An account with `postings` postings, booked through postEntry: 500 entries per transaction,
 * issued together so that postgres.js pipelines them (the server still runs them one after the
 * other, each seeing the previous one's balance). One entry in five pays out of the account.
 */
export async function seedLedger(url: string, postings: number): Promise<string> {
  const [{ connect }, { createAccount, inTransaction, postEntry, sealPending }] = await Promise.all([
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
    const batch = 500;
    for (let start = 0; start < postings; start += batch) {
      await inTransaction(db, (tx) =>
        Promise.all(
          Array.from({ length: Math.min(batch, postings - start) }, (_, offset) => {
            const index = start + offset;
            const paysOut = index % 5 === 4;
            const units = paysOut ? 150 + (index % 97) : 400 + (index % 389);
            const amount = `${units}.${String(index % 100).padStart(2, '0')}`;
            return postEntry(tx, {
              idempotencyKey: `bench-statement-${index}`,
              kind: paysOut ? 'disbursement' : 'contribution',
              memo: paysOut ? `Estimación de obra núm. ${index}` : `Aportación del club, recibo ${index}`,
              postings: paysOut
                ? [
                    { accountId: supplier.id, side: 'debit', amount },
                    { accountId: account.id, side: 'credit', amount },
                  ]
                : [
                    { accountId: account.id, side: 'debit', amount },
                    { accountId: source.id, side: 'credit', amount },
                  ],
            });
          }),
        ),
      );
    }
    await sealPending(db);
    return account.id;
  } finally {
    await database.close();
  }
}
