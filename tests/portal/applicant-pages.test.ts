import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Programme } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import type { browserClient } from '../support/browser-client';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { invite, signedInBrowser } from '../support/people';
import { expectStatus, openProgramme, organisation } from '../support/workflow';

/** The 3x1 rules end in 2018: the portal files "now", so the app's clock is in 2014. */
const NOW = new Date('2014-03-03T17:00:00Z');
const code = 'mx3x1-club';

let database: TestDatabase;
let app: App;
let programme: Programme;
let club: Awaited<ReturnType<typeof signedInBrowser>>;
let otherClub: Awaited<ReturnType<typeof signedInBrowser>>;
let colleague: Awaited<ReturnType<typeof signedInBrowser>>;
let auditor: Awaited<ReturnType<typeof signedInBrowser>>;
type Org = Awaited<ReturnType<typeof organisation>>;
let governments: Org[];

const FILING = {
  title: 'Pavimentación de la calle Hidalgo',
  projectType: 'infrastructure',
  totalCost: '2400000.00',
  'registration.validFrom': '2013-06-01',
  'registration.validTo': '2030-12-31',
};

const counts = async () =>
  (
    await database.sql`SELECT (SELECT count(*) FROM applications)::int AS applications,
      (SELECT count(*) FROM contributions)::int AS contributions, (SELECT count(*) FROM tranches)::int AS tranches,
      (SELECT count(*) FROM journal_entries)::int AS entries`
  )[0]!;

/** The form of a page as a browser would post it: its hidden fields (CSRF token, idempotency key). */
function hiddenFields(html: string, action: string): Record<string, string> {
  const form = new RegExp(`<form[^>]*action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  expect(form, `no form posting to ${action}`).not.toBeNull();
  const fields: Record<string, string> = {};
  for (const input of form![1]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields[input[1]!] = input[2]!;
  return fields;
}

async function post(
  browser: ReturnType<typeof browserClient>,
  page: string,
  action: string,
  fields: Record<string, string>,
) {
  const html = (await browser.get(page)).html;
  return browser.post(action, { ...hiddenFields(html, action), ...fields });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: () => NOW });
  const admin = client(app, ADMIN_TOKEN);
  governments = [
    await organisation(app, 'SEDESOL', 'government', ['approver', 'programme_admin']),
    await organisation(app, 'Gobierno de Zacatecas', 'government', ['approver', 'programme_admin']),
    await organisation(app, 'Municipio de Jerez', 'government', ['approver', 'programme_admin']),
  ];
  const [federal, state, municipal] = governments as [Org, Org, Org];
  programme = await openProgramme(
    app,
    {
      code,
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
  club = await signedInBrowser(
    app,
    await invite(admin, clubOrg.id, { email: 'tesorera@example.org', role: 'applicant', locale: 'es-MX' }),
  );
  colleague = await signedInBrowser(
    app,
    await invite(admin, clubOrg.id, { email: 'secretaire@example.org', role: 'applicant', locale: 'fr-MA' }),
  );
  const otherOrg = await organisation(app, 'Club Jalisco', 'association', []);
  otherClub = await signedInBrowser(
    app,
    await invite(admin, otherOrg.id, { email: 'otro@example.org', role: 'applicant', locale: 'en' }),
  );
  const office = await organisation(app, 'Auditoría Superior', 'auditor', []);
  auditor = await signedInBrowser(
    app,
    await invite(admin, office.id, { email: 'auditora@example.org', role: 'auditor' }),
  );
});
afterAll(() => database.close());

let applicationId: string;

describe("the applicant's pages", () => {
  it('lists the programmes open to the club, with the rules in force', async () => {
    const page = await club.get('/programmes');
    expect(page.status).toBe(200);
    expect(page.html).toContain('lang="es-MX"');
    expect(page.html).toContain('Tres por Uno Zacatecas 2014');
    expect(page.html).toContain('versión 2013 vigente');
    expect(page.html).toContain(`href="/programmes/${programme.id}/apply"`);
  });

  it('draws the form from the rules: every declared field has a visible label', async () => {
    const page = await club.get(`/programmes/${programme.id}/apply`);
    expect(page.status).toBe(200);
    for (const field of ['title', 'projectType', 'totalCost', 'registration.validFrom', 'registration.validTo']) {
      expect(page.html).toMatch(new RegExp(`<label for="field-${field.replace('.', '\\.')}"`));
      expect(page.html).toContain(`id="field-${field}"`);
    }
    expect(page.html).toContain('Toma de Nota');
    expect(page.html).toContain('<option value="infrastructure">');
    expect(page.html).toContain('data-live-plan=');
  });

  it('the what-if calculator shows the plan by GET, and as a fragment for the script; nothing is filed', async () => {
    const before = await counts();
    const query = new URLSearchParams(FILING).toString();
    const page = await club.get(`/programmes/${programme.id}/apply?${query}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('600,000.00');
    expect(page.html).toContain('3x1-1');
    expect(page.html).toContain('Ministraciones');
    expect(page.html).toContain(`value="${FILING.title}"`);
    const fragment = await club.get(`/programmes/${programme.id}/plan?${query}`);
    expect(fragment.status).toBe(200);
    expect(fragment.html).toMatch(/^<section id="plan"/);
    expect(fragment.html).toContain('600,000.00');
    // Over the federal cap (3x1-2): the federal share stops at 1,000,000.00.
    const capped = await club.get(
      `/programmes/${programme.id}/plan?${new URLSearchParams({ ...FILING, totalCost: '6000000.00' })}`,
    );
    expect(capped.html).toContain('1,000,000.00');
    expect(capped.html).toContain('con tope');
    expect(await counts()).toEqual(before);
  });

  it('"Show the plan" without a script keeps the tokens out of the address', async () => {
    const page = await club.get(`/programmes/${programme.id}/apply?_csrf=x&idempotencyKey=y&totalCost=1.00`);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/programmes/${programme.id}/apply?totalCost=1.00`);
  });

  it('a failed eligibility rule is shown in Spanish beside its field, and nothing is filed', async () => {
    const before = await counts();
    const refused = await post(club, `/programmes/${programme.id}/apply`, `/programmes/${programme.id}/applications`, {
      ...FILING,
      'registration.validTo': '2013-12-31',
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(/<fieldset id="field-registration" class="field invalid">/);
    expect(refused.html).toMatch(/id="field-registration-error">3x1-5: [^<]*Toma de Nota/);
    expect(refused.html).toContain('Con estas reglas la solicitud no es elegible');
    const missing = await post(club, `/programmes/${programme.id}/apply`, `/programmes/${programme.id}/applications`, {
      title: 'Sin costo',
    });
    expect(missing.status).toBe(422);
    expect(missing.html).toMatch(/id="field-totalCost-error"/);
    expect(missing.html).toContain('aria-describedby="field-totalCost-hint field-totalCost-error"');
    expect(await counts()).toEqual(before);
  });

  it('files the application once, however often the form is sent', async () => {
    const page = (await club.get(`/programmes/${programme.id}/apply`)).html;
    const hidden = hiddenFields(page, `/programmes/${programme.id}/applications`);
    const first = await club.post(`/programmes/${programme.id}/applications`, { ...hidden, ...FILING });
    expect(first.status, first.html).toBe(303);
    const again = await club.post(`/programmes/${programme.id}/applications`, { ...hidden, ...FILING });
    expect(again.location).toBe(first.location);
    applicationId = /\/applications\/([0-9a-f-]{36})\?done=[0-9a-f-]{36}$/.exec(first.location!)![1]!;
    const rows = await database.sql`SELECT count(*)::int AS n FROM applications WHERE title = ${FILING.title}`;
    expect(rows[0]!.n).toBe(1);
    const shown = await club.get(first.location!);
    expect(shown.html).toContain('La solicitud quedó presentada.');
    expect(shown.html).toContain('Presentada, en espera de decisiones');
    expect(shown.html).toContain('Cronología');
  });

  it('lists its applications', async () => {
    const page = await club.get('/applications');
    expect(page.html).toContain(`href="/applications/${applicationId}"`);
    expect(page.html).toContain('$2,400,000.00');
  });

  it('records a USD contribution at an FX rate; a double submit records it once', async () => {
    const [federal, state, municipal] = governments as [Org, Org, Org];
    for (const org of [federal, state, municipal]) {
      expectStatus(
        await org.approver!.post(`/v1/applications/${applicationId}/approvals`, { decision: 'approve' }),
        200,
      );
    }
    const path = `/applications/${applicationId}`;
    const page = await club.get(path);
    expect(page.html).toContain('Aprobada');
    expect(page.html).toContain('Recursos reservados para el proyecto');
    const hidden = hiddenFields(page.html, `${path}/contributions`);
    const fields = { ...hidden, party: 'club', amount: '40000.00', currency: 'USD', fxRate: '12.9500' };
    const before = await counts();
    const first = await club.post(`${path}/contributions`, fields);
    expect(first.status, first.html).toBe(303);
    const second = await club.post(`${path}/contributions`, fields);
    expect(second.location).toBe(first.location);
    expect((await counts()).contributions).toBe(before.contributions + 1);
    const shown = await club.get(first.location!);
    expect(shown.html).toContain('La aportación quedó registrada.');
    expect(shown.html).toContain('USD');
    expect(shown.html).toContain('12.9500');
    expect(shown.html).toContain('518,000.00');
  });

  it("a refused contribution shows the API's problem beside its field and writes nothing", async () => {
    const path = `/applications/${applicationId}`;
    const before = await counts();
    const noRate = await post(club, path, `${path}/contributions`, {
      party: 'club',
      amount: '100.00',
      currency: 'USD',
    });
    expect(noRate.status).toBe(422);
    expect(noRate.html).toMatch(/id="field-fxRate-error">required for money paid in USD/);
    const tooMuch = await post(club, path, `${path}/contributions`, {
      party: 'club',
      amount: '900000.00',
      currency: 'MXN',
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.html).toMatch(/id="field-amount-error">at most 82000.00 MXN</);
    expect(await counts()).toEqual(before);
  });

  it('asks for a tranche with its milestone and evidence', async () => {
    const path = `/applications/${applicationId}`;
    const page = await club.get(path);
    expect(page.html).toContain('Pedir una ministración');
    const none = await post(club, path, `${path}/tranches`, { amount: '1200000.00', evidence: '' });
    expect(none.status).toBe(422);
    expect(none.html).toMatch(/id="field-evidence-error"/);
    const milestone = /<select id="field-milestone" name="milestone"[^>]*><option value="([^"]+)"/.exec(page.html)![1]!;
    const asked = await post(club, path, `${path}/tranches`, {
      amount: '1200000.00',
      milestone,
      evidence: 'convenio-concertacion.pdf\nhttps://example.org/acta.pdf',
    });
    expect(asked.status, asked.html).toBe(303);
    const shown = await club.get(asked.location!);
    expect(shown.html).toContain('La ministración quedó pedida');
    expect(shown.html).toContain('en espera de aprobaciones');
    expect(shown.html).toContain('convenio-concertacion.pdf');
    // The tranche names the plan's milestone as the rules wrote it; the page shows it in Spanish.
    expect(milestone).toContain('on signing the Convenio de Concertación');
    expect(shown.html).toContain('<td>a la firma del Convenio de Concertación (primera ministración)</td>');
    expect(shown.html).not.toContain('Pedir una ministración');
  });

  it('downloads the decision letter and the statement', async () => {
    const page = await club.get(`/applications/${applicationId}`);
    const letter = `/v1/applications/${applicationId}/decision-letter.pdf?locale=es-MX`;
    const statement = `/v1/statements/applications/${applicationId}.pdf?locale=es-MX`;
    expect(page.html).toContain(`href="${letter}"`);
    expect(page.html).toContain(`href="${statement}"`);
    for (const href of [letter, statement]) {
      const reply = await club.get(href);
      expect(reply.status, href).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/pdf');
    }
  });

  it("another club's user opening the application's address gets the 404 page", async () => {
    for (const path of [`/applications/${applicationId}`, `/programmes/00000000-0000-4000-8000-000000000000/apply`]) {
      const page = await otherClub.get(path);
      expect(page.status, path).toBe(404);
      expect(page.html).toContain('Not found');
      expect(page.html).not.toContain(FILING.title);
    }
    const before = await counts();
    const page = await otherClub.get('/programmes');
    const posted = await otherClub.post(`/applications/${applicationId}/contributions`, {
      ...hiddenFields(page.html, '/logout'),
      idempotencyKey: crypto.randomUUID(),
      party: 'club',
      amount: '100.00',
    });
    expect(posted.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('a POST without the CSRF token is refused and writes nothing', async () => {
    const path = `/applications/${applicationId}`;
    const page = await club.get(path);
    const { idempotencyKey } = hiddenFields(page.html, `${path}/contributions`);
    const before = await counts();
    const refused = await club.post(
      `${path}/contributions`,
      { idempotencyKey: idempotencyKey!, party: 'club', amount: '100.00', currency: 'MXN' },
      { withoutCsrf: true },
    );
    expect(refused.status).toBe(403);
    const filing = await club.post(`/programmes/${programme.id}/applications`, FILING, { withoutCsrf: true });
    expect(filing.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('reads in French and English too, money and dates per locale', async () => {
    const es = await club.get(`/applications/${applicationId}`, { 'accept-language': 'fr-MA' });
    // The person's setting (es-MX) wins over the browser's language.
    expect(es.html).toContain('lang="es-MX"');
    const fr = await colleague.get(`/applications/${applicationId}`);
    expect(fr.status).toBe(200);
    expect(fr.html).toContain('lang="fr-MA"');
    expect(fr.html).toContain('Chronologie');
    expect(fr.html).toContain('2.400.000,00');
    const apply = await colleague.get(`/programmes/${programme.id}/apply`);
    expect(apply.html).toContain('Déposer la demande');
    const page = await otherClub.get('/programmes');
    expect(page.html).toContain('lang="en"');
    expect(page.html).toContain('Programmes open to you');
  });

  it("refuses the applicant's pages to another role (an auditor), and its posts write nothing", async () => {
    const before = await counts();
    for (const path of [
      '/programmes',
      `/programmes/${programme.id}/apply`,
      '/applications',
      `/applications/${applicationId}`,
    ]) {
      const page = await auditor.get(path);
      expect(page.status, path).toBe(403);
      expect(page.html).not.toContain(FILING.title);
    }
    const posted = await auditor.post(`/applications/${applicationId}/contributions`, {
      idempotencyKey: crypto.randomUUID(),
      party: 'club',
      amount: '100.00',
    });
    expect(posted.status).toBe(403);
    const filed = await auditor.post(`/programmes/${programme.id}/applications`, {
      idempotencyKey: crypto.randomUUID(),
      ...FILING,
    });
    expect(filed.status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
