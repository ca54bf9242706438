import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { dispatchMail } from '../../src/mail';
import { smtpTransport } from '../../src/mail/smtp';
import { createTestApp } from '../support/app';
import type { browserClient } from '../support/browser-client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { type InvitedUser, invite, signedInBrowser } from '../support/people';
import { startSmtpServer } from '../support/smtp';
import { testClock } from '../support/workflow';
import { type World, file, infrastructure, threeByOneProgramme } from '../workflow/fixtures';

/**
 * The mail a person receives, chosen on /account: four check boxes, on until turned off, saved
 * with the form's CSRF token, shown back, and obeyed by the dispatcher.
 */
let database: TestDatabase;
let app: App;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let world: World;
let approver: InvitedUser;
let browser: ReturnType<typeof browserClient>;
const clock = testClock('2014-03-03T16:00:00Z');

const KINDS = ['decisionsWaiting', 'applicationDecisions', 'tranchesPaid', 'deadlines'] as const;
/** Which boxes the page shows ticked. */
const ticked = (html: string) =>
  KINDS.filter((kind) => new RegExp(`<input type="checkbox" name="mail\\.${kind}" value="on" checked`).test(html));
const dispatch = () =>
  dispatchMail(database.db, {
    transport: smtpTransport(smtp.url, 'fondo@example.org'),
    publicUrl: 'http://localhost:8787',
    now: clock.now,
  });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: clock.now });
  smtp = await startSmtpServer();
  world = await threeByOneProgramme(app, 'account-mail');
  approver = await invite(world.admin, world.federal.id, {
    email: 'aprobadora@federal.gob.mx',
    role: 'approver',
    locale: 'es-MX',
  });
  browser = await signedInBrowser(app, approver);
});
afterAll(async () => {
  await smtp.stop();
  await database.close();
});

describe('/account: which mail I receive', () => {
  it('shows the four kinds, each on, as labelled check boxes in a fieldset', async () => {
    const page = await browser.get('/account');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<legend>Correo</legend>');
    expect(page.html).toContain('Lo que espera mi decisión');
    expect(page.html).toContain('Los plazos que se acercan');
    expect(ticked(page.html)).toEqual([...KINDS]);
    expect(page.html.match(/<label class="check"><input type="checkbox" name="mail\./g)).toHaveLength(4);
  });

  it('a post without the CSRF token is refused and changes nothing', async () => {
    const refused = await browser.post('/account', { locale: 'es-MX', mail: 'chosen' }, { withoutCsrf: true });
    expect(refused.status).toBe(403);
    const [row] = await database.sql`SELECT mail_decisions_waiting FROM users WHERE id = ${approver.id}`;
    expect(row!.mail_decisions_waiting).toBe(true);
  });

  it('saves the choice, shows it back, and the dispatcher respects it', async () => {
    await browser.get('/account');
    const saved = await browser.post('/account', {
      locale: 'es-MX',
      mail: 'chosen',
      'mail.applicationDecisions': 'on',
      'mail.deadlines': 'on',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/account?done=saved');
    const page = await browser.get('/account');
    expect(ticked(page.html)).toEqual(['applicationDecisions', 'deadlines']);
    const [row] = await database.sql`
      SELECT mail_decisions_waiting, mail_application_decisions, mail_tranches_paid, mail_deadlines
      FROM users WHERE id = ${approver.id}`;
    expect(row).toEqual({
      mail_decisions_waiting: false,
      mail_application_decisions: true,
      mail_tranches_paid: false,
      mail_deadlines: true,
    });

    await file(world, world.club, infrastructure('2400000.00', 'Pavimentación'));
    await dispatch();
    expect(smtp.to(approver.email)).toEqual([]);

    // Turned back on: the next application filed is mailed.
    await browser.post('/account', {
      locale: 'es-MX',
      mail: 'chosen',
      ...Object.fromEntries(KINDS.map((kind) => [`mail.${kind}`, 'on'])),
    });
    await file(world, world.club, infrastructure('2400000.00', 'Agua potable'));
    await dispatch();
    expect(smtp.to(approver.email).map((mail) => mail.subject)).toEqual(['Espera su decisión: Agua potable']);
  });

  it('a form without the mail fieldset (the language alone) leaves the choice as it was', async () => {
    await browser.get('/account');
    expect((await browser.post('/account', { locale: 'fr-MA' })).status).toBe(303);
    expect(ticked((await browser.get('/account')).html)).toEqual([...KINDS]);
  });
});
