import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyCache, type KeyActor } from '../../src/auth';
import type { IssuedApiKey, Organisation } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const TTL_MS = 1000;

/** Two app instances on one database, as two processes are, each with its own cache and a clock the test moves. */
async function twoProcesses() {
  let now = Date.parse('2026-03-01T12:00:00Z');
  const clock = () => new Date(now);
  const limits = { apiKeyCacheMs: TTL_MS };
  const here = await createTestApp(database.db, { clock, limits });
  const there = await createTestApp(database.db, { clock, limits });
  const admin = client(here, ADMIN_TOKEN);
  const organisation = (await admin.post<Organisation>('/v1/organisations', { name: 'Cached', kind: 'government' }))
    .body;
  const issued = await admin.post<IssuedApiKey>(`/v1/organisations/${organisation.id}/api-keys`, {
    role: 'approver',
  });
  return {
    admin,
    key: issued.body,
    here: client(here, issued.body.key),
    there: client(there, issued.body.key),
    advance: (ms: number) => (now += ms),
  };
}

describe('API keys looked up once and remembered briefly', () => {
  it('a key revoked through this process is refused at once; another process refuses it within its TTL', async () => {
    const { admin, key, here, there, advance } = await twoProcesses();
    expect((await here.get('/v1/organisations')).status).toBe(200);
    expect((await there.get('/v1/organisations')).status).toBe(200);

    expect((await admin.post(`/v1/api-keys/${key.id}/revoke`)).status).toBe(200);
    expect((await here.get('/v1/organisations')).status).toBe(401);
    // The other process remembers the lookup it made: the documented bound, not forever.
    expect((await there.get('/v1/organisations')).status).toBe(200);
    advance(TTL_MS);
    expect((await there.get('/v1/organisations')).status).toBe(401);
  });

  it('a key revoked in the database behind every process is refused once the TTL has passed', async () => {
    const { key, here, advance } = await twoProcesses();
    expect((await here.get('/v1/organisations')).status).toBe(200);
    await database.sql`UPDATE api_keys SET revoked_at = now() WHERE id = ${key.id}`;
    advance(TTL_MS - 1);
    expect((await here.get('/v1/organisations')).status).toBe(200);
    advance(1);
    expect((await here.get('/v1/organisations')).status).toBe(401);
  });

  it('with the cache off (0 ms) every request looks its key up', async () => {
    const app = await createTestApp(database.db, { limits: { apiKeyCacheMs: 0 } });
    const admin = client(app, ADMIN_TOKEN);
    const organisation = (await admin.post<Organisation>('/v1/organisations', { name: 'Uncached', kind: 'government' }))
      .body;
    const issued = await admin.post<IssuedApiKey>(`/v1/organisations/${organisation.id}/api-keys`, {
      role: 'approver',
    });
    const machine = client(app, issued.body.key);
    expect((await machine.get(`/v1/organisations/${organisation.id}`)).status).toBe(200);
    await database.sql`UPDATE api_keys SET revoked_at = now() WHERE id = ${issued.body.id}`;
    expect((await machine.get(`/v1/organisations/${organisation.id}`)).status).toBe(401);
  });

  it('keeps no lookup that was under way when the key was revoked', () => {
    const keys = new KeyCache(TTL_MS);
    const actor: KeyActor = {
      kind: 'key',
      keyId: 'k1',
      role: 'approver',
      organisationId: 'o1',
      organisationKind: 'bank',
    };
    const ticket = keys.ticket();
    keys.revoked('k1');
    keys.remember('hash', actor, 0, ticket);
    expect(keys.get('hash', 1)).toBeUndefined();
    keys.remember('hash', actor, 0, keys.ticket());
    expect(keys.get('hash', TTL_MS - 1)).toEqual(actor);
    expect(keys.get('hash', TTL_MS)).toBeUndefined();
  });
});
