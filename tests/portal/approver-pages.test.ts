import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Application, Programme } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { enrolSecondFactor, invite, signedInBrowser } from '../support/people';
import { expectStatus, expectTrialBalanced, openProgramme, organisation } from '../support/workflow';
import { HIDALGO_APPLICATION } from '../../tools/samples';

type Browser = Awaited<ReturnType<typeof signedInBrowser>>;
type Org = Awaited<ReturnType<typeof organisation>>;

let database: TestDatabase;
let app: App;
let programme: Programme;
let club: Org;
let outsider: Org;
let governments: Record<'federal' | 'state' | 'municipal', Org>;
const approvers = {} as Record<'federal' | 'state' | 'municipal', Browser>;
let clubPerson: Browser;
let stranger: Browser;
const code = 'mx3x1-approvers';

const file = async (title: string) =>
  expectStatus(
    await club.applicant!.post<Application>(`/v1/programmes/${programme.id}/applications`, {
      ...HIDALGO_APPLICATION,
      title,
    }),
    201,
  ).body;

/** The hidden fields of the decision form on a page (its idempotency key and party). */
const formFields = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
      .filter((m) => m[1] !== '_csrf')
      .map((m) => [m[1]!, m[2]!]),
  );

const count = async (table: 'application_approvals' | 'tranche_approvals') =>
  Number((await database.sql`SELECT count(*)::int AS n FROM ${database.sql(table)}`)[0]!.n);

const approveOnPage = async (browser: Browser, path: string, comment = '') => {
  const page = await browser.get(path);
  expect(page.status, page.html).toBe(200);
  const posted = await browser.post(path, { ...formFields(page.html), decision: 'approve', comment });
  expect(posted.status, posted.html).toBe(303);
  return posted;
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  club = await organisation(app, 'Club Zacatecano', 'association', ['applicant']);
  outsider = await organisation(app, 'Oaxaca', 'government', ['approver']);
  governments = {
    federal: await organisation(app, 'SEDESOL', 'government', ['approver', 'programme_admin']),
    state: await organisation(app, 'Zacatecas', 'government', ['approver', 'programme_admin']),
    municipal: await organisation(app, 'Jerez', 'government', ['approver', 'programme_admin']),
  };
  programme = await openProgramme(
    app,
    {
      code,
      name: 'Tres por Uno',
      ruleSet: 'tres-por-uno',
      currency: 'MXN',
      parties: { federal: governments.federal.id, state: governments.state.id, municipal: governments.municipal.id },
    },
    Object.values(governments),
  );
  for (const party of ['federal', 'state', 'municipal'] as const) {
    expectStatus(
      await governments[party].programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, {
        party,
        amount: '5000000.00',
      }),
      201,
    );
  }
  const admin = client(app, ADMIN_TOKEN);
  for (const party of ['federal', 'state', 'municipal'] as const) {
    const person = await invite(admin, governments[party].id, {
      email: `aprobador@${party}.example`,
      role: 'approver',
      locale: ({ federal: 'en', state: 'fr-MA', municipal: 'es-MX' } as const)[party],
    });
    approvers[party] = await signedInBrowser(app, person);
  }
  clubPerson = await signedInBrowser(
    app,
    await invite(admin, club.id, { email: 'tesorero@club.example', role: 'applicant' }),
  );
  stranger = await signedInBrowser(
    app,
    await invite(admin, outsider.id, { email: 'aprobador@oaxaca.example', role: 'approver' }),
  );
  await enrolSecondFactor(stranger, new Date());
});
afterAll(() => database.close());

describe("the approver's pages", () => {
  let first: Application;
  let second: Application;

  it('without a second factor: the queue says how to enrol, no decision form, a post writes nothing', async () => {
    first = await file('Pavimentación de la calle 5');
    second = await file('Techado de la cancha');
    const queue = await approvers.federal.get('/queue');
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('href="/account/second-factor"');
    const page = await approvers.federal.get(`/queue/applications/${first.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('href="/account/second-factor"');
    expect(page.html).not.toContain('name="decision"');
    const posted = await approvers.federal.post(`/queue/applications/${first.id}`, {
      decision: 'approve',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(posted.status).toBe(403);
    expect(posted.html).toContain('enrol an authenticator app before deciding anything');
    expect(await count('application_approvals')).toBe(0);
    for (const party of ['federal', 'state', 'municipal'] as const)
      await enrolSecondFactor(approvers[party], new Date());
  });

  it('queues what waits for the party, oldest first; the plan and trace in the reader’s language', async () => {
    const queue = await approvers.federal.get('/queue');
    const firstAt = queue.html.indexOf(`/queue/applications/${first.id}`);
    const secondAt = queue.html.indexOf(`/queue/applications/${second.id}`);
    expect(firstAt).toBeGreaterThan(-1);
    expect(secondAt).toBeGreaterThan(firstAt);
    expect(queue.html).toContain('2,400,000.00');

    const english = await approvers.federal.get(`/queue/applications/${first.id}`);
    expect(english.html).toContain('federal government (SEDESOL)');
    expect(english.html).toContain('name="decision" value="approve"');
    const spanish = await approvers.municipal.get(`/queue/applications/${first.id}`);
    expect(spanish.html).toContain('<html lang="es-MX">');
    expect(spanish.html).toContain('gobierno municipal');
    expect(spanish.html).toContain('infraestructura social');
    expect(spanish.html).toContain('Cómo decidieron las reglas');
    expect(spanish.html).toContain('$2,400,000.00');
    expect(spanish.html).toContain('<dd>Presentada</dd>');
    const spanishQueue = await approvers.municipal.get('/queue');
    expect(spanishQueue.html).toContain('<td>gobierno municipal</td>');
    // Tres por Uno has no French: its names in its own language (English), and the plan says so.
    const frenchQueue = await approvers.state.get('/queue');
    expect(frenchQueue.html).toContain('<html lang="fr-MA">');
    expect(frenchQueue.html).toContain('<td>state government</td>');
    const french = await approvers.state.get(`/queue/applications/${first.id}`);
    expect(french.html).toContain('<dd>Déposée</dd>');
    expect(french.html).toContain('<dd>social infrastructure</dd>');
    expect(french.html).toContain('Textes des règles en anglais');
    for (const html of [english.html, spanish.html, spanishQueue.html, frenchQueue.html, french.html])
      expect(html).not.toMatch(/<t[dh][^>]*>(federal|state|municipal|club)<\/t[dh]>/);
  });

  it('approves once however often the form is posted, and shows the decision in the history', async () => {
    const path = `/queue/applications/${first.id}`;
    const page = await approvers.federal.get(path);
    const fields = { ...formFields(page.html), decision: 'approve', comment: 'Cumple las reglas' };
    const once = await approvers.federal.post(path, fields);
    const twice = await approvers.federal.post(path, fields);
    expect(once.status).toBe(303);
    expect(twice.location).toBe(once.location);
    expect(await count('application_approvals')).toBe(1);
    const after = await approvers.federal.get(once.location!);
    expect(after.html).toContain('Approved: Pavimentación de la calle 5 (federal government (SEDESOL)).');
    expect(after.html).not.toContain(`/queue/applications/${first.id}"`);
    expect(after.html).toContain(`/queue/applications/${second.id}`);
    const history = await approvers.federal.get('/decisions');
    expect(history.html).toContain('Pavimentación de la calle 5');
    expect(history.html).toContain('Cumple las reglas');
    const own = await approvers.federal.get(path);
    expect(own.html).not.toContain('name="decision"');
  });

  it('a refused decision is shown beside its field and writes nothing', async () => {
    const path = `/queue/applications/${first.id}`;
    const page = await approvers.state.get(path);
    const refused = await approvers.state.post(path, {
      ...formFields(page.html),
      decision: 'approve',
      comment: 'x'.repeat(2001),
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('id="field-comment-error"');
    const noDecision = await approvers.state.post(path, { ...formFields(page.html), decision: 'maybe' });
    expect(noDecision.status).toBe(422);
    expect(noDecision.html).toContain('href="#field-decision"');
    expect(await count('application_approvals')).toBe(1);
  });

  it("another organisation's application or tranche is the not-found page; a post writes nothing", async () => {
    const page = await stranger.get(`/queue/applications/${first.id}`);
    expect(page.status).toBe(404);
    expect(page.html).toContain('it is not yours to see');
    const posted = await stranger.post(`/queue/applications/${first.id}`, {
      ...formFields((await stranger.get('/queue')).html),
      idempotencyKey: crypto.randomUUID(),
      decision: 'approve',
    });
    expect(posted.status).toBe(404);
    expect((await stranger.get('/queue')).html).not.toContain(first.id);
    expect((await stranger.get(`/queue/tranches/${crypto.randomUUID()}`)).status).toBe(404);
    expect(await count('application_approvals')).toBe(1);
  });

  it('a POST without the CSRF token is refused and writes nothing', async () => {
    const path = `/queue/applications/${first.id}`;
    const page = await approvers.state.get(path);
    const refused = await approvers.state.post(
      path,
      { ...formFields(page.html), decision: 'approve' },
      { withoutCsrf: true },
    );
    expect(refused.status).toBe(403);
    expect(await count('application_approvals')).toBe(1);
  });

  it('the applicant never decides: its people get the not-allowed page, and a post is refused', async () => {
    expect((await clubPerson.get('/queue')).status).toBe(403);
    expect((await clubPerson.get(`/queue/applications/${first.id}`)).status).toBe(403);
    const posted = await clubPerson.post(`/queue/applications/${first.id}`, {
      decision: 'approve',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(posted.status).toBe(403);
    expect(await count('application_approvals')).toBe(1);
  });

  it('the last approval reserves the shares; a tranche waits for the parties it names, posts once', async () => {
    await approveOnPage(approvers.state, `/queue/applications/${first.id}`);
    await approveOnPage(approvers.municipal, `/queue/applications/${first.id}`, 'Aprobado en cabildo');
    const [row] = await database.sql`SELECT status FROM applications WHERE id = ${first.id}`;
    expect(row!.status).toBe('approved');

    expectStatus(
      await club.applicant!.post(`/v1/applications/${first.id}/contributions`, { party: 'club', amount: '600000.00' }),
      201,
    );
    const tranche = expectStatus(
      await club.applicant!.post<{ id: string }>(`/v1/applications/${first.id}/tranches`, {
        amount: '1200000.00',
        milestone: 'on signing the Convenio de Concertación (first ministración)',
        evidence: [{ name: 'convenio.pdf' }],
      }),
      201,
    ).body;
    const path = `/queue/tranches/${tranche.id}`;
    for (const party of ['federal', 'state', 'municipal'] as const)
      expect((await approvers[party].get('/queue')).html, party).toContain(path);
    // The applicant typed one of the plan's milestones: each reader gets the rule file's wording of it.
    expect((await approvers.municipal.get('/queue')).html).toContain(
      'a la firma del Convenio de Concertación (primera ministración)',
    );
    expect((await approvers.municipal.get(path)).html).toContain(
      '<dd>a la firma del Convenio de Concertación (primera ministración)</dd>',
    );
    const page = await approvers.federal.get(path);
    expect(page.html).toContain('convenio.pdf');
    expect(page.html).toContain('1,200,000.00');
    await approveOnPage(approvers.federal, path);
    await approveOnPage(approvers.state, path);
    const last = await approvers.municipal.get(path);
    const fields = { ...formFields(last.html), decision: 'approve' };
    const posted = await approvers.municipal.post(path, fields);
    expect((await approvers.municipal.post(path, fields)).location).toBe(posted.location);
    const [done] = await database.sql`SELECT status FROM tranches WHERE id = ${tranche.id}`;
    expect(done!.status).toBe('posted');
    expect(await count('tranche_approvals')).toBe(3);
    const history = (await approvers.municipal.get('/decisions')).html;
    expect(history).toContain('Ministración');
    expect(history).toContain('<td>gobierno municipal</td>');
    expect((await approvers.state.get('/decisions')).html).toContain('<td>state government</td>');
    await expectTrialBalanced(database.db);
  });

  it('is for approvers: an auditor or a programme admin gets the not-allowed page', async () => {
    const admin = await signedInBrowser(
      app,
      await invite(client(app, ADMIN_TOKEN), governments.state.id, {
        email: 'programas@zacatecas.example',
        role: 'programme_admin',
      }),
    );
    for (const path of ['/queue', '/decisions', `/queue/applications/${first.id}`])
      expect((await admin.get(path)).status, path).toBe(403);
  });
});
