import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/api/app';
import type { Programme } from '../../support/api';
import { ADMIN_TOKEN, createTestApp } from '../../support/app';
import { seriousViolations } from '../../support/axe';
import { arriveByInvitation, launchChromium, screenshot, serveApp, type ServedApp } from '../../support/browser';
import { client } from '../../support/client';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { invite } from '../../support/people';
import { expectStatus, openProgramme, organisation } from '../../support/workflow';

/** The 3x1 rules end in 2018: the app's clock is in 2014. */
const NOW = new Date('2014-03-03T17:00:00Z');

let database: TestDatabase;
let app: App;
let served: ServedApp;
let browser: Browser;
let programme: Programme;
type Org = Awaited<ReturnType<typeof organisation>>;
let governments: Org[];
let club: Page;
let otherClub: Page;

const counts = async () =>
  (
    await database.sql`SELECT (SELECT count(*) FROM applications)::int AS applications,
      (SELECT count(*) FROM contributions)::int AS contributions,
      (SELECT count(*) FROM journal_entries)::int AS entries`
  )[0]!;

/** A person invited by the administrator who sets a password in the browser, then signs in. */
async function person(
  orgId: string,
  email: string,
  locale: string,
  options: { phone?: boolean; browserLocale?: string },
) {
  const invited = await invite(client(app, ADMIN_TOKEN), orgId, { email, role: 'applicant', locale });
  return arriveByInvitation(browser, served.baseUrl, invited, {
    locale: options.browserLocale ?? locale,
    phone: options.phone,
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: () => NOW });
  served = await serveApp(app);
  browser = await launchChromium();
  governments = [
    await organisation(app, 'SEDESOL', 'government', ['approver', 'programme_admin']),
    await organisation(app, 'Gobierno de Zacatecas', 'government', ['approver', 'programme_admin']),
    await organisation(app, 'Municipio de Jerez', 'government', ['approver', 'programme_admin']),
  ];
  const [federal, state, municipal] = governments as [Org, Org, Org];
  programme = await openProgramme(
    app,
    {
      code: 'mx3x1-chromium',
      name: 'Tres por Uno Zacatecas 2014',
      ruleSet: 'tres-por-uno',
      currency: 'MXN',
      parties: { federal: federal.id, state: state.id, municipal: municipal.id },
    },
    governments,
  );
  for (const [party, org] of [
    ['federal', federal],
    ['state', state],
    ['municipal', municipal],
  ] as const) {
    expectStatus(
      await org.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, { party, amount: '5000000.00' }),
      201,
    );
  }
  const clubOrg = await organisation(app, 'Club Zacatecano de Los Angeles', 'association', []);
  // The treasurer reads Spanish; her phone's date fields are in US order (mm/dd/yyyy).
  club = await person(clubOrg.id, 'tesorera@example.org', 'es-MX', { phone: true, browserLocale: 'en-US' });
  const otherOrg = await organisation(app, 'Club Jalisco', 'association', []);
  otherClub = await person(otherOrg.id, 'otro@example.org', 'en', {});
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await database?.close();
});

let applicationPath: string;

describe('the applicant in Chromium', () => {
  it('completes the filing form with the keyboard alone; the plan shows as the fields are typed', async () => {
    await club.goto(`/programmes/${programme.id}/apply`);
    // What has the focus: its name, or its text (a link, a button). A string runs in the page (no DOM types here).
    const focused = async () =>
      String(await club.evaluate('document.activeElement.name || document.activeElement.textContent'));
    /** Tab until `name` has the focus (a date field's day, month and year take a Tab each). */
    const tabTo = async (name: string) => {
      for (let presses = 0; presses < 12 && (await focused()) !== name; presses += 1) await club.keyboard.press('Tab');
      expect(await focused()).toBe(name);
    };
    // From the top of the page: the skip link, then into the form.
    await club.keyboard.press('Tab');
    expect(await focused()).toBe('Saltar al contenido');
    await club.keyboard.press('Enter');
    await tabTo('title');
    await club.keyboard.type('Pavimentación de la calle Hidalgo');
    await club.keyboard.press('Tab');
    expect(await focused()).toBe('projectType');
    await club.keyboard.press('ArrowDown');
    await club.keyboard.press('Tab');
    expect(await focused()).toBe('totalCost');
    await club.keyboard.type('2400000.00');
    await tabTo('registration.validFrom');
    await club.keyboard.type('06012013');
    await tabTo('registration.validTo');
    await club.keyboard.type('12312030');
    // The script asked for the plan while the fields were typed: no submit yet.
    await expect.poll(() => club.locator('#plan').textContent(), { timeout: 10_000 }).toContain('600,000.00');
    expect(club.url()).toContain(`/programmes/${programme.id}/apply`);
    await screenshot(club, 'applicant-apply.es-MX.phone');
    expect(await seriousViolations(club)).toEqual([]);
    const before = await counts();
    await tabTo('Presentar la solicitud');
    await Promise.all([
      club.waitForURL(/\/applications\/[0-9a-f-]{36}\?done=[0-9a-f-]{36}$/),
      club.keyboard.press('Enter'),
    ]);
    expect((await counts()).applications).toBe(before.applications + 1);
    expect(await club.locator('main').textContent()).toContain('La solicitud quedó presentada.');
    applicationPath = new URL(club.url()).pathname;
    await screenshot(club, 'applicant-application-filed.es-MX.phone');
  });

  it('a failed rule shows beside its field, in Spanish', async () => {
    await club.goto(`/programmes/${programme.id}/apply`);
    await club.getByLabel('Título del proyecto').fill('Otro proyecto');
    await club.locator('select[name="projectType"]').selectOption('infrastructure');
    await club.locator('input[name="totalCost"]').fill('100000.00');
    await club.locator('input[name="registration.validFrom"]').fill('2012-01-01');
    await club.locator('input[name="registration.validTo"]').fill('2013-01-01');
    await Promise.all([
      club.waitForLoadState('load'),
      club.getByRole('button', { name: 'Presentar la solicitud' }).click(),
    ]);
    await expect.poll(() => club.locator('#field-registration-error').textContent()).toContain('3x1-5');
    expect(await club.locator('.error-summary:focus').count()).toBe(1);
    await screenshot(club, 'applicant-apply-refused.es-MX.phone');
    expect(await seriousViolations(club)).toEqual([]);
  });

  it('a double-submitted money form posts once', async () => {
    const [federal, state, municipal] = governments as [Org, Org, Org];
    const id = applicationPath.split('/').pop()!;
    for (const org of [federal, state, municipal]) {
      expectStatus(await org.approver!.post(`/v1/applications/${id}/approvals`, { decision: 'approve' }), 200);
    }
    await club.goto(applicationPath);
    await club.locator('select[name="party"]').selectOption('club');
    await club.locator('input[name="amount"]').first().fill('40000.00');
    await club.locator('input[name="currency"]').fill('USD');
    await club.locator('input[name="fxRate"]').fill('12.9500');
    // Each POST is held back a moment, so that the second click lands while the first is on its way
    // (Chromium may fold the two into one); the form's exact bytes are kept to send them again after.
    const sent: string[] = [];
    await club.route('**/contributions', async (route) => {
      sent.push(route.request().postData() ?? '');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    const before = await counts();
    await club.getByRole('button', { name: 'Registrar la aportación' }).dblclick();
    await club.waitForURL(/done=[0-9a-f-]{36}$/);
    await club.unroute('**/contributions');
    expect(sent.length).toBeGreaterThanOrEqual(1);
    const shownAt = new URL(club.url());
    // The same form sent once more, as a browser's "resend" would: the first result, nothing new.
    const resent = await club.context().request.post(`${applicationPath}/contributions`, {
      data: sent[0],
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: served.baseUrl },
      maxRedirects: 0,
    });
    expect(resent.status()).toBe(303);
    expect(resent.headers().location).toBe(`${shownAt.pathname}${shownAt.search}`);
    // The ledger holds one contribution and its one entry, however often the form went.
    const after = await counts();
    expect(after.contributions).toBe(before.contributions + 1);
    expect(after.entries).toBe(before.entries + 1);
    expect(await club.locator('main').textContent()).toContain('518,000.00');
    await screenshot(club, 'applicant-contribution.es-MX.phone');
  });

  it('a POST without the CSRF token is refused and writes nothing', async () => {
    await club.goto(applicationPath);
    await club.locator('input[name="amount"]').first().fill('100.00');
    await club.locator('input[name="currency"]').fill('MXN');
    await club.locator('input[name="fxRate"]').fill('');
    // A page script cannot be typed here (no DOM types in the tests): the expression runs in the page.
    await club.evaluate("document.querySelectorAll('input[name=_csrf]').forEach((input) => input.remove())");
    const before = await counts();
    const [response] = await Promise.all([
      club.waitForResponse((r) => r.url().endsWith('/contributions')),
      club.getByRole('button', { name: 'Registrar la aportación' }).click(),
    ]);
    expect(response.status()).toBe(403);
    await expect.poll(() => club.locator('h1').textContent()).toBe('No permitido');
    expect(await counts()).toEqual(before);
  });

  it("another club's user who opens the application's address gets the 404 page", async () => {
    const response = await otherClub.goto(applicationPath);
    expect(response?.status()).toBe(404);
    expect(await otherClub.locator('h1').textContent()).toBe('Not found');
    expect(await otherClub.locator('main').textContent()).not.toContain('Hidalgo');
    await screenshot(otherClub, 'applicant-foreign-application.en');
  });
});
