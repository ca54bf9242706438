import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { browserClient, invitationPath } from '../support/browser-client';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { STRONG_PASSWORD, invite, signIn, signedInBrowser } from '../support/people';
import { organisation } from '../support/workflow';

let database: TestDatabase;
let app: App;
let admin: ReturnType<typeof browserClient>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  const setup = browserClient(app);
  await setup.get('/');
  const created = await setup.post('/setup', {
    name: 'Ana Admin',
    email: 'ana@example.org',
    password: STRONG_PASSWORD,
    adminToken: ADMIN_TOKEN,
  });
  expect(created.status).toBe(303);
  admin = await signIn(app, 'ana@example.org');
});
afterAll(() => database.close());

const count = async (table: string) =>
  Number((await database.sql.unsafe(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

describe("the administrator's pages", () => {
  it('registers an organisation; a bad field is shown beside it and writes nothing', async () => {
    const before = await count('organisations');
    const refused = await admin.post('/admin/organisations', { name: '', kind: 'association' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('id="field-name-error"');
    expect(refused.html).toContain('aria-describedby="field-name-error"');
    expect(await count('organisations')).toBe(before);

    const created = await admin.post('/admin/organisations', { name: 'Club Zacatecano', kind: 'association' });
    expect(created.status).toBe(303);
    const page = await admin.get(created.location!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Club Zacatecano</h1>');
    // An association has no auditor: the role list offers only what the organisation may hold.
    expect(page.html).toContain('value="applicant"');
    expect(page.html).not.toContain('value="auditor"');
    const list = await admin.get('/admin/organisations');
    expect(list.html).toContain('Club Zacatecano');
  });

  it('invites a person with the API’s service; the one-time link is shown once and sets a password', async () => {
    const club = await organisation(app, 'Club Michoacano', 'association', []);
    const page = await admin.get(`/admin/organisations/${club.id}`);
    expect(page.status).toBe(200);
    const invited = await admin.post(`/admin/organisations/${club.id}/users`, {
      name: 'Rosa Treasurer',
      email: 'Rosa@Example.org',
      role: 'applicant',
      locale: 'es-MX',
    });
    expect(invited.status).toBe(201);
    const link = /value="(http:\/\/localhost\/invitations\/[A-Za-z0-9_-]{43})"/.exec(invited.html)?.[1];
    expect(link).toBeDefined();
    const [row] = await database.sql`SELECT email, role, locale FROM users WHERE email = 'rosa@example.org'`;
    expect(row).toEqual({ email: 'rosa@example.org', role: 'applicant', locale: 'es-MX' });
    expect(await database.sql`SELECT action FROM audit_log WHERE action = 'user.invited'`).toHaveLength(1);

    const listed = await admin.get(`/admin/organisations/${club.id}`);
    expect(listed.html).toContain('rosa@example.org');
    expect(listed.html).toContain('Invitation waiting');
    expect(listed.html).not.toContain(link!);

    const rosa = browserClient(app);
    expect((await rosa.get(invitationPath(link!))).status).toBe(200);
    expect((await rosa.post(invitationPath(link!), { password: STRONG_PASSWORD })).status).toBe(303);
    expect((await admin.get(`/admin/organisations/${club.id}`)).html).toContain('Active');
  });

  it('refuses a role the organisation may not hold and a taken address, beside their fields', async () => {
    const club = await organisation(app, 'Club Jalisco', 'association', []);
    const before = await count('users');
    const auditor = await admin.post(`/admin/organisations/${club.id}/users`, {
      name: 'X',
      email: 'x@example.org',
      role: 'auditor',
    });
    expect(auditor.status).toBe(422);
    expect(auditor.html).toMatch(/id="field-role-error"[^>]*>a association cannot have auditor people/);
    await admin.post(`/admin/organisations/${club.id}/users`, { name: 'Y', email: 'y@example.org', role: 'applicant' });
    const taken = await admin.post(`/admin/organisations/${club.id}/users`, {
      name: 'Y again',
      email: 'y@example.org',
      role: 'applicant',
    });
    expect(taken.status).toBe(422);
    expect(taken.html).toContain('id="field-email-error"');
    expect(await count('users')).toBe(before + 1);
  });

  it('a fresh invitation link replaces the old one', async () => {
    const club = await organisation(app, 'Club Oaxaca', 'association', []);
    const first = await admin.post(`/admin/organisations/${club.id}/users`, {
      name: 'Lupe',
      email: 'lupe@example.org',
      role: 'applicant',
    });
    const old = /value="(http:\/\/localhost\/invitations\/[^"]+)"/.exec(first.html)![1]!;
    const [user] = await database.sql`SELECT id FROM users WHERE email = 'lupe@example.org'`;
    const again = await admin.post(`/admin/users/${user!.id}/invitation`, {});
    expect(again.status).toBe(201);
    const fresh = /value="(http:\/\/localhost\/invitations\/[^"]+)"/.exec(again.html)![1]!;
    expect(fresh).not.toBe(old);
    const browser = browserClient(app);
    expect((await browser.get(invitationPath(old))).status).toBe(404);
    expect((await browser.get(invitationPath(fresh))).status).toBe(200);
  });

  it('issues an API key shown once, which works, and revokes it', async () => {
    const ministry = await organisation(app, 'SEDESOL', 'government', []);
    const issued = await admin.post(`/admin/organisations/${ministry.id}/api-keys`, {
      keyRole: 'programme_admin',
      label: 'budget system',
    });
    expect(issued.status).toBe(201);
    const key =
      /id="once"[^>]*value="([^"]+)"/.exec(issued.html)?.[1] ?? /value="([^"]+)"[^>]*id="once"/.exec(issued.html)?.[1];
    expect(key).toBeDefined();
    const machine = client(app, key!);
    expect((await machine.get(`/v1/organisations/${ministry.id}`)).status).toBe(200);

    const page = await admin.get(`/admin/organisations/${ministry.id}`);
    expect(page.html).toContain('budget system');
    expect(page.html).not.toContain(key!);
    const [row] = await database.sql`SELECT id, prefix FROM api_keys WHERE label = 'budget system'`;
    const revoked = await admin.post(`/admin/api-keys/${row!.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    const after = await admin.get(revoked.location!);
    expect(after.html).toContain(`Key ${row!.prefix} is revoked`);
    expect((await machine.get(`/v1/organisations/${ministry.id}`)).status).toBe(401);
    const bad = await admin.post(`/admin/organisations/${ministry.id}/api-keys`, { keyRole: 'auditor' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('id="field-keyRole-error"');
  });

  it('is the administrator’s only; a POST without the CSRF token writes nothing', async () => {
    const office = await organisation(app, 'ASF', 'auditor', []);
    const person = await invite(client(app, ADMIN_TOKEN), office.id, { email: 'aud@example.org', role: 'auditor' });
    const auditor = await signedInBrowser(app, person);
    expect((await auditor.get('/admin/organisations')).status).toBe(403);
    expect((await auditor.get(`/admin/organisations/${office.id}`)).status).toBe(403);
    const before = await count('api_keys');
    expect((await auditor.post(`/admin/organisations/${office.id}/api-keys`, { keyRole: 'auditor' })).status).toBe(403);
    expect(
      (await admin.post(`/admin/organisations/${office.id}/api-keys`, { keyRole: 'auditor' }, { withoutCsrf: true }))
        .status,
    ).toBe(403);
    expect(await count('api_keys')).toBe(before);
    expect((await admin.get('/admin/organisations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
