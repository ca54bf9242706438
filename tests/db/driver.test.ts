import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverOf, pgArray } from '../../src/db';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ max: 2 });
});
afterAll(() => database.close());

describe('driverOf', () => {
  it('reaches the connection of the Drizzle transaction it is given', async () => {
    await database.db.execute(sql`CREATE TABLE driver_probe (n int)`);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO driver_probe VALUES (1)`);
        const driver = driverOf(tx);
        // Same transaction: sees the uncommitted row, and is rolled back with it.
        const [row] =
          await driver`SELECT count(*)::int AS n, txid_current_if_assigned() IS NOT NULL AS in_tx FROM driver_probe`;
        expect(row).toEqual({ n: 1, in_tx: true });
        await driver`INSERT INTO driver_probe VALUES (2)`;
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const [after] = await driverOf(database.db)`SELECT count(*)::int AS n FROM driver_probe`;
    expect(after).toEqual({ n: 0 });
  });
});

describe('pgArray', () => {
  it('writes simple values as an array literal and refuses anything that could escape it', () => {
    expect(pgArray(['1.00', 2, 3n])).toBe('{1.00,2,3}');
    expect(() => pgArray(['a,b'])).toThrow();
    expect(() => pgArray(['"}'])).toThrow();
  });
});
