import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Application, Programme } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { enrolSecondFactor, invite, signedInBrowser } from '../support/people';
import { balanceOf, expectStatus, expectTrialBalanced, openProgramme, organisation } from '../support/workflow';
import { HIDALGO_APPLICATION } from '../../tools/samples';

let database: TestDatabase;
let app: App;
let programme: Programme;
let staff: Awaited<ReturnType<typeof signedInBrowser>>;
let club: Awaited<ReturnType<typeof organisation>>;
type Org = Awaited<ReturnType<typeof organisation>>;
let governments: Org[];
const code = 'mx3x1-staff';
const pool = (party: string) => `programme:${code}:${party}:pool`;

const file = async (title: string) =>
  expectStatus(
    await club.applicant!.post<Application>(`/v1/programmes/${programme.id}/applications`, {
      ...HIDALGO_APPLICATION,
      title,
    }),
    201,
  ).body;

const approve = async (id: string) => {
  for (const government of governments)
    expectStatus(await government.approver!.post(`/v1/applications/${id}/approvals`, { decision: 'approve' }), 200);
};

/** The hidden fields of the first money form on a page. */
const formFields = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
      .filter((m) => m[1] !== '_csrf')
      .map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]),
  );

const countEntries = async (kind: string) =>
  Number((await database.sql`SELECT count(*)::int AS n FROM journal_entries WHERE kind = ${kind}`)[0]!.n);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  club = await organisation(app, 'Club Zacatecano', 'association', ['applicant']);
  governments = [
    await organisation(app, 'SEDESOL', 'government', ['approver', 'programme_admin']),
    await organisation(app, 'Zacatecas', 'government', ['approver', 'programme_admin']),
    await organisation(app, 'Jerez', 'government', ['approver', 'programme_admin']),
  ];
  const [federal, state, municipal] = governments as [
    (typeof governments)[0],
    (typeof governments)[0],
    (typeof governments)[0],
  ];
  programme = await openProgramme(
    app,
    {
      code,
      name: 'Tres por Uno',
      ruleSet: 'tres-por-uno',
      currency: 'MXN',
      parties: { federal: federal.id, state: state.id, municipal: municipal.id },
    },
    governments,
  );
  for (const [party, org] of [
    ['federal', federal],
    ['municipal', municipal],
  ] as const) {
    expectStatus(
      await org.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, { party, amount: '5000000.00' }),
      201,
    );
  }
  const person = await invite(client(app, ADMIN_TOKEN), state.id, {
    email: 'programas@zacatecas.example',
    role: 'programme_admin',
    locale: 'en',
  });
  staff = await signedInBrowser(app, person);
});
afterAll(() => database.close());

describe("the programme admin's pages", () => {
  it('without a second factor, no money form is shown and a post is refused', async () => {
    const form = await staff.get(`/manage/programmes/${programme.id}/budget`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('href="/account/second-factor"');
    expect(form.html).not.toContain('name="idempotencyKey"');
    const posted = await staff.post(`/manage/programmes/${programme.id}/budget`, {
      party: 'state',
      amount: '1.00',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(posted.status).toBe(403);
    expect(await countEntries('budget')).toBe(2);
    await enrolSecondFactor(staff, new Date());
  });

  it("funds the party's own budget once per form, however often the form is posted", async () => {
    const form = await staff.get(`/manage/programmes/${programme.id}/budget`);
    expect(form.html).toContain('<option value="state"');
    expect(form.html).not.toContain('<option value="federal"');
    const fields: Record<string, string> = { ...formFields(form.html), party: 'state', amount: '3000000.00' };
    expect(fields.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const before = await countEntries('budget');
    const first = await staff.post(`/manage/programmes/${programme.id}/budget`, fields);
    const second = await staff.post(`/manage/programmes/${programme.id}/budget`, fields);
    expect(first.status).toBe(303);
    expect(second.location).toBe(first.location);
    expect(await countEntries('budget')).toBe(before + 1);
    expect(await balanceOf(database.db, pool('state'))).toEqual({ balance: '3000000.00', held: '0.00' });
    const overview = await staff.get(first.location!);
    expect(overview.html).toContain('3,000,000.00 added to the state government pool.');
    expect(overview.html).toMatch(/<th scope="row">state government<\/th><td class="num">3,000,000.00<\/td>/);
    // The notice is read back from what was remembered for this organisation's key, never from the URL.
    const forged = await staff.get(`/manage/programmes?done=${crypto.randomUUID()}`);
    expect(forged.html).not.toContain('added to the state government pool');
  });

  it('a refused amount is shown beside its field and writes nothing', async () => {
    const form = await staff.get(`/manage/programmes/${programme.id}/budget`);
    const before = await countEntries('budget');
    for (const amount of ['1.005', '-5.00', 'mucho']) {
      const refused = await staff.post(`/manage/programmes/${programme.id}/budget`, {
        ...formFields(form.html),
        party: 'state',
        amount,
      });
      expect(refused.status, amount).toBe(422);
      expect(refused.html).toContain('id="field-amount-error"');
      expect(refused.html).toContain('aria-describedby="field-amount-hint field-amount-error"');
    }
    const foreign = await staff.post(`/manage/programmes/${programme.id}/budget`, {
      ...formFields(form.html),
      party: 'federal',
      amount: '1.00',
    });
    expect(foreign.status).toBe(403);
    expect(await countEntries('budget')).toBe(before);
  });

  it('lists applications by status, with the steps each allows', async () => {
    const filed = await file('Escuela');
    const all = await staff.get('/manage/applications');
    expect(all.html).toContain('Escuela');
    expect(all.html).toContain(`/manage/applications/${filed.id}/cancel`);
    expect(all.html).not.toContain(`/manage/applications/${filed.id}/close`);
    expect((await staff.get('/manage/applications?status=closed')).html).not.toContain('Escuela');
    expect((await staff.get('/manage/applications?status=filed')).html).toContain('Escuela');
  });

  it('a refund shows what it will move; nothing moves until confirmed, then exactly that, once', async () => {
    const application = await file('Pavimentación');
    await approve(application.id);
    expectStatus(
      await club.applicant!.post(`/v1/applications/${application.id}/contributions`, {
        party: 'club',
        amount: '600000.00',
      }),
      201,
    );
    const share = `application:${application.id}:club:share`;
    const form = await staff.get(`/manage/applications/${application.id}/refund`);
    expect(form.status).toBe(200);
    const reason = encodeURIComponent('obra menor');
    const confirm = await staff.get(
      `/manage/applications/${application.id}/refund/confirm?amount=250000.00&reason=${reason}`,
    );
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain(
      `migrant club (club de migrantes): share in this project<code class="hint account-code">${share}</code>`,
    );
    expect(confirm.html).toContain('250,000.00');
    expect(await balanceOf(database.db, share)).toMatchObject({ balance: '600000.00' });
    expect(await countEntries('refund')).toBe(0);

    const fields = formFields(confirm.html);
    expect(fields).toMatchObject({ amount: '250000.00', reason: 'obra menor' });
    const done = await staff.post(`/manage/applications/${application.id}/refund`, fields);
    expect(done.status).toBe(303);
    const again = await staff.post(`/manage/applications/${application.id}/refund`, fields);
    expect(again.location).toBe(done.location);
    expect(await countEntries('refund')).toBe(1);
    expect(await balanceOf(database.db, share)).toMatchObject({ balance: '350000.00' });
    expect((await staff.get(done.location!)).html).toContain('Refund done: Pavimentación.');
    await expectTrialBalanced(database.db);
  });

  it('a step the service refuses is explained on its form, and nothing moves', async () => {
    const rows = await database.sql`SELECT id FROM applications WHERE title = 'Pavimentación'`;
    const id = rows[0]!.id as string;
    const tooMuch = await staff.get(`/manage/applications/${id}/refund/confirm?amount=999999.00&reason=x`);
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.html).toMatch(
      /id="field-amount-error"[^>]*>at most 350,000.00|id="field-amount-error"[^>]*>at most 350000.00/,
    );
    const close = await staff.get(`/manage/applications/${id}/close/confirm`);
    expect(close.status).toBe(422);
    expect(close.html).toContain('the project still holds money');
    const noReason = await staff.get(`/manage/applications/${id}/cancel/confirm`);
    expect(noReason.status).toBe(422);
    expect(noReason.html).toContain('id="field-reason-error"');
    expect(await countEntries('refund')).toBe(1);
  });

  it('cancelling an approved project shows the reservations released and the money returned', async () => {
    const rows = await database.sql`SELECT id FROM applications WHERE title = 'Pavimentación'`;
    const id = rows[0]!.id as string;
    const held = await balanceOf(database.db, pool('federal'));
    const confirm = await staff.get(`/manage/applications/${id}/cancel/confirm?reason=desistimiento`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain(
      `federal government (SEDESOL): pool<code class="hint account-code">${pool('federal')}</code>`,
    );
    expect(confirm.html).toContain('Reservations released back to their pools');
    expect(confirm.html).toContain('350,000.00');
    expect(await balanceOf(database.db, pool('federal'))).toEqual(held);
    const done = await staff.post(`/manage/applications/${id}/cancel`, formFields(confirm.html));
    expect(done.status).toBe(303);
    expect((await balanceOf(database.db, pool('federal'))).held).toBe('0.00');
    const [row] = await database.sql`SELECT status FROM applications WHERE id = ${id}`;
    expect(row!.status).toBe('cancelled');
  });

  it("names the pools' parties as the rule files do in the reader's language, or in the files' own", async () => {
    const [, state] = governments as [Org, Org];
    const bank = await organisation(app, 'Banque Populaire', 'bank', ['programme_admin']);
    const mdm = await openProgramme(
      app,
      {
        code: 'mdm-staff',
        name: 'MDM Invest',
        ruleSet: 'mdm-invest',
        currency: 'MAD',
        parties: { grant: state.id, bank: bank.id },
      },
      [state, bank],
    );
    const inLocale = async (locale: string) => {
      expect((await staff.post('/account', { locale })).status).toBe(303);
      return {
        overview: (await staff.get('/manage/programmes')).html,
        form: (await staff.get(`/manage/programmes/${programme.id}/budget`)).html,
        mdmForm: (await staff.get(`/manage/programmes/${mdm.id}/budget`)).html,
      };
    };
    const spanish = await inLocale('es-MX');
    expect(spanish.overview).toContain('<html lang="es-MX">');
    expect(spanish.overview).toContain('<th scope="row">gobierno estatal</th>');
    expect(spanish.form).toMatch(/<option value="state"[^>]*>gobierno estatal<\/option>/);
    // The MDM files have no Spanish: their own language (English) is shown.
    expect(spanish.mdmForm).toMatch(/<option value="grant"[^>]*>state grant \(Caisse Centrale de Garantie\)<\/option>/);
    const french = await inLocale('fr-MA');
    expect(french.overview).toContain('<html lang="fr-MA">');
    expect(french.overview).toMatch(
      /<th scope="row">subvention de l(&#39;|')État \(Caisse Centrale de Garantie\)<\/th>/,
    );
    expect(french.overview).toContain('<th scope="row">state government</th>');
    expect(french.mdmForm).toMatch(/<option value="grant"[^>]*>subvention de l(&#39;|')État/);
    expect(french.overview).not.toMatch(/<th scope="row">(state|grant|federal|municipal)<\/th>/);
    await staff.post('/account', { locale: 'en' });
  });

  it('is for programme admins: an applicant gets the not-allowed page', async () => {
    const person = await invite(client(app, ADMIN_TOKEN), club.id, { email: 'tes@club.example', role: 'applicant' });
    const applicant = await signedInBrowser(app, person);
    for (const path of ['/manage/programmes', '/manage/applications', `/manage/programmes/${programme.id}/budget`]) {
      expect((await applicant.get(path)).status, path).toBe(403);
    }
  });
});
