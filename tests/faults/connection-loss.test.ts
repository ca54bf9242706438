import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { connect, type DatabaseHandle } from '../../src/db';
import { findAccountByCode } from '../../src/ledger';
import { createTestApp } from '../support/app';
import { client } from '../support/client';
import { holdRowLock } from '../support/group-commit';
import { eventually, startOwnCluster, within, type OwnCluster } from '../support/own-cluster';
import { expectTrialBalanced } from '../support/workflow';
import { threeByOneProgramme, type World } from '../workflow/fixtures';

/*
 * A backend that dies while a request is inside its transaction (a restart, a failover,
 * pg_terminate_backend) must fail that request and nothing else. postgres.js 3.4.9 instead threw
 * from a timer, killing the process, and left the connection unusable; its patch
 * (patches/postgres+3.4.9.patch) is what these tests hold in place.
 */

let cluster: OwnCluster;
let database: DatabaseHandle;
let app: App;
let world: World;

beforeAll(async () => {
  cluster = await startOwnCluster();
  database = connect(cluster.url, { max: 2 });
  app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'fault');
});
afterAll(async () => {
  await database?.close();
  await cluster?.stop();
});

const federalPool = 'programme:fault:federal:pool';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Locks the federal pool's account row from a session of its own until `release()`. */
async function lockPool() {
  const account = await findAccountByCode(database.db, federalPool);
  return holdRowLock(cluster.url, 'ledger_accounts', account!.id);
}

/** Terminates the app's backend that waits on a lock, as an operator (or a failover) would. */
async function terminateWaitingBackend() {
  const pid = await eventually(async () => {
    const [row] = await cluster.admin<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE application_name = 'cofund' AND wait_event_type = 'Lock'`;
    return row?.pid;
  }, 'the budget request to wait on the locked pool');
  await cluster.admin`SELECT pg_terminate_backend(${pid})`;
}

const budget = (key: string, through: App = app) =>
  client(through, world.federal.tokens.programme_admin).post(
    `/v1/programmes/${world.programme.id}/budgets`,
    { party: 'federal', amount: '1000.00' },
    { 'idempotency-key': key },
  );

describe('a backend terminated inside a money-moving transaction', () => {
  it('fails that request only; the pool goes on, and the retry with its key is applied exactly once', async () => {
    const before = (await findAccountByCode(database.db, federalPool))!.balance;
    // Round after round on the same small pool: the unpatched driver survived a first kill only
    // when the process did, and hung every later query on the connection.
    for (let round = 1; round <= 3; round++) {
      const key = randomUUID();
      const unlock = await lockPool();
      const pending = budget(key);
      await terminateWaitingBackend();
      const failed = await within(pending, `round ${round}: the request whose backend was terminated`);
      expect(failed.status, JSON.stringify(failed.body)).toBe(503);
      expect(failed.body).toMatchObject({ type: 'urn:cofund:problem:database-unavailable' });
      expect(failed.headers.get('retry-after')).toBe('2');
      await unlock();

      const retried = await within(budget(key), `round ${round}: the retry`);
      expect(retried.status, JSON.stringify(retried.body)).toBe(201);
      const again = await within(budget(key), `round ${round}: the second retry`);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    }
    const after = (await findAccountByCode(database.db, federalPool))!.balance;
    expect(Number(after) - Number(before)).toBe(3000);
    await expectTrialBalanced(database.db);
  });
});

describe('a request that waits on the database', () => {
  it('gets a 503 at its lock_timeout, and the retry with its key applies it once', async () => {
    const impatient = connect(cluster.url, {
      max: 2,
      timeouts: { statementMs: 5_000, lockMs: 300, idleInTransactionMs: 5_000 },
    });
    try {
      const key = randomUUID();
      const unlock = await lockPool();
      const refused = await within(budget(key, await createTestApp(impatient.db)), 'the request at its lock timeout');
      await unlock();
      expect(refused.status, JSON.stringify(refused.body)).toBe(503);
      expect(refused.body).toMatchObject({ type: 'urn:cofund:problem:database-unavailable' });
      expect((await budget(key)).status).toBe(201);
      expect((await budget(key)).headers.get('idempotent-replayed')).toBe('true');
    } finally {
      await impatient.close();
    }
  });

  it('gets a 503 at its deadline when nothing on the server ends the wait', async () => {
    const hurried = await createTestApp(database.db, { deadlines: { requestMs: 500 } });
    const key = randomUUID();
    const unlock = await lockPool();
    // The lock outlives the request: only the deadline can answer it (`within` catches a hang).
    const late = await within(budget(key, hurried), 'the request at its deadline');
    expect(late.status, JSON.stringify(late.body)).toBe(503);
    expect(late.body).toMatchObject({ type: 'urn:cofund:problem:deadline-exceeded', deadlineMs: 500 });
    expect(late.headers.get('retry-after')).toBe('2');
    const before = (await findAccountByCode(database.db, federalPool))!.balance;
    await unlock();
    // The abandoned work goes on once the lock is released: the outcome was unknown, and the retry
    // with the same key converges on one application whichever way it went.
    const retried = await within(budget(key), 'the retry');
    expect(retried.status).toBe(201);
    const after = (await findAccountByCode(database.db, federalPool))!.balance;
    expect(Number(after) - Number(before)).toBe(1000);
  });
});

describe('a query in flight when the server ends its session cleanly (its FATAL, then the close)', () => {
  it('fails, as does a transaction pipelined behind it, whose work never reaches the next session', async () => {
    await cluster.admin`CREATE TABLE IF NOT EXISTS fault_pipelined (who text)`;
    // One connection: the transaction's BEGIN is pipelined behind the query on the same session.
    const sql = postgres(cluster.url, { max: 1, onnotice: () => {}, connection: { application_name: 'pipelined' } });
    try {
      await sql`SELECT 1`;
      const outcome = (work: Promise<unknown>) =>
        work.then(
          () => 'done',
          (error: { code?: string }) => error.code,
        );
      const running = outcome(sql`SELECT pg_sleep(2)`);
      await pause(100);
      const pipelined = outcome(sql.begin((tx) => tx`INSERT INTO fault_pipelined VALUES ('pipelined')`));
      await pause(100);
      await cluster.admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pipelined'`;
      // Before the patch's fix these never settled, and the INSERT ran on the reconnected session.
      // The driver's code for it: the close itself, or the reset when the socket saw it first.
      const lost = ['CONNECTION_CLOSED', 'ECONNRESET'];
      expect(lost).toContain(await within(running, 'the query whose backend was terminated'));
      expect(lost).toContain(await within(pipelined, 'the transaction pipelined behind it'));
      await sql`SELECT 1`;
      expect(await cluster.admin`SELECT who FROM fault_pipelined`).toHaveLength(0);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});

describe('a transaction whose session the server ended', () => {
  it('runs none of its remaining work inside the next transaction on that connection', async () => {
    await cluster.admin`CREATE TABLE IF NOT EXISTS fault_rows (who text)`;
    const sql = postgres(cluster.url, {
      max: 1,
      onnotice: () => {},
      connection: { idle_in_transaction_session_timeout: 300 },
    });
    try {
      // The first transaction idles past the timeout; the server ends its session. Its next insert
      // must fail, not run in the second transaction that reuses the (reconnected) connection.
      const dead = sql
        .begin(async (tx) => {
          await tx`INSERT INTO fault_rows VALUES ('dead-1')`;
          await new Promise((resolve) => setTimeout(resolve, 1000));
          await tx`INSERT INTO fault_rows VALUES ('dead-2')`;
        })
        .then(
          () => 'committed',
          (error: { code?: string }) => error.code,
        );
      await new Promise((resolve) => setTimeout(resolve, 600));
      const live = sql.begin(async (tx) => {
        await tx`INSERT INTO fault_rows VALUES ('live')`;
        await tx`SELECT pg_sleep(0.8)`;
      });
      expect(await within(dead, 'the dead transaction')).toBe('CONNECTION_CLOSED');
      await within(live, 'the live transaction');
      const rows = await cluster.admin<{ who: string }[]>`SELECT who FROM fault_rows ORDER BY who`;
      expect(rows.map((row) => row.who)).toEqual(['live']);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
