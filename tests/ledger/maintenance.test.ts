import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedgerMaintenance, verifyChain } from '../../src/ledger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openAccount, openWorld, transfer } from '../support/ledger-fixtures';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ max: 4 });
});
afterAll(() => database.close());

describe('ledger maintenance', () => {
  it('seals what is booked, on a kick and on its timer', async () => {
    const maintenance = startLedgerMaintenance(database.db, { sealEveryMs: 50 });
    try {
      const world = await openWorld(database.db);
      const pool = await openAccount(database.db);
      for (let i = 0; i < 5; i++) {
        await transfer(database.db, world, pool, '1.00');
        maintenance.kick();
      }
      await expect.poll(async () => (await verifyChain(database.db)).unsealed, { timeout: 5000 }).toBe(0);
      expect(await verifyChain(database.db)).toMatchObject({ ok: true, entries: 5 });
    } finally {
      await maintenance.stop();
    }
  });

  it('seals what another process booked (no kick here) on its sweep', async () => {
    const maintenance = startLedgerMaintenance(database.db, { sealEveryMs: 20, sweepEveryMs: 100 });
    try {
      const world = await openWorld(database.db);
      const pool = await openAccount(database.db);
      await transfer(database.db, world, pool, '1.00');
      await expect.poll(async () => (await verifyChain(database.db)).unsealed, { timeout: 5000 }).toBe(0);
      expect((await verifyChain(database.db)).ok).toBe(true);
    } finally {
      await maintenance.stop();
    }
  });

  it('seals what was kicked before it stops', async () => {
    const maintenance = startLedgerMaintenance(database.db, { sealEveryMs: 60_000, sweepEveryMs: 60_000 });
    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    await transfer(database.db, world, pool, '1.00');
    maintenance.kick();
    await maintenance.stop();
    expect(await verifyChain(database.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});
