import type { Browser } from 'playwright-core';
import type { App } from '../../../src/api/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestApp } from '../../support/app';
import { launchChromium, newPerson, screenshot, serveApp, signInAt, type ServedApp } from '../../support/browser';
import { client } from '../../support/client';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { invite, STRONG_PASSWORD } from '../../support/people';
import { expectStatus, openProgramme, organisation } from '../../support/workflow';

let database: TestDatabase;
let app: App;
let served: ServedApp;
let browser: Browser;
const code = 'mx3x1-browser';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  served = await serveApp(app);
  browser = await launchChromium();
  const federal = await organisation(app, 'SEDESOL', 'government', ['programme_admin']);
  const state = await organisation(app, 'Zacatecas', 'government', ['programme_admin']);
  const municipal = await organisation(app, 'Jerez', 'government', ['programme_admin']);
  const programme = await openProgramme(
    app,
    {
      code,
      name: 'Tres por Uno',
      ruleSet: 'tres-por-uno',
      currency: 'MXN',
      parties: { federal: federal.id, state: state.id, municipal: municipal.id },
    },
    [federal, state, municipal],
  );
  expectStatus(
    await federal.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, {
      party: 'federal',
      amount: '5000000.00',
    }),
    201,
  );
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await database?.close();
});

describe('in Chromium', () => {
  it('an invited auditor sets a password, signs in through the login page and reads the trial balance', async () => {
    const office = await organisation(app, 'ASF', 'auditor', []);
    const invited = await invite(client(app, ADMIN_TOKEN), office.id, {
      email: 'auditora@example.org',
      role: 'auditor',
      locale: 'es-MX',
    });
    const page = await newPerson(browser, served.baseUrl, { locale: 'es-MX', phone: true });
    await page.goto(new URL(invited.invitationUrl).pathname);
    await page.getByLabel('Nueva contraseña').fill(STRONG_PASSWORD);
    await Promise.all([
      page.waitForURL(/\/login/),
      page.getByRole('button', { name: 'Registrar mi contraseña' }).click(),
    ]);

    await signInAt(page, invited.email, STRONG_PASSWORD);
    await page.getByRole('link', { name: 'Balanza de comprobación' }).first().click();
    await expect.poll(() => page.url()).toContain('/trial-balance');
    const main = page.locator('main');
    await expect.poll(() => main.textContent()).toContain(`programme:${code}:federal:pool`);
    expect(await main.textContent()).toContain('Cuadrada');
    expect(await main.textContent()).toContain('5,000,000.00');
    expect(await page.locator('html').getAttribute('lang')).toBe('es-MX');
    await screenshot(page, 'auditor-trial-balance.es-MX.phone');
  });
});
