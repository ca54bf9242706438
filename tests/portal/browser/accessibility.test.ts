import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/api/app';
import { seedDemo } from '../../../src/seed/demo';
import { seedPeople, type SeededPerson } from '../../../src/seed/people';
import { ADMIN_TOKEN, createTestApp, loadShippedRules } from '../../support/app';
import { seriousViolations } from '../../support/axe';
import { launchChromium, serveApp, type ServedApp } from '../../support/browser';
import { invitationPath } from '../../support/browser-client';
import { client } from '../../support/client';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { invite } from '../../support/people';
import { ROLE_PAGES, tourAsPerson, tourPublicPages, type TourStop } from '../../support/portal-tour';

let database: TestDatabase;
let app: App;
let served: ServedApp;
let browser: Browser;
let invitation: string;
let people: SeededPerson[];
/** A second app on an empty database, for the first-run page. */
let empty: { database: TestDatabase; served: ServedApp };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  await seedDemo(database.db, await loadShippedRules());
  served = await serveApp(app);
  browser = await launchChromium();
  const [club] = await database.sql`SELECT id FROM organisations WHERE name = 'Club Zacatecano de Los Ángeles'`;
  invitation = invitationPath(
    (await invite(client(app, ADMIN_TOKEN), club!.id, { email: 'vocal@club.example', role: 'applicant' }))
      .invitationUrl,
  );
  people = (await seedPeople(database.db, new Date())).created;
  const emptyDatabase = await createTestDatabase();
  empty = { database: emptyDatabase, served: await serveApp(await createTestApp(emptyDatabase.db)) };
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await database?.close();
  await empty?.served.close();
  await empty?.database.close();
});

/** Pages reached from a role's navigation that the tour must reach too (the demo has data for them). */
const DETAIL_PAGES: Partial<Record<SeededPerson['role'], string[]>> = {
  applicant: ['/programmes/:id/apply', '/applications/:id'],
};

/** Audits each stop of a tour and keeps what it found, and which pages it saw. */
function auditor() {
  const findings: string[] = [];
  const seen: string[] = [];
  const audit = async (stop: TourStop) => {
    expect(stop.status, `${stop.who} ${stop.path}`).toBeLessThan(500);
    seen.push(stop.shape);
    const where = `${stop.who} ${stop.locale} ${stop.path}`;
    for (const violation of await seriousViolations(stop.page)) {
      const what = `${violation.rule} (${violation.impact}) ${violation.help}`;
      findings.push(`${where}: ${what} at ${violation.targets.join(', ')}`);
    }
  };
  return { audit, findings, seen };
}

describe('axe-core (WCAG 2.1 AA) finds no serious or critical violation', () => {
  it('on the pages before signing in: first run, sign-in, an invitation, a 404, on a phone', async () => {
    const { audit, findings, seen } = auditor();
    await tourPublicPages(browser, empty.served.baseUrl, ['/'], audit, { phone: true });
    await tourPublicPages(browser, served.baseUrl, ['/login', invitation, '/no-such-page'], audit, { phone: true });
    expect(findings).toEqual([]);
    expect(seen).toHaveLength(12);
  }, 120_000);

  it.each(Object.keys(ROLE_PAGES))(
    'on every page of the %s, in each language',
    async (role) => {
      const person = people.find((seeded) => seeded.role === role)!;
      const { audit, findings, seen } = auditor();
      await tourAsPerson(browser, served.baseUrl, person, audit);
      expect(findings).toEqual([]);
      for (const path of [...ROLE_PAGES[person.role], '/', '/account']) expect(seen).toContain(path);
      for (const path of DETAIL_PAGES[person.role] ?? []) expect(seen).toContain(path);
    },
    300_000,
  );
});
