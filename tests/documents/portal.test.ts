import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Application, Programme } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { PNG_BYTES, samplePdf, uploadDocument } from '../support/documents';
import { invite, signedInBrowser } from '../support/people';
import { expectStatus, openProgramme, organisation } from '../support/workflow';

/*
 * The documents in the portal: the checklist on each application page (required, there, missing),
 * the applicant's upload form (multipart/form-data, CSRF-checked), and approvers opening each
 * document before they decide.
 */

/** The 3x1 rules end in 2018: the app's clock is in 2014. */
const NOW = new Date('2014-03-03T17:00:00Z');

let database: TestDatabase;
let app: App;
let programme: Programme;
let application: Application;
let tomaDeNota: string;
let club: Awaited<ReturnType<typeof signedInBrowser>>;
let secretary: Awaited<ReturnType<typeof signedInBrowser>>;
let approver: Awaited<ReturnType<typeof signedInBrowser>>;
let stranger: Awaited<ReturnType<typeof signedInBrowser>>;
let clubKey: Awaited<ReturnType<typeof organisation>>;
let governmentKey: Awaited<ReturnType<typeof organisation>>;

const documentRows = async () => (await database.sql`SELECT count(*)::int AS n FROM documents`)[0]!.n as number;
const cookieOf = (browser: typeof club) => [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/** The upload form posted as a browser posts it: multipart/form-data, with this browser's cookies and token. */
async function postUpload(browser: typeof club, fields: Record<string, string>, file?: Blob) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set('file', file, 'expediente.pdf');
  const response = await app.request(`http://localhost/applications/${application.id}/documents`, {
    method: 'POST',
    headers: { cookie: cookieOf(browser) },
    body: form,
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: () => NOW });
  const admin = client(app, ADMIN_TOKEN);
  const government = await organisation(app, 'Gobierno de Zacatecas', 'government', ['approver', 'programme_admin']);
  governmentKey = government;
  programme = await openProgramme(
    app,
    {
      code: 'zac-papers',
      name: 'Tres por Uno Zacatecas 2014',
      ruleSet: 'tres-por-uno',
      currency: 'MXN',
      parties: { federal: government.id, state: government.id, municipal: government.id },
      requireDocuments: true,
    },
    [government],
  );
  const clubOrg = await organisation(app, 'Club Zacatecano de Los Angeles', 'association', ['applicant']);
  clubKey = clubOrg;
  // Filed with its Toma de Nota, as the rules require on this programme.
  const form = new FormData();
  form.set(
    'application',
    JSON.stringify({
      title: 'Pavimentación de la calle Hidalgo',
      projectType: 'infrastructure',
      totalCost: '2400000.00',
      currency: 'MXN',
      registration: { validFrom: '2013-06-01', validTo: '2030-12-31' },
    }),
  );
  form.set('toma-de-nota', new Blob([await samplePdf('Toma de Nota')], { type: 'application/pdf' }), 'toma.pdf');
  const filed = await app.request(`/v1/programmes/${programme.id}/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${clubOrg.tokens.applicant}` },
    body: form,
  });
  application = (await filed.json()) as Application;
  expect(filed.status, JSON.stringify(application)).toBe(201);
  const listed = expectStatus(
    await clubOrg.applicant!.get<{ items: { id: string }[] }>(`/v1/applications/${application.id}/documents`),
    200,
  ).body;
  tomaDeNota = listed.items[0]!.id;

  club = await signedInBrowser(
    app,
    await invite(admin, clubOrg.id, { email: 'tesorera@example.org', role: 'applicant', locale: 'es-MX' }),
  );
  secretary = await signedInBrowser(
    app,
    await invite(admin, clubOrg.id, { email: 'secretaire@example.org', role: 'applicant', locale: 'fr-MA' }),
  );
  approver = await signedInBrowser(
    app,
    await invite(admin, government.id, { email: 'covam@example.org', role: 'approver', locale: 'en' }),
  );
  const otherOrg = await organisation(app, 'Club Jalisco', 'association', []);
  stranger = await signedInBrowser(
    app,
    await invite(admin, otherOrg.id, { email: 'otro@example.org', role: 'applicant', locale: 'en' }),
  );
});
afterAll(() => database.close());

describe('the application page', () => {
  it('shows what the rules require, what is there and what is missing, in the reader’s language', async () => {
    const page = await club.get(`/applications/${application.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Documentos que piden las reglas');
    expect(page.html).toContain('Este programa no permite una etapa mientras falten sus documentos.');
    expect(page.html).toMatch(/la Toma de Nota del club[^<]*<\/td><td>3x1-5<\/td><td>entregado/);
    expect(page.html).toMatch(/el expediente técnico de la obra pública[^<]*<\/td><td>3x1-6<\/td><td><strong>falta/);
    expect(page.html).toContain(`href="/v1/documents/${tomaDeNota}"`);
    expect(page.html).toMatch(
      /<form method="post" action="\/applications\/[^"]+\/documents" enctype="multipart\/form-data"/,
    );

    const french = await secretary.get(`/applications/${application.id}`);
    expect(french.html).toContain('Pièces exigées par les règles');
    expect(french.html).toContain('manquante');
  });

  it('uploads a document through the form, with its CSRF token; the checklist then has it', async () => {
    const before = await documentRows();
    const pdf = new Blob([await samplePdf('Expediente técnico')], { type: 'application/pdf' });
    expect((await postUpload(club, { type: 'expediente-tecnico' }, pdf)).status).toBe(403);
    const png = new Blob([PNG_BYTES], { type: 'application/pdf' });
    const mismatch = await postUpload(club, { _csrf: club.csrf, type: 'expediente-tecnico' }, png);
    expect(mismatch.status).toBe(422);
    expect(mismatch.html).toContain('role="alert"');
    expect(await documentRows()).toBe(before);

    const sent = await postUpload(club, { _csrf: club.csrf, type: 'expediente-tecnico', note: 'COVAM' }, pdf);
    expect(sent.status, sent.html).toBe(303);
    expect(sent.location).toBe(`/applications/${application.id}`);
    expect(await documentRows()).toBe(before + 1);
    const page = await club.get(`/applications/${application.id}`);
    expect(page.html).toMatch(/el expediente técnico de la obra pública[^<]*<\/td><td>3x1-6<\/td><td>entregado/);
  });

  it('lets approvers open each document before deciding; others get the same 404', async () => {
    const page = await approver.get(`/queue/applications/${application.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Documents the rules require');
    const links = [...page.html.matchAll(/href="(\/v1\/documents\/[0-9a-f-]+)"/g)].map((match) => match[1]!);
    expect(links).toHaveLength(2);
    for (const link of links) {
      const opened = await app.request(`http://localhost${link}`, { headers: { cookie: cookieOf(approver) } });
      expect(opened.status).toBe(200);
      expect(opened.headers.get('content-type')).toBe('application/pdf');
      expect(opened.headers.get('x-content-sha256')).toMatch(/^[0-9a-f]{64}$/);
      await opened.arrayBuffer();
    }
    const foreign = await app.request(`http://localhost${links[0]}`, { headers: { cookie: cookieOf(stranger) } });
    expect(foreign.status).toBe(404);
    await foreign.arrayBuffer();
  });

  it('asks for a tranche citing an uploaded document, checked in the form', async () => {
    for (const party of ['federal', 'state', 'municipal']) {
      expectStatus(
        await governmentKey.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, {
          party,
          amount: '1000000.00',
        }),
        201,
      );
      expectStatus(
        await governmentKey.approver!.post(`/v1/applications/${application.id}/approvals`, {
          decision: 'approve',
          party,
        }),
        200,
      );
    }
    const bytes = await samplePdf('Convenio de Concertación');
    const agreement = expectStatus(
      await uploadDocument(app, clubKey.tokens.applicant!, application.id, { type: 'convenio-de-concertacion', bytes }),
      201,
    ).body;
    const page = await club.get(`/applications/${application.id}`);
    expect(page.html).toContain(`name="cite.${agreement.id}"`);
    const form = /<form[^>]*action="\/applications\/[^"]+\/tranches"[^>]*>([\s\S]*?)<\/form>/.exec(page.html)![1]!;
    const hidden = Object.fromEntries(
      [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    const milestone = /<option value="([^"]+)" selected/.exec(form)![1]!;
    const asked = await club.post(`/applications/${application.id}/tranches`, {
      ...hidden,
      amount: '1200000.00',
      milestone,
      [`cite.${agreement.id}`]: 'on',
    });
    expect(asked.status, asked.html).toBe(303);
    const tranches = expectStatus(await clubKey.applicant!.get<Application>(`/v1/applications/${application.id}`), 200)
      .body.tranches;
    expect(tranches[0]!.evidence).toEqual([
      {
        documentId: agreement.id,
        type: 'convenio-de-concertacion',
        fileName: agreement.fileName,
        sha256: agreement.sha256,
      },
    ]);
  });
});
