import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openAccount, openWorld, transfer } from '../support/ledger-fixtures';
import { sealPending } from '../../src/ledger';

let database: TestDatabase;
let app: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
});
afterAll(() => database.close());

describe('operations endpoints', () => {
  it('GET /health reports the database and what waits to be sealed', async () => {
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: 'ok',
      sealer: { unsealedEntries: 0, oldestUnsealedAgeSeconds: null },
    });

    const world = await openWorld(database.db);
    const pool = await openAccount(database.db);
    await transfer(database.db, world, pool, '1.00');
    await transfer(database.db, world, pool, '2.00');
    const waiting = (await (await app.request('/health')).json()) as {
      sealer: { unsealedEntries: number; oldestUnsealedAgeSeconds: number };
    };
    expect(waiting.sealer.unsealedEntries).toBe(2);
    expect(waiting.sealer.oldestUnsealedAgeSeconds).toBeGreaterThanOrEqual(0);

    await sealPending(database.db);
    expect(await (await app.request('/health')).json()).toMatchObject({
      sealer: { unsealedEntries: 0, oldestUnsealedAgeSeconds: null },
    });
  });

  it('GET /openapi.json is an OpenAPI 3.1 document', async () => {
    const response = await app.request('/openapi.json');
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/health']).toBeDefined();
  });

  it('unknown routes get problem+json (after authentication under /v1)', async () => {
    expect((await app.request('/v1/nothing-here')).status).toBe(401);
    const response = await app.request('/v1/nothing-here', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(404);
    expect((await app.request('/nothing-here')).status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: 'urn:cofund:problem:not-found', status: 404 });
  });
});
