import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  captureHold,
  createHold,
  recordVerification,
  reverseEntry,
  sealPending,
  verifyChain,
  verifyLedger,
} from '../../src/ledger';
import { chainHash } from '../../src/ledger/chain';
import { fetchEntryRows } from '../../src/ledger/entries';
import { rowsOf } from '../../src/db';
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

describe('verification from a checkpoint', () => {
  /** Verifies from the newest checkpoint and records where it got to, as a document does. */
  async function verifyAndRecord() {
    const verification = await verifyLedger(database.db);
    await recordVerification(database.db, verification);
    return verification.report;
  }

  async function moreHistory(count: number) {
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    const entries = [];
    for (let index = 0; index < count; index++) entries.push((await transfer(database.db, world, pool, '7.00')).entry);
    await sealPending(database.db);
    return { entries, pool };
  }

  const checkpoints = () =>
    rowsOf<{ seq: string; from_seq: string }>(
      database.db,
      sql`SELECT seq::text AS seq, from_seq::text AS from_seq FROM ledger_verification_checkpoints ORDER BY seq`,
    );

  it('recomputes only the seals from the newest checkpoint on, and moves the checkpoint', async () => {
    const { entries } = await someHistory();
    await sealPending(database.db);
    const first = await verifyAndRecord();
    expect(first).toMatchObject({ ok: true, entries: entries.length, recomputed: entries.length, since: null });
    expect(await checkpoints()).toEqual([{ seq: String(entries.length), from_seq: '0' }]);

    const later = await moreHistory(3);
    const second = await verifyAndRecord();
    // The checkpoint's own seal is recomputed again, then the three after it.
    expect(second).toMatchObject({ ok: true, entries: entries.length + 3, recomputed: 4, balanceMismatches: [] });
    expect(second.since).toMatchObject({ seq: String(entries.length), verifiedAt: expect.any(Date) });
    expect(second.lastSeal?.entryId).toBe(later.entries.at(-1)!.id);
    expect((await checkpoints()).at(-1)).toEqual({ seq: String(entries.length + 3), from_seq: String(entries.length) });

    // Nothing new: one seal recomputed, nothing recorded.
    const third = await verifyLedger(database.db);
    expect(third.report).toMatchObject({ ok: true, entries: entries.length + 3, recomputed: 1 });
    expect(third.checkpoint).toBeNull();
    expect(await recordVerification(database.db, third)).toBe(false);
  });

  it('records nothing from a verification that found something wrong', async () => {
    const { entries } = await someHistory();
    await sealPending(database.db);
    await tamper(sql`UPDATE journal_entries SET memo = 'x' WHERE id = ${entries[4]!.id}::bigint`);
    const verification = await verifyLedger(database.db);
    expect(verification.report).toMatchObject({ ok: false, firstBadEntry: entries[4]!.id });
    expect(await recordVerification(database.db, verification)).toBe(false);
    expect(await checkpoints()).toEqual([]);
  });

  it('catches tampering after the checkpoint: content, postings, balances, entries outside the chain', async () => {
    await someHistory();
    await sealPending(database.db);
    await verifyAndRecord();
    const { entries, pool } = await moreHistory(4);

    await tamper(sql`UPDATE journal_entries SET memo = 'rewritten' WHERE id = ${entries[1]!.id}::bigint`);
    expect(await verifyLedger(database.db).then((v) => v.report)).toMatchObject({
      ok: false,
      firstBadEntry: entries[1]!.id,
    });

    await tamper(sql`UPDATE ledger_accounts SET balance = balance + 1 WHERE id = ${pool.id}::uuid`);
    expect((await verifyLedger(database.db)).report.balanceMismatches).toContain(pool.code);

    await tamper(sql`DELETE FROM ledger_seals WHERE entry_id = ${entries[3]!.id}::bigint`);
    expect((await verifyLedger(database.db)).report.unaccounted).toBe(1);
  });

  it('catches a posting whose running balance does not follow, among the postings after the checkpoint', async () => {
    await someHistory();
    await sealPending(database.db);
    await verifyAndRecord();
    const { entries, pool } = await moreHistory(2);
    // Seals recompute from the rows as they are, so rewrite the seals too: only the balances can tell.
    await tamper(sql`UPDATE postings SET balance_after = balance_after + 5
                     WHERE entry_id = ${entries[0]!.id}::bigint AND account_id = ${pool.id}::uuid`);
    await resealFrom(entries[0]!.id);
    const report = (await verifyLedger(database.db)).report;
    expect(report.firstBadEntry).toBeUndefined();
    expect(report.balanceMismatches).toEqual([pool.code]);
  });

  it('leaves what a checkpoint vouches for to the whole-chain verification', async () => {
    const { entries } = await someHistory();
    await sealPending(database.db);
    await verifyAndRecord();
    await tamper(sql`UPDATE journal_entries SET memo = 'before the checkpoint' WHERE id = ${entries[1]!.id}::bigint`);
    // Only a write with the guards switched off can change a sealed entry; the checkpoint recorded
    // that it recomputed then, and verification from it does not recompute it again.
    expect((await verifyLedger(database.db)).report).toMatchObject({
      ok: true,
      since: { seq: String(entries.length) },
    });
    expect(await verifyChain(database.db)).toMatchObject({ ok: false, firstBadEntry: entries[1]!.id, since: null });
    expect((await verifyLedger(database.db, { whole: true })).report.firstBadEntry).toBe(entries[1]!.id);
  });

  it('does not start from a checkpoint whose seal changed, even if the chain was rewritten to recompute', async () => {
    const { entries } = await someHistory();
    await sealPending(database.db);
    await verifyAndRecord();
    await moreHistory(2);
    await verifyAndRecord();
    // Entry 2 rewritten, and every seal from it on recomputed: the chain is self-consistent again.
    await tamper(sql`UPDATE journal_entries SET memo = 'rewritten' WHERE id = ${entries[1]!.id}::bigint`);
    await resealFrom(entries[1]!.id);
    expect(await verifyChain(database.db)).toMatchObject({ ok: true });
    // Both checkpoints recorded hashes the seals no longer have: verification starts from the
    // genesis and names the first seal that is not what a checkpoint saw.
    const report = (await verifyLedger(database.db)).report;
    expect(report).toMatchObject({ ok: false, since: null, firstBadEntry: entries.at(-1)!.id });
    expect(report.entries).toBe(entries.length - 1);
  });

  it('names the entry whose seal was removed from the end of the chain after a checkpoint saw it', async () => {
    await someHistory();
    await sealPending(database.db);
    const { entries } = await moreHistory(2);
    await verifyAndRecord();
    await tamper(sql`DELETE FROM ledger_seals WHERE entry_id = ${entries[1]!.id}::bigint`);
    const report = (await verifyLedger(database.db)).report;
    expect(report).toMatchObject({ ok: false, firstBadEntry: entries[1]!.id });
  });
});

/** Recomputes every seal from the one of `entryId` on, as someone covering their tracks would. */
async function resealFrom(entryId: string) {
  const seals = await rowsOf<{ seq: string; entry_id: string; prev_hash: string }>(
    database.db,
    sql`SELECT seq::text AS seq, entry_id::text AS entry_id, prev_hash FROM ledger_seals
        WHERE seq >= (SELECT seq FROM ledger_seals WHERE entry_id = ${entryId}::bigint) ORDER BY seq`,
  );
  const rows = await fetchEntryRows(
    database.db,
    seals.map((seal) => seal.entry_id),
  );
  let previous = seals[0]!.prev_hash;
  for (const seal of seals) {
    const hash = chainHash(previous, rows.get(seal.entry_id)!);
    await tamper(sql`UPDATE ledger_seals SET prev_hash = ${previous}, hash = ${hash} WHERE seq = ${seal.seq}::bigint`);
    previous = hash;
  }
}
