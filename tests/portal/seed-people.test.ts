import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { seedDemo } from '../../src/seed/demo';
import { formatPeople } from '../../src/seed/guide';
import { DEMO_PEOPLE, type SeededPerson, seedPeople } from '../../src/seed/people';
import { createTestApp, loadShippedRules } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signIn } from '../support/people';
import { ROLE_PAGES } from '../support/portal-tour';

let database: TestDatabase;
let app: App;
let first: { created: SeededPerson[]; kept: string[] };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  await seedDemo(database.db, await loadShippedRules());
  first = await seedPeople(database.db, new Date());
});
afterAll(() => database.close());

describe('npm run seed: one demo person per role', () => {
  it('creates one person per role, each of whom signs in with the printed password', async () => {
    expect(first.created.map((person) => person.role)).toEqual([
      'administrator',
      'applicant',
      'approver',
      'programme_admin',
      'auditor',
    ]);
    expect(first.kept).toEqual([]);
    const guide = formatPeople(first, 'http://localhost:8787');
    expect(guide).toContain('http://localhost:8787/');
    for (const person of first.created) {
      expect(guide).toContain(person.email);
      expect(guide).toContain(person.password);
      const browser = await signIn(app, person.email, person.password);
      const home = await browser.get('/');
      expect(home.status).toBe(200);
      for (const [role, links] of Object.entries(ROLE_PAGES))
        for (const link of links)
          expect(home.html.includes(`href="${link}"`), `${person.role} sees ${link}`).toBe(role === person.role);
      // The only form an auditor's page draws is signing out.
      if (person.role === 'auditor')
        expect([...home.html.matchAll(/<form[^>]*method="post"[^>]*>/g)].map((m) => m[0])).toEqual([
          '<form method="post" action="/logout" class="inline">',
        ]);
      // Approvers and programme admins are sent to enrol a second factor before deciding.
      expect(home.html.includes('href="/account/second-factor"')).toBe(person.secondFactor);
    }
    expect(first.created.filter((p) => p.secondFactor).map((p) => p.role)).toEqual(['approver', 'programme_admin']);
    expect(guide).toContain('authenticator app (TOTP) at first sign-in');
  });

  it('stores only scrypt hashes, in the organisations of the demo', async () => {
    const rows = await database.sql`
      SELECT u.email, u.role, u.password_hash, o.name AS organisation
      FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id ORDER BY u.created_at`;
    expect(rows.map((row) => [row.email, row.organisation ?? ''])).toEqual(
      DEMO_PEOPLE.map((spec) => [spec.email, spec.organisation ?? '']),
    );
    for (const row of rows) expect(row.password_hash).toMatch(/^scrypt\$/);
    for (const person of first.created) expect(JSON.stringify(rows)).not.toContain(person.password);
  });

  it('changes nothing when run again', async () => {
    const snapshot = async () => ({
      users: await database.sql`SELECT id, password_hash FROM users ORDER BY id`,
      audit: await database.sql`SELECT count(*)::int AS n FROM audit_log`,
    });
    const before = await snapshot();
    const again = await seedPeople(database.db, new Date());
    expect(again.created).toEqual([]);
    expect(again.kept).toEqual(DEMO_PEOPLE.map((spec) => spec.email));
    expect(await snapshot()).toEqual(before);
    const guide = formatPeople(again, 'http://localhost:8787');
    expect(guide).toContain('already there, left alone');
    for (const person of first.created) expect(guide).not.toContain(person.password);
  });
});
