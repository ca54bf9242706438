import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHold, captureHold, reverseEntry, sealPending, verifyChain } from '../../src/ledger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openAccount, openWorld, transfer } from '../support/ledger-fixtures';

// Tampering breaks a database for good: each test gets its own.
let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase({ max: 4 });
});
afterEach(() => database.close());

async function someHistory() {
  const world = await openWorld(database.db);
  const pool = await openAccount(database.db);
  const project = await openAccount(database.db);
  const entries = [];
  for (const amount of ['100.00', '250.50', '0.01'])
    entries.push((await transfer(database.db, world, pool, amount)).entry);
  const { hold } = await createHold(database.db, {
    idempotencyKey: 'h1',
    accountId: pool.id,
    counterAccountId: project.id,
    amount: '50.00',
  });
  entries.push((await captureHold(database.db, hold.id, { idempotencyKey: 'c1', amount: '20.00' })).entry);
  entries.push((await reverseEntry(database.db, entries[0]!.id, { idempotencyKey: 'r1' })).entry);
  return { entries, pool };
}

/**
 * Runs `statement` as the table owner with the append-only guards switched off, as an attacker
 * with DBA rights would.
 */
async function tamper(statement: ReturnType<typeof sql>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(statement);
  });
}

describe('hash chain', () => {
  it('reports unsealed entries until the sealer runs, then verifies every one', async () => {
    const { entries } = await someHistory();
    const before = await verifyChain(database.db);
    expect(before).toMatchObject({ ok: true, entries: 0, unsealed: entries.length, unaccounted: 0 });
    expect(before.oldestUnsealedAt).toBeInstanceOf(Date);

    expect(await sealPending(database.db)).toBe(entries.length);
    const after = await verifyChain(database.db);
    expect(after).toMatchObject({ ok: true, entries: entries.length, unsealed: 0, balanceMismatches: [] });
    expect(after.lastSeal?.entryId).toBe(entries[entries.length - 1]!.id);
    expect(after.lastSeal?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await sealPending(database.db)).toBe(0);
  });

  it('seals in batches and keeps the chain across sealer runs', async () => {
    const { entries } = await someHistory();
    expect(await sealPending(database.db, 2)).toBe(entries.length);
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    await transfer(database.db, world, pool, '1.00');
    expect(await sealPending(database.db)).toBe(1);
    expect(await verifyChain(database.db, 3)).toMatchObject({ ok: true, entries: entries.length + 1 });
  });

  it('a seal that waits for the lock seals what another sealer left; one that skips does not', async () => {
    const { entries } = await someHistory();
    const other = database.sql;
    let release!: () => void;
    const held = other.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(7271001)`;
      await new Promise<void>((resolve) => (release = resolve));
    });
    const sealerLocks = () => other`
      SELECT count(*)::int AS n FROM pg_locks
      WHERE locktype = 'advisory' AND objid = 7271001 AND granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    await expect.poll(async () => (await sealerLocks())[0]!.n).toBe(1);
    expect(await sealPending(database.db)).toBe(0);
    const waiting = sealPending(database.db, { waitForLock: true });
    release();
    await held;
    expect(await waiting).toBe(entries.length);
    expect((await verifyChain(database.db)).unsealed).toBe(0);
  });

  it('keeps numeric order past nine and ninety-nine seals', async () => {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    for (let i = 0; i < 105; i++) await transfer(database.db, world, pool, '1.00');
    expect(await sealPending(database.db, 30)).toBe(105);
    const report = await verifyChain(database.db, 40);
    expect(report).toMatchObject({ ok: true, entries: 105, lastSeal: { seq: '105' } });
  });

  it('names the entry whose posting was changed behind the guards', async () => {
    const { entries } = await someHistory();
    await sealPending(database.db);
    const victim = entries[2]!;
    await tamper(sql`UPDATE postings SET amount = amount + 1000 WHERE entry_id = ${victim.id}::bigint`);
    const report = await verifyChain(database.db);
    expect(report.ok).toBe(false);
    expect(report.firstBadEntry).toBe(victim.id);
    expect(report.entries).toBe(2);
  });

  it('catches a changed memo, a deleted entry and a forged balance', async () => {
    const { entries, pool } = await someHistory();
    await sealPending(database.db);
    await tamper(sql`UPDATE journal_entries SET memo = 'nothing to see' WHERE id = ${entries[1]!.id}::bigint`);
    expect((await verifyChain(database.db)).firstBadEntry).toBe(entries[1]!.id);

    await tamper(sql`UPDATE ledger_accounts SET balance = balance + 1 WHERE id = ${pool.id}::uuid`);
    expect((await verifyChain(database.db)).balanceMismatches).toContain(pool.code);
  });

  it('catches a seal removed from the middle of the chain', async () => {
    const { entries } = await someHistory();
    await sealPending(database.db);
    await tamper(sql`DELETE FROM ledger_seals WHERE entry_id = ${entries[3]!.id}::bigint`);
    const report = await verifyChain(database.db);
    expect(report.ok).toBe(false);
    expect(report.firstBadEntry).toBe(entries[4]!.id);
    expect(report.unaccounted).toBe(1);
  });
});
