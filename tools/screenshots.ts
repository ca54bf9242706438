/**
 * `npm run screenshots`: a PNG of every portal page, in each language, at desktop and phone width,
 * in screenshots/ (git-ignored), to look at. The demo (`npm run seed`'s programmes and people) is
 * seeded into a throwaway database -- on the DATABASE_URL server, or an embedded PostgreSQL when it
 * is unset -- served over HTTP, and toured in Chromium by the same crawl as the accessibility test
 * (tests/support/portal-tour.ts): every page a link leads to, once per shape, as each role.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openBenchDatabase } from '../bench/support/database';
import type { App } from '../src/api/app';
import { findAccountByCode } from '../src/ledger';
import { inviteUser } from '../src/people/service';
import { seedDemo } from '../src/seed/demo';
import { seedPeople } from '../src/seed/people';
import { createTestApp, loadShippedRules } from '../tests/support/app';
import { launchChromium, serveApp } from '../tests/support/browser';
import { clientOver, expectAnswer } from './api-client';
import { camt053 } from './bank-files';
import { tourAsPerson, tourPublicPages, type TourStop } from '../tests/support/portal-tour';

const OUT = path.resolve(import.meta.dirname, '../screenshots');
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

/** `/manage/applications/:id/cancel/confirm?reason=…` → `manage-applications-id-cancel-confirm`. */
const slug = (shape: string) =>
  shape
    .split('?')[0]!
    .replace(/^\/invitations\/.+/, '/invitations/:token')
    .replace(/^\/+/, '')
    .replace(/[/:]+/g, '-')
    .replace(/-+$/, '') || 'home';

let taken = 0;
async function photograph(stop: TourStop) {
  for (const [width, viewport] of Object.entries(WIDTHS)) {
    const folder = path.join(OUT, stop.locale, width);
    mkdirSync(folder, { recursive: true });
    await stop.page.setViewportSize(viewport);
    await stop.page.screenshot({ path: path.join(folder, `${stop.who}.${slug(stop.shape)}.png`), fullPage: true });
    taken += 1;
  }
  if (stop.status >= 500) console.warn(`${stop.who} ${stop.locale} ${stop.path}: ${stop.status}`);
}

/**
 * The federal pool's bank account and a statement of it, through the API: every movement of the
 * books as the bank saw it, plus a bank fee the books do not have yet, so that the reconciliation
 * pages show matched lines and an open one with its proposed entry.
 */
async function bankStatementOfFederalPool(app: App, db: Parameters<typeof findAccountByCode>[0], staffKey: string) {
  const pool = (await findAccountByCode(db, 'programme:demo-tres-por-uno:federal:pool'))!;
  const staff = clientOver(app, staffKey);
  const clabe = '032180000118359719';
  const { id } = expectAnswer(
    await staff.POST('/v1/bank-accounts', {
      body: { ledgerAccountId: pool.id, clabe, bank: 'BBVA México', currency: 'MXN' },
    }),
    201,
    'the demo bank account',
  );
  const open = expectAnswer(
    await staff.GET('/v1/bank-accounts/{id}/open-items', { params: { path: { id } } }),
    200,
    'its open items',
  );
  const day = new Date().toISOString().slice(0, 10);
  const statement = camt053({
    id: 'DEMO-FEDERAL-1',
    account: { other: clabe },
    currency: 'MXN',
    openingDate: day,
    opening: '0.00',
    closingDate: day,
    lines: [
      ...open.movements.map((movement) => ({
        bookingDate: movement.date,
        amount: movement.amount.replace(/^-/, ''),
        direction: movement.amount.startsWith('-') ? ('debit' as const) : ('credit' as const),
        remittance: movement.reference,
      })),
      {
        bookingDate: day,
        amount: '116.00',
        direction: 'debit',
        remittance: 'Comisión SPEI',
        transactionCode: 'ACMT/MDOP/CHRG',
      },
    ],
  });
  const imported = await app.request(`/v1/bank-accounts/${id}/statements`, {
    method: 'POST',
    headers: { authorization: `Bearer ${staffKey}`, 'content-type': 'application/xml' },
    body: statement,
  });
  if (imported.status !== 201) throw new Error(`the demo bank statement: ${imported.status} ${await imported.text()}`);
}

async function main() {
  const demo = await openBenchDatabase(4);
  const empty = await openBenchDatabase(2);
  const browser = await launchChromium();
  const servers: Array<{ close(): Promise<void> }> = [];
  try {
    const rules = await loadShippedRules();
    const seeded = await seedDemo(demo.db, rules);
    const people = (await seedPeople(demo.db, new Date())).created;
    const app = await createTestApp(demo.db);
    const federalStaff = seeded.keys.find(
      (key) => key.organisation === 'Secretaría de Bienestar' && key.role === 'programme_admin',
    )!;
    await bankStatementOfFederalPool(app, demo.db, federalStaff.key);
    const served = await serveApp(app);
    const firstRun = await serveApp(await createTestApp(empty.db));
    servers.push(served, firstRun);
    const [club] = await demo.sql`SELECT id FROM organisations WHERE name = 'Club Zacatecano de Los Ángeles'`;
    const invitation = await inviteUser(demo.db, { actor: { kind: 'admin' }, now: new Date() }, club!.id, {
      email: 'vocal@club.example',
      name: 'Vocal',
      role: 'applicant',
    });
    // The confirmation pages are reached through a form, not a link: the programme admin visits them too.
    const [water] = await demo.sql`SELECT id FROM applications WHERE title LIKE 'Agua potable%'`;
    const confirmations = ['refund/confirm?amount=1000.00&reason=obra+menor', 'cancel/confirm?reason=desistimiento'];

    rmSync(OUT, { recursive: true, force: true });
    await tourPublicPages(browser, firstRun.baseUrl, ['/'], photograph);
    await tourPublicPages(
      browser,
      served.baseUrl,
      ['/login', `/invitations/${invitation.token}`, '/no-such-page'],
      photograph,
    );
    for (const person of people) {
      const alsoVisit =
        person.role === 'programme_admin'
          ? confirmations.map((step) => `/manage/applications/${water!.id}/${step}`)
          : [];
      await tourAsPerson(browser, served.baseUrl, person, photograph, { alsoVisit });
    }
    console.log(`${taken} screenshots in ${path.relative(process.cwd(), OUT)}/<locale>/<desktop|phone>/`);
  } finally {
    await browser.close();
    for (const server of servers) await server.close();
    await demo.dispose();
    await empty.dispose();
  }
}

main().catch((error: unknown) => {
  console.error('[cofund] screenshots failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
