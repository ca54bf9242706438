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
import { inviteUser } from '../src/people/service';
import { seedDemo } from '../src/seed/demo';
import { seedPeople } from '../src/seed/people';
import { createTestApp, loadShippedRules } from '../tests/support/app';
import { launchChromium, serveApp } from '../tests/support/browser';
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

async function main() {
  const demo = await openBenchDatabase(4);
  const empty = await openBenchDatabase(2);
  const browser = await launchChromium();
  const servers: Array<{ close(): Promise<void> }> = [];
  try {
    const rules = await loadShippedRules();
    await seedDemo(demo.db, rules);
    const people = (await seedPeople(demo.db, new Date())).created;
    const served = await serveApp(await createTestApp(demo.db));
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
