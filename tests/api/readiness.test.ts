import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DatabaseHandle } from '../../src/db';
import { latestMigration } from '../../src/db/migrate';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { threeByOneProgramme } from '../workflow/fixtures';

let database: TestDatabase;
/** A pool whose server is not there: nothing listens on port 9 of loopback. */
let nowhere: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  nowhere = connect('postgres://cofund:none@127.0.0.1:9/cofund', { max: 2, connectTimeoutSeconds: 1 });
});
afterAll(async () => {
  await nowhere.close();
  await database.close();
});

type Readiness = { status: string; checks: Record<string, string>; reasons: string[] };
const readiness = async (app: Awaited<ReturnType<typeof createTestApp>>) => {
  const response = await app.request('/ready');
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Readiness,
  };
};

describe('GET /ready', () => {
  it('is 200 when the database answers, is migrated, keeps its chain sealed and takes a write', async () => {
    const app = await createTestApp(database.db, { readiness: { expectedMigration: await latestMigration() } });
    const { status, body } = await readiness(app);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', sealer: 'ok', write: 'ok' },
      reasons: [],
    });
  });

  it('is 503 when the database lacks a migration this build ships', async () => {
    const app = await createTestApp(database.db, { readiness: { expectedMigration: (await latestMigration()) + 1 } });
    const { status, retryAfter, body } = await readiness(app);
    expect(status).toBe(503);
    expect(retryAfter).toBe('2');
    expect(body.checks.migrations).toBe('failed');
    expect(body.reasons).toEqual(['the database lacks migrations this build needs']);
  });

  it('is 503 while entries wait longer than allowed to be sealed into the hash chain', async () => {
    const app = await createTestApp(database.db, { readiness: { sealerLagSeconds: 0.001 } });
    await threeByOneProgramme(app, 'ready-lag'); // budgets post entries; nothing seals them here
    const { status, body } = await readiness(app);
    expect(status).toBe(503);
    expect(body.checks).toMatchObject({ database: 'ok', sealer: 'failed', write: 'ok' });
    expect(body.reasons[0]).toMatch(/^the oldest unsealed entry is \d+ s old \(at most 0.001 s\)$/);
  });

  it('is 503 within its one-second budget when the database cannot be reached, and /health still answers', async () => {
    const app = await createTestApp(nowhere.db);
    const { status, body } = await readiness(app);
    expect(status).toBe(503);
    expect(body.checks.database).not.toBe('ok');
    expect(body.checks.write).toBe('not-checked');
    const health = await app.request('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'degraded', database: 'unreachable', sealer: null });
  });
});

describe('a database outage seen by a request', () => {
  it('is a 503 database-unavailable with Retry-After, telling the client to retry with the same key', async () => {
    const app = await createTestApp(nowhere.db);
    const reply = await client(app, ADMIN_TOKEN).post('/v1/organisations', { name: 'Club', kind: 'association' });
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('2');
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ type: 'urn:cofund:problem:database-unavailable', status: 503 });
    expect((reply.body as { detail: string }).detail).toContain('same Idempotency-Key');
  });
});
