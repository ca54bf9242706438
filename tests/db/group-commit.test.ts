import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { once } from '../../src/api/idempotency';
import {
  type Database,
  type DatabaseHandle,
  type Transaction,
  connect,
  createGroupCommit,
  databaseOutage,
} from '../../src/db';
import {
  type Account,
  InsufficientFundsError,
  UnknownAccountError,
  findAccountByCode,
  getAccount,
} from '../../src/ledger';
import { createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { holdRowLock, observedGroupCommit, txid, waitingOnLock } from '../support/group-commit';
import { openAccount, openWorld, transfer } from '../support/ledger-fixtures';
import { type OwnCluster, eventually, startOwnCluster, within } from '../support/own-cluster';
import { expectTrialBalanced } from '../support/workflow';
import { threeByOneProgramme } from '../workflow/fixtures';

/*
 * src/db/group-commit.ts on a real PostgreSQL: members share a transaction and its COMMIT, each in
 * a savepoint; a failing member fails alone; a deadlock victim runs again alone; an idempotency key
 * is claimed once per batch; a lost COMMIT fails every member, on a cluster of the test's own.
 */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ max: 6 });
});
afterAll(() => database.close());

const settled = (results: PromiseSettledResult<unknown>[]) =>
  results.map((result) => (result.status === 'fulfilled' ? 'ok' : (result.reason as Error).constructor.name));

/** A session of its own, outside the pool: it holds row locks while the test decides. */
function outsideSession(url: string) {
  return postgres(url, { max: 1, onnotice: () => {} });
}

describe('a batch', () => {
  it('is the members that arrive together: one transaction, and at most maxBatch members', async () => {
    const grouped = createGroupCommit(database.db);
    const together = await Promise.all(Array.from({ length: 5 }, () => grouped.run(txid)));
    expect(new Set(together).size).toBe(1);
    const alone = await grouped.run(txid);
    expect(alone).not.toBe(together[0]);

    const small = createGroupCommit(database.db, { maxBatch: 2 });
    const ids = await Promise.all(Array.from({ length: 5 }, () => small.run(txid)));
    const sizes = [...new Set(ids)].map((id) => ids.filter((other) => other === id).length);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('commits the members that succeed; each failure is its own and undoes only its own work', async () => {
    const grouped = createGroupCommit(database.db);
    const world = await openWorld(database.db);
    const from = await openAccount(database.db);
    const to = await openAccount(database.db);
    await transfer(database.db, world, from, '100.00');
    const doomedKey = randomUUID();
    const ids: string[] = [];
    const member = (work: (tx: Transaction) => Promise<unknown>) =>
      grouped.run(async (tx) => {
        ids.push(await txid(tx));
        return work(tx);
      });
    const results = await Promise.allSettled([
      member((tx) => transfer(tx, from, to, '60.00')),
      // Only 40.00 is left after the first: refused by the booking statement.
      member((tx) => transfer(tx, from, to, '60.00')),
      // Books, then fails in SQL: its savepoint takes the booking back with it.
      member(async (tx) => {
        await transfer(tx, world, to, '5.00', doomedKey);
        await tx.execute(sql`SELECT 1 / 0`);
      }),
      member((tx) => transfer(tx, from, { ...to, id: randomUUID() }, '1.00')),
      member((tx) => transfer(tx, from, to, '40.00')),
    ]);
    expect(settled(results)).toEqual([
      'ok',
      InsufficientFundsError.name,
      'DrizzleQueryError',
      UnknownAccountError.name,
      'ok',
    ]);
    expect(new Set(ids).size).toBe(1);
    expect((await getAccount(database.db, from.id)).balance).toBe('0.00');
    expect((await getAccount(database.db, to.id)).balance).toBe('100.00');
    const doomed = await database.sql`SELECT 1 FROM journal_entries WHERE idempotency_key = ${doomedKey}`;
    expect(doomed).toHaveLength(0);
    await expectTrialBalanced(database.db);
  });

  it('whose first member fails rolls back that member alone: the others commit in the next batch', async () => {
    const grouped = createGroupCommit(database.db);
    const world = await openWorld(database.db);
    const account = await openAccount(database.db);
    const ids: string[] = [];
    const results = await Promise.allSettled([
      grouped.run(async (tx) => {
        ids.push(await txid(tx));
        await transfer(tx, world, account, '7.00');
        throw new Error('refused after booking');
      }),
      ...[1, 2].map(() =>
        grouped.run(async (tx) => {
          ids.push(await txid(tx));
          return transfer(tx, world, account, '1.00');
        }),
      ),
    ]);
    expect(settled(results)).toEqual(['Error', 'ok', 'ok']);
    expect(ids[1]).toBe(ids[2]);
    expect(ids[0]).not.toBe(ids[1]);
    expect((await getAccount(database.db, account.id)).balance).toBe('2.00');
  });

  it('fails only the member whose lock wait timed out: the transaction survives a refused statement', async () => {
    const impatient = connect(database.url, {
      max: 2,
      timeouts: { statementMs: 5_000, lockMs: 200, idleInTransactionMs: 5_000 },
    });
    try {
      const grouped = createGroupCommit(impatient.db);
      const world = await openWorld(impatient.db);
      const [account, locked] = [await openAccount(impatient.db), await openAccount(impatient.db)];
      const release = await holdRowLock(database.url, 'ledger_accounts', locked.id);
      const book = (tx: Transaction) => transfer(tx, world, account, '1.00').then(() => txid(tx));
      const results = await Promise.allSettled([
        grouped.run(book),
        grouped.run((tx) => transfer(tx, world, locked, '1.00')),
        grouped.run(book),
      ]);
      await release();
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(databaseOutage((results[1] as PromiseRejectedResult).reason)).toBe('55P03');
      const [first, , last] = results as PromiseFulfilledResult<string>[];
      expect(last!.value).toBe(first!.value);
      expect((await getAccount(database.db, account.id)).balance).toBe('2.00');
      expect((await getAccount(database.db, locked.id)).balance).toBe('0.00');
    } finally {
      await impatient.close();
    }
  });

  it('answers, successes and refusals alike, only once its COMMIT has succeeded', async () => {
    const grouped = createGroupCommit(database.db);
    const world = await openWorld(database.db);
    const account = await openAccount(database.db);
    const sink = await openAccount(database.db);
    const key = randomUUID();
    const outside = outsideSession(database.url);
    try {
      const visibleOutside = async () =>
        (await outside`SELECT 1 FROM journal_entries WHERE idempotency_key = ${key}`).length === 1;
      const seen = await Promise.all([
        grouped.run((tx) => transfer(tx, world, account, '3.00', key)).then(visibleOutside),
        grouped
          // Refused: 3.00 is all there is. The refusal too waits for the COMMIT.
          .run((tx) => transfer(tx, account, sink, '4.00'))
          .then(
            () => 'booked',
            async (error: unknown) => error instanceof InsufficientFundsError && (await visibleOutside()),
          ),
        // The batch goes on after them: answers released before the COMMIT would see nothing.
        grouped.run((tx) => tx.execute(sql`SELECT pg_sleep(0.2)`)).then(() => 'slept'),
      ]);
      expect(seen).toEqual([true, true, 'slept']);
    } finally {
      await outside.end({ timeout: 1 });
    }
  });
});

describe('idempotency keys in a batch', () => {
  const actor = { kind: 'admin' } as const;
  const request = (key: string) => ({ key, method: 'POST', path: '/v1/test/bookings', body: { amount: '1.00' } });

  it('books once for two requests with the same key in one batch: the second replays the first', async () => {
    const grouped = createGroupCommit(database.db);
    const world = await openWorld(database.db);
    const account = await openAccount(database.db);
    const key = randomUUID();
    let runs = 0;
    const book = async (tx: Transaction) => {
      runs++;
      const { entry } = await transfer(tx, world, account, '1.00');
      return { status: 201 as const, body: { entry: entry.id, txid: await txid(tx) } };
    };
    const [first, second] = await Promise.all([
      once(database.db, actor, request(key), book, grouped),
      once(database.db, actor, request(key), book, grouped),
    ]);
    expect(runs).toBe(1);
    expect([first.replayed, second.replayed]).toEqual([false, true]);
    expect(second.body).toEqual(first.body);
    expect((await getAccount(database.db, account.id)).balance).toBe('1.00');
  });

  it('lets a later member book with the key of a member rolled back to its savepoint', async () => {
    const grouped = createGroupCommit(database.db);
    const world = await openWorld(database.db);
    const account = await openAccount(database.db);
    const key = randomUUID();
    const booking = (fail: boolean) => async (tx: Transaction) => {
      await transfer(tx, world, account, '1.00');
      if (fail) throw new Error('refused after booking');
      return { status: 201 as const, body: { txid: await txid(tx) } };
    };
    const results = await Promise.allSettled([
      // A different key first, so that the two with `key` run in savepoints of one transaction.
      once(database.db, actor, request(randomUUID()), booking(false), grouped),
      once(database.db, actor, request(key), booking(true), grouped),
      once(database.db, actor, request(key), booking(false), grouped),
    ]);
    expect(settled(results)).toEqual(['ok', 'Error', 'ok']);
    const [head, , last] = results as PromiseFulfilledResult<{ replayed: boolean; body: { txid: string } }>[];
    expect(last!.value).toMatchObject({ replayed: false, body: { txid: head!.value.body.txid } });
    expect((await getAccount(database.db, account.id)).balance).toBe('2.00');
  });

  it('holds the key until the batch commits: a request outside it waits, then replays', async () => {
    const grouped = createGroupCommit(database.db);
    const world = await openWorld(database.db);
    const account = await openAccount(database.db);
    const gate = await openAccount(database.db);
    const key = randomUUID();
    let runs = 0;
    const book = async (tx: Transaction) => {
      runs++;
      const { entry } = await transfer(tx, world, account, '1.00');
      return { status: 201 as const, body: { entry: entry.id } };
    };
    // The batch's second member waits on this lock, keeping the first member's claim open.
    const release = await holdRowLock(database.url, 'ledger_accounts', gate.id);
    const batch = Promise.all([
      once(database.db, actor, request(key), book, grouped),
      grouped.run((tx) => tx.execute(sql`SELECT 1 FROM ledger_accounts WHERE id = ${gate.id} FOR UPDATE`)),
    ]);
    await waitingOnLock(database.sql, 'ledger_accounts');
    // Alone, in a transaction of its own: it queues on the advisory lock the batch holds.
    const alone = once(database.db, actor, request(key), book);
    await waitingOnLock(database.sql, 'idempotent_request_claim');
    await release();
    const [[first], second] = await Promise.all([batch, alone]);
    expect(runs).toBe(1);
    expect(first.replayed).toBe(false);
    expect(second).toMatchObject({ replayed: true, body: first.body });
  });
});

describe('a deadlock between a member and a transaction outside the batch', () => {
  it('rolls the member back to its savepoint, commits the others, and runs it again alone', async () => {
    const grouped = createGroupCommit(database.db);
    const world = await openWorld(database.db);
    const [x, y, other] = [
      await openAccount(database.db),
      await openAccount(database.db),
      await openAccount(database.db),
    ];
    const lock = (tx: Transaction, account: Account) =>
      tx.execute(sql`SELECT 1 FROM ledger_accounts WHERE id = ${account.id} FOR UPDATE`);
    const outside = outsideSession(database.url);
    try {
      let outsideHasY!: () => void;
      const yLocked = new Promise<void>((resolve) => (outsideHasY = resolve));
      const rival = outside.begin(async (tx) => {
        // The rival waits longer before looking for a deadlock: the member is the one PostgreSQL ends.
        await tx`SET LOCAL deadlock_timeout = '10s'`;
        await tx`SELECT 1 FROM ledger_accounts WHERE id = ${y.id} FOR UPDATE`;
        outsideHasY();
        await waitingOnLock(database.sql, 'ledger_accounts');
        await tx`SELECT 1 FROM ledger_accounts WHERE id = ${x.id} FOR UPDATE`;
      });
      await yLocked;
      const attempts: string[] = [];
      const [bystander, victim] = await Promise.all([
        grouped.run(async (tx) => {
          await transfer(tx, world, other, '1.00');
          return txid(tx);
        }),
        grouped.run(async (tx) => {
          attempts.push(await txid(tx));
          await tx.execute(sql`SET LOCAL deadlock_timeout = '50ms'`);
          await lock(tx, x);
          await lock(tx, y);
          await transfer(tx, world, x, '2.00');
          return txid(tx);
        }),
      ]);
      await rival;
      expect(attempts).toHaveLength(2);
      expect(attempts[0]).toBe(bystander);
      expect(victim).toBe(attempts[1]);
      expect(victim).not.toBe(bystander);
      expect((await getAccount(database.db, other.id)).balance).toBe('1.00');
      expect((await getAccount(database.db, x.id)).balance).toBe('2.00');
    } finally {
      await outside.end({ timeout: 1 });
    }
  });
});

/*
 * A COMMIT whose answer never comes: a deferred constraint trigger (it runs inside COMMIT) that
 * terminates its own backend when armed (`setval('lost_commits', 1, false)`, once per arming).
 */
const LOSE_COMMIT = `
  CREATE SEQUENCE lost_commits START 2;
  CREATE FUNCTION lose_this_commit() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF nextval('lost_commits') = 1 THEN
      PERFORM pg_terminate_backend(pg_backend_pid());
      PERFORM pg_sleep(5);
    END IF;
    RETURN NULL;
  END $$;
  CREATE CONSTRAINT TRIGGER lose_commit AFTER INSERT ON idempotent_requests
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION lose_this_commit();
`;

describe('a session lost under a batch (a cluster of its own)', () => {
  let cluster: OwnCluster;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    cluster = await startOwnCluster();
    await cluster.admin.unsafe(LOSE_COMMIT);
    handle = connect(cluster.url, { max: 4 });
  });
  afterAll(async () => {
    await handle?.close();
    await cluster?.stop();
  });
  const armed = () => cluster.admin`SELECT setval('lost_commits', 1, false)`;

  it('mid-batch: fails the members that ran, and runs the ones it had not reached in the next batch', async () => {
    const grouped = createGroupCommit(handle.db);
    const world = await openWorld(handle.db);
    const [account, locked] = [await openAccount(handle.db), await openAccount(handle.db)];
    const release = await holdRowLock(cluster.url, 'ledger_accounts', locked.id);
    const ran = grouped.run((tx) => transfer(tx, world, account, '1.00'));
    const waiting = grouped.run((tx) => transfer(tx, world, locked, '1.00'));
    const pid = await waitingOnLock(cluster.admin, 'ledger_accounts');
    const notReached = grouped.run((tx) => transfer(tx, world, account, '5.00'));
    await cluster.admin`SELECT pg_terminate_backend(${pid})`;
    const results = await Promise.allSettled([ran, waiting, notReached]);
    await release();
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    for (const result of results.slice(0, 2))
      expect(databaseOutage((result as PromiseRejectedResult).reason)).toBeDefined();
    expect((await getAccount(handle.db, account.id)).balance).toBe('5.00');
    expect((await getAccount(handle.db, locked.id)).balance).toBe('0.00');
  });

  it('fails every member with the outage, books none of them, and the retries with their keys book once', async () => {
    const grouped = createGroupCommit(handle.db);
    const world = await openWorld(handle.db);
    const account = await openAccount(handle.db);
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    let runs = 0;
    const book = (db: Database, key: string) =>
      once(
        db,
        { kind: 'admin' },
        { key, method: 'POST', path: '/v1/test/bookings', body: {} },
        async (tx) => {
          runs++;
          await transfer(tx, world, account, '1.00');
          return { status: 201 as const, body: { key } };
        },
        grouped,
      );
    await armed();
    const lost = await Promise.allSettled(keys.map((key) => book(handle.db, key)));
    for (const result of lost) {
      expect(result.status).toBe('rejected');
      // The server's FATAL (57P01) or the driver's CONNECTION_CLOSED, whichever came first.
      expect(['57P01', 'CONNECTION_CLOSED']).toContain(databaseOutage((result as PromiseRejectedResult).reason));
    }
    expect(runs).toBe(3);
    expect((await getAccount(handle.db, account.id)).balance).toBe('0.00');
    const retried = await Promise.all(keys.map((key) => book(handle.db, key)));
    expect(retried.map((outcome) => outcome.replayed)).toEqual([false, false, false]);
    const again = await Promise.all(keys.map((key) => book(handle.db, key)));
    expect(again.map((outcome) => outcome.replayed)).toEqual([true, true, true]);
    expect((await getAccount(handle.db, account.id)).balance).toBe('3.00');
  });

  it('answers every request of the batch 503, retryable: their retries apply each once', async () => {
    const { groupCommit, seen } = observedGroupCommit(handle.db);
    const app: App = await createTestApp(handle.db, { groupCommit });
    const world = await threeByOneProgramme(app, 'lost-commit');
    const pool = (await findAccountByCode(handle.db, 'programme:lost-commit:federal:pool'))!;
    const budget = (party: 'federal' | 'state', key: string) =>
      client(app, world.governments[party].tokens.programme_admin).post(
        `/v1/programmes/${world.programme.id}/budgets`,
        { party, amount: '1000.00' },
        { 'idempotency-key': key },
      );
    // The first request waits on the federal pool's row, so that the second joins its batch.
    const release = await holdRowLock(cluster.url, 'ledger_accounts', pool.id);
    await armed();
    const keys = { federal: randomUUID(), state: randomUUID() };
    const submitted = seen.submitted;
    const first = budget('federal', keys.federal);
    await waitingOnLock(cluster.admin, 'ledger_accounts');
    const second = budget('state', keys.state);
    await eventually(async () => seen.submitted === submitted + 2 || undefined, 'the second request to join');
    await release();
    const replies = await within(Promise.all([first, second]), 'the batch whose COMMIT was lost');
    expect(new Set(seen.txids.slice(-2)).size).toBe(1);
    for (const reply of replies) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(503);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body).toMatchObject({ type: 'urn:cofund:problem:database-unavailable' });
      expect(reply.headers.get('retry-after')).toBe('2');
    }
    for (const party of ['federal', 'state'] as const) {
      const retried = await budget(party, keys[party]);
      expect(retried.status, JSON.stringify(retried.body)).toBe(201);
      expect(retried.headers.get('idempotent-replayed')).toBeNull();
      expect((await budget(party, keys[party])).headers.get('idempotent-replayed')).toBe('true');
    }
    const after = (await findAccountByCode(handle.db, pool.code))!;
    expect(Number(after.balance) - Number(pool.balance)).toBe(1000);
    await expectTrialBalanced(handle.db);
  });
});
