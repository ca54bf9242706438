import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/seed/demo';
import { seedPeople, type SeededPerson } from '../../../src/seed/people';
import { createTestApp, loadShippedRules } from '../../support/app';
import { launchChromium, newPerson, screenshot, serveApp, signInAt, type ServedApp } from '../../support/browser';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { enrolAt } from '../../support/portal-tour';

/*
 * Approvers and programme admins decide on money only once they have enrolled an authenticator:
 * before that, their pages draw no decision form, and a decision posted anyway from the signed-in
 * browser (with its own CSRF token) is refused and writes nothing.
 */

let database: TestDatabase;
let served: ServedApp;
let browser: Browser;
let people: SeededPerson[];
/** The demo's school, filed under Tres por Uno: the federal government approved, Jerez has yet to. */
let school: string;
let programme: string;

const ENROL_LINK = 'a[href="/account/second-factor"]';

const person = (role: SeededPerson['role']) => people.find((seeded) => seeded.role === role)!;

/** A form the page's own person posts, with the CSRF token of the page's session. */
async function postFromPage(page: Page, path: string, fields: Record<string, string>) {
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const origin = new URL(page.url()).origin;
  return page.request.post(path, {
    form: { _csrf: csrf, ...fields },
    headers: { origin },
    maxRedirects: 0,
  });
}

const approvalsOf = async (applicationId: string) =>
  (
    await database.sql`SELECT party, decision FROM application_approvals
      WHERE application_id = ${applicationId} ORDER BY party`
  ).map((row) => `${row.party}:${row.decision}`);

const journalEntries = async () => Number((await database.sql`SELECT count(*)::int AS n FROM journal_entries`)[0]!.n);

beforeAll(async () => {
  database = await createTestDatabase();
  const app = await createTestApp(database.db);
  await seedDemo(database.db, await loadShippedRules());
  people = (await seedPeople(database.db, new Date())).created;
  served = await serveApp(app);
  browser = await launchChromium();
  const [row] = await database.sql`SELECT a.id, a.programme_id FROM applications a
    WHERE a.title = 'Rehabilitación de la escuela primaria Benito Juárez'`;
  school = row!.id;
  programme = row!.programme_id;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await database?.close();
});

describe('in Chromium, without a second factor', () => {
  it('an approver gets the link to enrolment, not the decision form; a post anyway writes nothing', async () => {
    const approver = person('approver');
    const page = await newPerson(browser, served.baseUrl, { locale: 'es-MX' });
    await signInAt(page, approver.email, approver.password);
    await page.goto('/queue');
    await expect.poll(() => page.locator(`main ${ENROL_LINK}`).count()).toBe(1);
    const path = `/queue/applications/${school}`;
    expect(await page.locator(`main a[href="${path}"]`).count()).toBe(1);

    await page.goto(path);
    expect(await page.locator(`main ${ENROL_LINK}`).count()).toBe(1);
    expect(await page.locator('main [name="decision"]').count()).toBe(0);
    expect(await page.locator(`main form[action="${path}"]`).count()).toBe(0);
    await screenshot(page, 'approver-decision-enrol-first.es-MX');

    const before = await approvalsOf(school);
    expect(before).toEqual(['federal:approve']);
    const refused = await postFromPage(page, path, {
      decision: 'approve',
      party: 'municipal',
      comment: 'sin segundo factor',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('registre una aplicación de autenticación antes de decidir');
    expect(await approvalsOf(school)).toEqual(before);

    // Once enrolled, the same page draws the form, and the decision goes through.
    await enrolAt(page, new Date());
    await page.goto(path);
    expect(await page.locator(`main ${ENROL_LINK}`).count()).toBe(0);
    await page.locator('#field-comment').fill('Aprobado en cabildo');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/queue'),
      page.locator('main button[name="decision"][value="approve"]').click(),
    ]);
    expect(await page.locator('main').textContent()).toContain('Rehabilitación de la escuela primaria Benito Juárez');
    expect(await approvalsOf(school)).toEqual(['federal:approve', 'municipal:approve']);
    await page.context().close();
  });

  it("a programme admin's budget form is the link to enrolment; a post anyway moves no money", async () => {
    const manager = person('programme_admin');
    const page = await newPerson(browser, served.baseUrl, { phone: true });
    await signInAt(page, manager.email, manager.password);
    const path = `/manage/programmes/${programme}/budget`;
    await page.goto(path);
    expect(await page.locator(`main ${ENROL_LINK}`).count()).toBe(1);
    expect(await page.locator('main input[name="amount"]').count()).toBe(0);

    const entries = await journalEntries();
    const refused = await postFromPage(page, path, {
      party: 'state',
      amount: '250000.00',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(refused.status()).toBe(403);
    expect(await journalEntries()).toBe(entries);

    await enrolAt(page, new Date());
    await page.goto(path);
    await page.locator('#field-amount').fill('250000.00');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/manage/programmes'),
      page.locator('main form button[type="submit"]').click(),
    ]);
    expect(await journalEntries()).toBe(entries + 1);
    await page.context().close();
  });
});
