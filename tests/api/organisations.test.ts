import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKey, IssuedApiKey, Organisation, Page, Problem } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let admin: ReturnType<typeof client>;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = client(await createTestApp(database.db), ADMIN_TOKEN);
});
afterAll(() => database.close());

async function organisationWithKey(kind: string, role: string) {
  const organisation = (await admin.post<Organisation>('/v1/organisations', { name: `${kind} org`, kind })).body;
  const issued = await admin.post<IssuedApiKey>(`/v1/organisations/${organisation.id}/api-keys`, { role });
  expect(issued.status).toBe(201);
  return { organisation, key: issued.body.key, keyId: issued.body.id };
}

describe('organisations and API keys', () => {
  it('refuses calls without a valid bearer key', async () => {
    const anonymous = admin.as('');
    const missing = await anonymous.get('/v1/organisations');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect((await admin.as('cfk_not-a-real-key').get('/v1/organisations')).status).toBe(401);
  });

  it('lets the administrator register organisations and issue a key shown once, stored as a hash', async () => {
    const { organisation, key } = await organisationWithKey('association', 'applicant');
    expect(key).toMatch(/^cfk_[A-Za-z0-9_-]{40}$/);
    const listed = await admin.get<{ items: ApiKey[] }>(`/v1/organisations/${organisation.id}/api-keys`);
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body.items[0]!.prefix).toBe(key.slice(0, 12));
    const [stored] = await database.sql`SELECT secret_hash FROM api_keys WHERE organisation_id = ${organisation.id}`;
    expect(stored!.secret_hash).not.toContain(key.slice(4));
  });

  it('names the invalid fields', async () => {
    const reply = await admin.post<Problem>('/v1/organisations', { name: '', kind: 'club' });
    expect(reply.status).toBe(422);
    expect(reply.body.errors!.map((e) => e.field).sort()).toEqual(['body.kind', 'body.name']);
    const malformed = await admin.post('/v1/organisations', '{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe('application/problem+json');
  });

  it('keeps roles to the organisations that can hold them', async () => {
    const association = (await admin.post<Organisation>('/v1/organisations', { name: 'Club', kind: 'association' }))
      .body;
    const reply = await admin.post<Problem>(`/v1/organisations/${association.id}/api-keys`, { role: 'auditor' });
    expect(reply.status).toBe(422);
    expect(reply.body.errors![0]!.field).toBe('body.role');
  });

  it('only the administrator registers organisations and issues keys; others see only themselves', async () => {
    const club = await organisationWithKey('association', 'applicant');
    const other = await organisationWithKey('association', 'applicant');
    const auditor = await organisationWithKey('auditor', 'auditor');
    const asClub = admin.as(club.key);
    expect((await asClub.post('/v1/organisations', { name: 'x', kind: 'bank' })).status).toBe(403);
    expect(
      (await asClub.post(`/v1/organisations/${club.organisation.id}/api-keys`, { role: 'applicant' })).status,
    ).toBe(403);
    expect((await admin.as(auditor.key).post('/v1/organisations', { name: 'x', kind: 'bank' })).status).toBe(403);
    expect((await asClub.get(`/v1/organisations/${other.organisation.id}`)).status).toBe(404);
    const own = await asClub.get<Page<Organisation>>('/v1/organisations');
    expect(own.body.items.map((o) => o.id)).toEqual([club.organisation.id]);
    const seenByAuditor = await admin.as(auditor.key).get(`/v1/organisations/${other.organisation.id}`);
    expect(seenByAuditor.status).toBe(200);
  });

  it('a revoked key stops working at once', async () => {
    const { key, keyId } = await organisationWithKey('government', 'approver');
    expect((await admin.as(key).get('/v1/organisations')).status).toBe(200);
    expect((await admin.post(`/v1/api-keys/${keyId}/revoke`)).status).toBe(200);
    expect((await admin.as(key).get('/v1/organisations')).status).toBe(401);
    expect((await admin.post(`/v1/api-keys/${keyId}/revoke`)).status).toBe(409);
  });

  it('pages newest first with a cursor', async () => {
    for (let i = 0; i < 3; i++) await admin.post('/v1/organisations', { name: `Paged ${i}`, kind: 'bank' });
    const first = await admin.get<Page<Organisation>>('/v1/organisations?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await admin.get<Page<Organisation>>(`/v1/organisations?limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...second.body.items].map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await admin.get('/v1/organisations?cursor=garbage')).status).toBe(422);
  });
});
