import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/api/app';
import type { Programme } from '../../support/api';
import { createTestApp } from '../../support/app';
import { arriveByInvitation, launchChromium, screenshot, serveApp, type ServedApp } from '../../support/browser';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { invite } from '../../support/people';
import { enrolAt } from '../../support/portal-tour';
import { balanceOf, expectTrialBalanced } from '../../support/workflow';
import { threeByOneProgramme } from '../../workflow/fixtures';

/** The 3x1 rules end in 2018: the app's clock is in 2014, and so are the authenticator codes. */
const NOW = new Date('2014-03-03T17:00:00Z');
const GOVERNMENTS = ['federal', 'state', 'municipal'] as const;
type Government = (typeof GOVERNMENTS)[number];

let database: TestDatabase;
let app: App;
let served: ServedApp;
let browser: Browser;
let programme: Programme;
const code = 'mx3x1-story';
/** Each person at their own browser, signed in. */
let club: Page;
const approvers = {} as Record<Government, Page>;
let auditor: Page;
/** Opens the approver's queue, follows the item titled `title`, approves it with a comment. */
async function approveFromQueue(page: Page, title: string, comment: string) {
  await page.goto('/queue');
  await Promise.all([
    page.waitForURL(/\/queue\/(applications|tranches)\//),
    page.getByRole('link', { name: title }).click(),
  ]);
  await page.locator('textarea[name="comment"]').fill(comment);
  await Promise.all([
    page.waitForURL((url) => url.searchParams.has('done')),
    page.locator('button[name="decision"][value="approve"]').click(),
  ]);
}

/** Clicks a form's submit button and waits for the page the post redirects to, with its notice. */
async function submit(page: Page, button: string) {
  await Promise.all([
    page.waitForURL((url) => url.searchParams.has('done')),
    page.getByRole('button', { name: button }).click(),
  ]);
}

const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: () => NOW });
  served = await serveApp(app);
  browser = await launchChromium();
  // The programme staff's part, through the API: the three governments open Tres por Uno and fund it.
  const world = await threeByOneProgramme(app, code);
  programme = world.programme;
  const admin = world.admin;
  const treasurer = await invite(admin, world.club.id, { email: 'tesoreria@club.example', role: 'applicant' });
  club = await arriveByInvitation(browser, served.baseUrl, treasurer, { locale: 'es-MX' });
  for (const party of GOVERNMENTS) {
    const person = await invite(admin, world.governments[party].id, {
      email: `aprueba@${party}.example`,
      role: 'approver',
    });
    approvers[party] = await arriveByInvitation(browser, served.baseUrl, person, { locale: 'es-MX' });
    await enrolAt(approvers[party], NOW);
  }
  const reader = await invite(admin, world.auditor.id, {
    email: 'auditora@asf.example',
    role: 'auditor',
    locale: 'es-MX',
  });
  auditor = await arriveByInvitation(browser, served.baseUrl, reader, { locale: 'es-MX' });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await database?.close();
});

describe('the whole 3x1 story in Chromium, as five people', () => {
  const title = 'Pavimentación de la calle Hidalgo';
  let application: { id: string };

  it('1. the club files an application for 2,400,000.00 MXN of infrastructure', async () => {
    await club.goto('/programmes');
    await Promise.all([
      club.waitForURL(/\/apply$/),
      club.locator(`a[href="/programmes/${programme.id}/apply"]`).first().click(),
    ]);
    await club.getByLabel('Título del proyecto').fill(title);
    await club.locator('select[name="projectType"]').selectOption('infrastructure');
    await club.locator('input[name="totalCost"]').fill('2400000.00');
    await club.locator('input[name="registration.validFrom"]').fill('2013-06-01');
    await club.locator('input[name="registration.validTo"]').fill('2030-12-31');
    await submit(club, 'Presentar la solicitud');
    expect(await mainText(club)).toContain('La solicitud quedó presentada.');
    const id = new URL(club.url()).pathname.split('/').pop()!;
    const [row] = await database.sql`SELECT status, total::text AS total FROM applications WHERE id = ${id}`;
    expect(row).toEqual({ status: 'filed', total: '2400000.00' });
    application = { id };
  });

  it('2. the federal, state and municipal approvers approve it from their queues', async () => {
    for (const party of GOVERNMENTS) await approveFromQueue(approvers[party], title, `Visto bueno (${party})`);
    const approvals =
      await database.sql`SELECT party FROM application_approvals WHERE application_id = ${application.id}`;
    expect(approvals.map((row) => row.party).sort()).toEqual([...GOVERNMENTS].sort());
    await club.goto(`/applications/${application.id}`);
    expect(await mainText(club)).toContain('Aprobada');
    await approvers.municipal.goto('/decisions');
    expect(await mainText(approvers.municipal)).toContain(title);
  });

  it('3. the club records USD 40,000.00 at 15.0000 and asks for the first tranche', async () => {
    await club.goto(`/applications/${application.id}`);
    await club.locator('select[name="party"]').selectOption('club');
    await club.locator('input[name="amount"]').first().fill('40000.00');
    await club.locator('input[name="currency"]').fill('USD');
    await club.locator('input[name="fxRate"]').fill('15.0000');
    await submit(club, 'Registrar la aportación');
    expect(await mainText(club)).toContain('600,000.00');
    expect(await balanceOf(database.db, `application:${application.id}:club:share`)).toMatchObject({
      balance: '600000.00',
    });
    // The first tranche is 50% (3x1-8): the form suggests its amount and milestone.
    expect(await club.locator('form[action$="/tranches"] input[name="amount"]').inputValue()).toBe('1200000.00');
    await club.locator('textarea[name="evidence"]').fill('convenio-de-concertacion.pdf');
    await submit(club, 'Pedir la ministración');
    expect(await mainText(club)).toContain('La ministración quedó pedida');
    await screenshot(club, 'story-3x1-club-tranche-asked.es-MX');
  });

  it('4. the three approve the tranche, and it posts to the ledger', async () => {
    for (const party of GOVERNMENTS) await approveFromQueue(approvers[party], title, `Avance verificado (${party})`);
    const tranches = await database.sql`SELECT status FROM tranches WHERE application_id = ${application.id}`;
    expect(tranches.map((row) => row.status)).toEqual(['posted']);
  });

  it('5. the auditor sees the entries, a balanced trial balance, a verified chain; downloads the PDF', async () => {
    await expectTrialBalanced(database.db);
    await auditor.goto('/ledger');
    const ledger = await mainText(auditor);
    expect(ledger).toContain(`programme:${code}:federal:pool`);
    expect(ledger).toContain('300,000.00');
    await auditor.getByRole('link', { name: 'Balanza de comprobación' }).first().click();
    await expect.poll(() => mainText(auditor)).toContain('Cuadrada');
    expect(await mainText(auditor)).not.toContain('NO cuadra');
    await auditor.goto('/chain');
    expect(await auditor.locator('main [role="status"]').textContent()).toContain('La cadena de hashes se verifica');
    await auditor.goto('/statements');
    const [download] = await Promise.all([
      auditor.waitForEvent('download'),
      auditor.locator(`a[href^="/v1/statements/programmes/${programme.id}.pdf"]`).click(),
    ]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(auditor, 'story-3x1-auditor-statements.es-MX');
  });
});
