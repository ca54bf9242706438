import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  AlreadyReversedError,
  CurrencyMismatchError,
  HoldNotPendingError,
  HoldOverCaptureError,
  IdempotencyConflictError,
  InsufficientFundsError,
  LedgerInputError,
  UnbalancedEntryError,
  UnknownAccountError,
  balanceAt,
  captureHold,
  createHold,
  expireHolds,
  getAccount,
  getEntry,
  getHold,
  listEntries,
  postEntry,
  reverseEntry,
  sealPending,
  trialBalance,
  voidHold,
} from '../../src/ledger';
import { rowsOf } from '../../src/db';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ledgerRowCounts, openAccount, openWorld, transfer } from '../support/ledger-fixtures';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** The PostgreSQL error under Drizzle's wrapper, as text: message and constraint. */
async function databaseRefusal(attempt: Promise<unknown>): Promise<string> {
  const error = (await attempt.then(
    () => expect.unreachable('the database accepted it'),
    (e: unknown) => e,
  )) as { message: string; constraint_name?: string; cause?: { message: string; constraint_name?: string } };
  // Statements fail wrapped by Drizzle; a deferred check fails at COMMIT, straight from the driver.
  const pgError = error.cause ?? error;
  return `${pgError.message} ${pgError.constraint_name ?? ''}`;
}

/** Asserts `attempt` fails with `type` and that no ledger row changed meanwhile. */
async function refusedWithoutWrites(attempt: () => Promise<unknown>, type: new (...args: never[]) => Error) {
  const before = await ledgerRowCounts(database.db);
  await expect(attempt()).rejects.toBeInstanceOf(type);
  expect(await ledgerRowCounts(database.db)).toEqual(before);
}

/** An entry of kind `test` with these postings, under a fresh idempotency key. */
const postTestEntry = (postings: Parameters<typeof postEntry>[1]['postings']) =>
  postEntry(database.db, { idempotencyKey: randomUUID(), kind: 'test', postings });

/** Asserts an entry with these postings is refused with `type`, writing nothing. */
const refusesPostings = (postings: Parameters<typeof postTestEntry>[0], type: new (...args: never[]) => Error) =>
  refusedWithoutWrites(() => postTestEntry(postings), type);

describe('posting', () => {
  it('moves money with balanced postings and keeps each balance on its normal side', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db, { name: 'Federal pool' });
    const { entry, replayed } = await transfer(database.db, world, pool, '2400000.00');
    expect(replayed).toBe(false);
    expect(entry.postings.map((p) => [p.side, p.amount])).toEqual([
      ['debit', '2400000.00'],
      ['credit', '2400000.00'],
    ]);
    expect((await getAccount(database.db, pool.id)).balance).toBe('2400000.00');
    // Equity is credit-normal: it grows with the credit.
    expect((await getAccount(database.db, world.id)).balance).toBe('2400000.00');
  });

  it('replays a retry with the same key and refuses the key for another request', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const key = randomUUID();
    const first = await transfer(database.db, world, pool, '10.00', key);
    const again = await transfer(database.db, world, pool, '10.00', key);
    expect(again.replayed).toBe(true);
    expect(again.entry.id).toBe(first.entry.id);
    expect((await getAccount(database.db, pool.id)).balance).toBe('10.00');
    await refusedWithoutWrites(() => transfer(database.db, world, pool, '11.00', key), IdempotencyConflictError);
  });

  it('refuses an unbalanced entry', async () => {
    const a = await openAccount(database.db);
    const b = await openAccount(database.db, { minBalance: null });
    await refusesPostings(
      [
        { accountId: a.id, side: 'debit', amount: '10.00' },
        { accountId: b.id, side: 'credit', amount: '9.99' },
      ],
      UnbalancedEntryError,
    );
  });

  it.each([
    ['-10.00', 'negative'],
    ['10.001', 'over-precise'],
    ['10', 'missing decimals'],
    ['1e3', 'exponent'],
    ['0.00', 'zero'],
  ])('refuses amount %s (%s) naming the field', async (amount) => {
    const a = await openAccount(database.db, { minBalance: null });
    const b = await openAccount(database.db, { minBalance: null });
    const before = await ledgerRowCounts(database.db);
    const attempt = postTestEntry([
      { accountId: a.id, side: 'debit', amount },
      { accountId: b.id, side: 'credit', amount },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(LedgerInputError);
    await attempt.catch((error: LedgerInputError) => expect(error.errors[0]?.field).toBe('postings.0.amount'));
    expect(await ledgerRowCounts(database.db)).toEqual(before);
  });

  it('refuses an unknown account', async () => {
    const a = await openAccount(database.db, { minBalance: null });
    await refusesPostings(
      [
        { accountId: a.id, side: 'debit', amount: '1.00' },
        { accountId: randomUUID(), side: 'credit', amount: '1.00' },
      ],
      UnknownAccountError,
    );
  });

  it('refuses a posting in another currency than its account, and a cross-currency entry without FX', async () => {
    const mxn = await openAccount(database.db, { minBalance: null });
    const usd = await openAccount(database.db, { currency: 'USD', minBalance: null });
    await refusesPostings(
      [
        { accountId: mxn.id, side: 'debit', amount: '1.00', currency: 'USD' },
        { accountId: usd.id, side: 'credit', amount: '1.00' },
      ],
      CurrencyMismatchError,
    );
    // Same numbers on both sides but two currencies: each currency is unbalanced on its own.
    await refusesPostings(
      [
        { accountId: mxn.id, side: 'debit', amount: '1.00' },
        { accountId: usd.id, side: 'credit', amount: '1.00' },
      ],
      UnbalancedEntryError,
    );
  });

  it('never lets an account go below its limit, and honours a credit line', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const sink = await openAccount(database.db);
    await transfer(database.db, world, pool, '100.00');
    await refusedWithoutWrites(() => transfer(database.db, pool, sink, '100.01'), InsufficientFundsError);
    await transfer(database.db, pool, sink, '100.00');
    expect((await getAccount(database.db, pool.id)).balance).toBe('0.00');

    const bank = await openAccount(database.db, { minBalance: '-500.00', name: 'Bank credit line' });
    await transfer(database.db, bank, sink, '500.00');
    expect((await getAccount(database.db, bank.id)).balance).toBe('-500.00');
    await refusedWithoutWrites(() => transfer(database.db, bank, sink, '0.01'), InsufficientFundsError);
  });

  it('names the short account by id in a typed refusal that carries no HTTP status', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const sink = await openAccount(database.db);
    await transfer(database.db, world, pool, '10.00');
    const refusal = await transfer(database.db, pool, sink, '10.01').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(InsufficientFundsError);
    expect(refusal).toMatchObject({ code: 'insufficient-funds', accountId: pool.id, available: '10.00' });
    expect(refusal).not.toHaveProperty('status');
  });
});

describe('multi-currency', () => {
  it('converts USD club money into MXN through FX positions, each currency balancing on its own', async () => {
    const clubUsd = await openAccount(database.db, { currency: 'USD', minBalance: null });
    const fxUsd = await openAccount(database.db, { currency: 'USD', type: 'equity', minBalance: null });
    const fxMxn = await openAccount(database.db, { currency: 'MXN', type: 'equity', minBalance: null });
    const projectMxn = await openAccount(database.db, { currency: 'MXN' });
    const fx = [{ from: 'USD', to: 'MXN', rate: '17.2345', fromAmount: '1000.00', toAmount: '17234.50' }];
    const { entry } = await postEntry(database.db, {
      idempotencyKey: randomUUID(),
      kind: 'contribution',
      fx,
      postings: [
        { accountId: fxUsd.id, side: 'debit', amount: '1000.00' },
        { accountId: clubUsd.id, side: 'credit', amount: '1000.00' },
        { accountId: projectMxn.id, side: 'debit', amount: '17234.50' },
        { accountId: fxMxn.id, side: 'credit', amount: '17234.50' },
      ],
    });
    expect(entry.fx).toEqual(fx);
    expect((await getAccount(database.db, projectMxn.id)).balance).toBe('17234.50');

    // A rate that does not give the stated amount is refused.
    await refusedWithoutWrites(
      () =>
        postEntry(database.db, {
          idempotencyKey: randomUUID(),
          kind: 'contribution',
          fx: [{ ...fx[0]!, toAmount: '17234.51' }],
          postings: [
            { accountId: fxUsd.id, side: 'debit', amount: '1000.00' },
            { accountId: clubUsd.id, side: 'credit', amount: '1000.00' },
            { accountId: projectMxn.id, side: 'debit', amount: '17234.51' },
            { accountId: fxMxn.id, side: 'credit', amount: '17234.51' },
          ],
        }),
      CurrencyMismatchError,
    );
  });
});

describe('reversal', () => {
  it('posts the mirror entry once; a second reversal is refused', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const { entry } = await transfer(database.db, world, pool, '75.50');
    const reversal = await reverseEntry(database.db, entry.id, { idempotencyKey: randomUUID(), memo: 'keyed twice' });
    expect(reversal.entry.reversesEntryId).toBe(entry.id);
    expect(reversal.entry.postings.map((p) => p.side)).toEqual(['credit', 'debit']);
    expect((await getAccount(database.db, pool.id)).balance).toBe('0.00');
    await refusedWithoutWrites(
      () => reverseEntry(database.db, entry.id, { idempotencyKey: randomUUID() }),
      AlreadyReversedError,
    );
    // The same reversal request replays.
    const replay = await reverseEntry(database.db, entry.id, {
      idempotencyKey: reversal.entry.idempotencyKey,
      memo: 'keyed twice',
    });
    expect(replay).toMatchObject({ replayed: true, entry: { id: reversal.entry.id } });
  });

  it('refuses a reversal that would take an account below its limit', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const sink = await openAccount(database.db);
    const { entry } = await transfer(database.db, world, pool, '10.00');
    await transfer(database.db, pool, sink, '10.00');
    await refusedWithoutWrites(
      () => reverseEntry(database.db, entry.id, { idempotencyKey: randomUUID() }),
      InsufficientFundsError,
    );
  });
});

describe('holds', () => {
  it('reserve against the limit, post in parts, then resolve once', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db, { name: 'Federal pool' });
    const project = await openAccount(database.db, { name: 'Project' });
    await transfer(database.db, world, pool, '1000.00');
    const { hold } = await createHold(database.db, {
      idempotencyKey: randomUUID(),
      accountId: pool.id,
      counterAccountId: project.id,
      amount: '600.00',
    });
    expect(await getAccount(database.db, pool.id)).toMatchObject({
      balance: '1000.00',
      held: '600.00',
      available: '400.00',
    });
    // What is reserved cannot be spent elsewhere.
    await refusedWithoutWrites(() => transfer(database.db, pool, project, '400.01'), InsufficientFundsError);

    const first = await captureHold(database.db, hold.id, { idempotencyKey: randomUUID(), amount: '250.00' });
    expect(first.hold).toMatchObject({ status: 'pending', captured: '250.00', remaining: '350.00' });
    expect(first.entry.holdId).toBe(hold.id);
    expect(await getAccount(database.db, pool.id)).toMatchObject({ balance: '750.00', held: '350.00' });

    await refusedWithoutWrites(
      () => captureHold(database.db, hold.id, { idempotencyKey: randomUUID(), amount: '350.01' }),
      HoldOverCaptureError,
    );
    const last = await captureHold(database.db, hold.id, {
      idempotencyKey: randomUUID(),
      amount: '100.00',
      final: true,
    });
    expect(last.hold).toMatchObject({ status: 'posted', captured: '350.00', remaining: '0.00' });
    expect(await getAccount(database.db, pool.id)).toMatchObject({ balance: '650.00', held: '0.00' });
    expect((await getAccount(database.db, project.id)).balance).toBe('350.00');

    await refusedWithoutWrites(() => voidHold(database.db, hold.id), HoldNotPendingError);
    await refusedWithoutWrites(
      () => captureHold(database.db, hold.id, { idempotencyKey: randomUUID(), amount: '1.00' }),
      HoldNotPendingError,
    );
  });

  it('a voided hold releases its money and cannot be posted', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const project = await openAccount(database.db);
    await transfer(database.db, world, pool, '100.00');
    const { hold } = await createHold(database.db, {
      idempotencyKey: randomUUID(),
      accountId: pool.id,
      counterAccountId: project.id,
      amount: '100.00',
    });
    expect((await voidHold(database.db, hold.id)).status).toBe('voided');
    expect((await getAccount(database.db, pool.id)).available).toBe('100.00');
    await refusedWithoutWrites(
      () => captureHold(database.db, hold.id, { idempotencyKey: randomUUID(), amount: '1.00' }),
      HoldNotPendingError,
    );
  });

  it('refuses a hold the account cannot cover, and replays a hold by key', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const project = await openAccount(database.db);
    await transfer(database.db, world, pool, '50.00');
    const input = { idempotencyKey: randomUUID(), accountId: pool.id, counterAccountId: project.id, amount: '50.00' };
    const first = await createHold(database.db, input);
    // The money is now reserved, yet the retry replays instead of failing for lack of funds.
    const again = await createHold(database.db, input);
    expect(again).toMatchObject({ replayed: true, hold: { id: first.hold.id } });
    await refusedWithoutWrites(
      () => createHold(database.db, { ...input, idempotencyKey: randomUUID(), amount: '0.01' }),
      InsufficientFundsError,
    );
    await refusedWithoutWrites(() => createHold(database.db, { ...input, amount: '49.00' }), IdempotencyConflictError);
  });

  it('expire after their time and release the reservation', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const project = await openAccount(database.db);
    await transfer(database.db, world, pool, '20.00');
    const { hold } = await createHold(database.db, {
      idempotencyKey: randomUUID(),
      accountId: pool.id,
      counterAccountId: project.id,
      amount: '20.00',
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await expireHolds(database.db, new Date())).toBe(0);
    expect(await expireHolds(database.db, new Date(Date.now() + 120_000))).toBeGreaterThanOrEqual(1);
    expect((await getHold(database.db, hold.id)).status).toBe('expired');
    expect((await getAccount(database.db, pool.id)).held).toBe('0.00');
  });
});

describe('the database itself', () => {
  it('refuses UPDATE and DELETE of entries and postings', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const { entry } = await transfer(database.db, world, pool, '5.00');
    expect(
      await databaseRefusal(
        database.db.execute(sql`UPDATE postings SET amount = 6 WHERE entry_id = ${entry.id}::bigint`),
      ),
    ).toMatch(/append-only/);
    expect(
      await databaseRefusal(database.db.execute(sql`DELETE FROM journal_entries WHERE id = ${entry.id}::bigint`)),
    ).toMatch(/append-only/);
    expect(await databaseRefusal(database.db.execute(sql`TRUNCATE postings CASCADE`))).toMatch(/append-only/);
  });

  it('refuses an entry written around the code without postings, or with unbalanced ones', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const alone = database.db.execute(sql`
      INSERT INTO journal_entries (idempotency_key, request_hash, kind, effective_at)
      VALUES (${randomUUID()}, 'x', 'forged', now())`);
    expect(await databaseRefusal(alone)).toMatch(/needs at least two/);
    // Queued for sealing as the booking statement does, so that only the balance is wrong.
    const unbalanced = database.db.execute(sql`
      WITH entry AS (
        INSERT INTO journal_entries (idempotency_key, request_hash, kind, effective_at)
        VALUES (${randomUUID()}, 'x', 'forged', now()) RETURNING id),
      queued AS (INSERT INTO ledger_unsealed (entry_id) SELECT id FROM entry)
      INSERT INTO postings (entry_id, account_id, currency, minor_units, side, amount, account_version, balance_after,
                            created_at)
      SELECT entry.id, p.account_id, 'MXN', 2, p.side::posting_side, p.amount, 1, p.amount, now()
      FROM entry, (VALUES (${pool.id}::uuid, 'debit', 10), (${world.id}::uuid, 'credit', 9))
        AS p(account_id, side, amount)`);
    expect(await databaseRefusal(unbalanced)).toMatch(/does not balance/);
  });

  it('refuses postings added later to a booked entry unless they keep it balanced and single-currency', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const worldUsd = await openWorld(database.db, 'USD');
    const poolUsd = await openAccount(database.db, { currency: 'USD' });
    const { entry } = await transfer(database.db, world, pool, '5.00');
    // Versions far above the accounts' own, so only the balance checks can object.
    const addPostings = (currency: string, moves: Array<[Account, 'debit' | 'credit', string]>) =>
      database.db.execute(sql`
        INSERT INTO postings (entry_id, account_id, currency, minor_units, side, amount, account_version, balance_after,
                              created_at)
        SELECT ${entry.id}::bigint, p.account_id, ${currency}, 2, p.side::posting_side, p.amount, 1000000 + p.n, 0,
               now()
        FROM (VALUES ${sql.join(
          moves.map(([account, side, amount], n) => sql`(${account.id}::uuid, ${side}, ${amount}::numeric, ${n}::int)`),
          sql`, `,
        )}) AS p(account_id, side, amount, n)`);
    expect(await databaseRefusal(addPostings('MXN', [[pool, 'debit', '1.00']]))).toMatch(/does not balance/);
    expect(
      await databaseRefusal(
        addPostings('USD', [
          [poolUsd, 'debit', '1.00'],
          [worldUsd, 'credit', '1.00'],
        ]),
      ),
    ).toMatch(/without an explicit FX conversion/);
    expect((await getEntry(database.db, entry.id)).postings).toHaveLength(2);
  });

  it('refuses postings added to an entry booked before, even balanced ones, sealed or not', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const { entry } = await transfer(database.db, world, pool, '5.00');
    const addBalanced = () =>
      database.db.execute(sql`
        INSERT INTO postings (entry_id, account_id, currency, minor_units, side, amount, account_version, balance_after,
                              created_at)
        SELECT ${entry.id}::bigint, p.account_id, 'MXN', 2, p.side::posting_side, 1.00, 2000000 + p.n, 0, now()
        FROM (VALUES (${pool.id}::uuid, 'debit', 0), (${world.id}::uuid, 'credit', 1)) AS p(account_id, side, n)`);
    expect(await databaseRefusal(addBalanced())).toMatch(/already booked: postings are written with their entry/);
    await sealPending(database.db);
    expect(await databaseRefusal(addBalanced())).toMatch(/already booked/);
    expect((await getEntry(database.db, entry.id)).postings).toHaveLength(2);
  });

  it('refuses an entry that is not queued for sealing, and a queue row that leaves before its seal', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const unqueued = database.db.execute(sql`
      WITH entry AS (
        INSERT INTO journal_entries (idempotency_key, request_hash, kind, effective_at)
        VALUES (${randomUUID()}, 'x', 'forged', now()) RETURNING id)
      INSERT INTO postings (entry_id, account_id, currency, minor_units, side, amount, account_version, balance_after,
                            created_at)
      SELECT entry.id, p.account_id, 'MXN', 2, p.side::posting_side, 10, 1000 + p.n, 10, now()
      FROM entry, (VALUES (${pool.id}::uuid, 'debit', 0), (${world.id}::uuid, 'credit', 1)) AS p(account_id, side, n)`);
    expect(await databaseRefusal(unqueued)).toMatch(/not queued for sealing/);

    const { entry } = await transfer(database.db, world, pool, '2.00');
    const queued = sql`SELECT count(*)::int AS n FROM ledger_unsealed WHERE entry_id = ${entry.id}::bigint`;
    expect(
      await databaseRefusal(database.db.execute(sql`DELETE FROM ledger_unsealed WHERE entry_id = ${entry.id}::bigint`)),
    ).toMatch(/cannot leave the sealing queue: it is not sealed/);
    expect(
      await databaseRefusal(
        database.db.execute(sql`UPDATE ledger_unsealed SET entry_id = entry_id WHERE entry_id = ${entry.id}::bigint`),
      ),
    ).toMatch(/append-only/);
    expect(await databaseRefusal(database.db.execute(sql`TRUNCATE ledger_unsealed`))).toMatch(/append-only/);
    expect((await rowsOf<{ n: number }>(database.db, queued))[0]!.n).toBe(1);
    // The sealer takes it out once its seal is written, in the same transaction.
    await sealPending(database.db);
    expect((await rowsOf<{ n: number }>(database.db, queued))[0]!.n).toBe(0);
  });

  it('keeps verification checkpoints append-only, each naming its seal truly', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    await transfer(database.db, world, pool, '3.00');
    await sealPending(database.db);
    const [seal] = await rowsOf<{ seq: string; entry_id: string; hash: string }>(
      database.db,
      sql`SELECT seq::text AS seq, entry_id::text AS entry_id, hash FROM ledger_seals ORDER BY seq DESC LIMIT 1`,
    );
    const record = (hash: string) =>
      database.db.execute(sql`
        INSERT INTO ledger_verification_checkpoints (seq, entry_id, hash, last_entry_id, from_seq)
        VALUES (${seal!.seq}::bigint, ${seal!.entry_id}::bigint, ${hash}, ${seal!.entry_id}::bigint, 0)`);
    expect(await databaseRefusal(record('0'.repeat(64)))).toMatch(/the entry or hash is not that seal's/);
    await record(seal!.hash);
    expect(
      await databaseRefusal(
        database.db.execute(
          sql`UPDATE ledger_verification_checkpoints SET from_seq = 1 WHERE seq = ${seal!.seq}::bigint`,
        ),
      ),
    ).toMatch(/append-only/);
    expect(
      await databaseRefusal(
        database.db.execute(sql`DELETE FROM ledger_verification_checkpoints WHERE seq = ${seal!.seq}::bigint`),
      ),
    ).toMatch(/append-only/);
    expect(await databaseRefusal(database.db.execute(sql`TRUNCATE ledger_verification_checkpoints`))).toMatch(
      /append-only/,
    );
  });

  it('refuses an amount with more decimals than the currency has', async () => {
    const pool = await openAccount(database.db);
    const world = await openWorld(database.db);
    const attempt = database.db.execute(sql`
      WITH entry AS (
        INSERT INTO journal_entries (idempotency_key, request_hash, kind, effective_at)
        VALUES (${randomUUID()}, 'x', 'forged', now()) RETURNING id)
      INSERT INTO postings (entry_id, account_id, currency, minor_units, side, amount, account_version, balance_after,
                            created_at)
      SELECT entry.id, p.account_id, 'MXN', 2, p.side::posting_side, 1.005, 1, 1.005, now()
      FROM entry, (VALUES (${pool.id}::uuid, 'debit'), (${world.id}::uuid, 'credit')) AS p(account_id, side)`);
    expect(await databaseRefusal(attempt)).toMatch(/postings_amount_scale/);
  });

  it('plans its balance checks on the entry index whatever the statistics say', async () => {
    // A plan cached while the ledger was empty once made every booking scan the whole ledger.
    const rows = (await database.db.execute(sql`
      SELECT proname, array_to_string(proconfig, ',') AS proconfig FROM pg_proc
      WHERE proname IN ('ledger_assert_entry_balanced', 'ledger_check_inserted_postings',
                        'ledger_check_inserted_entries')
      ORDER BY proname`)) as unknown as Array<{ proname: string; proconfig: string }>;
    expect(rows.map((row) => [row.proname, row.proconfig])).toEqual([
      ['ledger_assert_entry_balanced', 'enable_seqscan=off'],
      ['ledger_check_inserted_entries', 'enable_seqscan=off'],
      ['ledger_check_inserted_postings', 'enable_seqscan=off'],
    ]);
  });

  it('refuses to take an account below its limit even when written around the code', async () => {
    const pool = await openAccount(database.db);
    expect(
      await databaseRefusal(
        database.db.execute(sql`UPDATE ledger_accounts SET balance = -1 WHERE id = ${pool.id}::uuid`),
      ),
    ).toMatch(/ledger_accounts_within_limit/);
  });
});

describe('reading the books', () => {
  it('gives the balance at any past instant and a trial balance whose totals are equal', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const first = (await transfer(database.db, world, pool, '100.00')).entry;
    // Two bookings in one millisecond cannot be told apart by a millisecond instant.
    await new Promise((resolve) => setTimeout(resolve, 2));
    await transfer(database.db, world, pool, '23.45');
    const beforeFirst = new Date(first.createdAt.getTime() - 1);
    expect((await balanceAt(database.db, pool.id, beforeFirst)).balance).toBe('0.00');
    expect((await balanceAt(database.db, pool.id, first.createdAt)).balance).toBe('100.00');
    expect((await balanceAt(database.db, pool.id)).balance).toBe('123.45');

    const trial = await trialBalance(database.db);
    for (const total of trial.totals) expect(total.debits).toBe(total.credits);
    const line = trial.lines.find((l) => l.accountId === pool.id);
    expect(line).toMatchObject({ debits: '123.45', credits: '0.00', balance: '123.45' });
    const earlier = await trialBalance(database.db, { at: first.createdAt });
    expect(earlier.lines.find((l) => l.accountId === pool.id)?.balance).toBe('100.00');
  });

  it("counts an entry at its own createdAt, whose millisecond the booking's microseconds fall in", async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const { entry } = await transfer(database.db, world, pool, '7.00');
    const [stored] = (await database.db.execute(sql`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS micro
      FROM journal_entries WHERE id = ${entry.id}::bigint`)) as unknown as Array<{ micro: string }>;
    // The booking time keeps microseconds; the Date handed back keeps the millisecond they fall in.
    expect(`${stored!.micro.slice(0, 23)}Z`).toBe(entry.createdAt.toISOString());
    expect((await balanceAt(database.db, pool.id, entry.createdAt)).balance).toBe('7.00');
    expect((await balanceAt(database.db, pool.id, new Date(entry.createdAt.getTime() - 1))).balance).toBe('0.00');
    const atEntry = await trialBalance(database.db, { at: entry.createdAt });
    expect(atEntry.lines.find((l) => l.accountId === pool.id)?.balance).toBe('7.00');
  });

  it('lists entries of an account newest first, a page at a time', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    for (const amount of ['1.00', '2.00', '3.00']) await transfer(database.db, world, pool, amount);
    const first = await listEntries(database.db, { accountId: pool.id, limit: 2 });
    expect(first.entries.map((e) => e.postings[0]!.amount)).toEqual(['3.00', '2.00']);
    const second = await listEntries(database.db, { accountId: pool.id, limit: 2, cursor: first.nextCursor! });
    expect(second.entries.map((e) => e.postings[0]!.amount)).toEqual(['1.00']);
    expect(second.nextCursor).toBeNull();
  });
});
