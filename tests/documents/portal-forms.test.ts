import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Application, Programme } from '../support/api';
import { ADMIN_TOKEN, createTestApp, testDocumentsRoot } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { fundedProgrammeWithPapers, samplePdf, uploadDocument } from '../support/documents';
import { enrolSecondFactor, invite, signedInBrowser } from '../support/people';
import { expectStatus, organisation } from '../support/workflow';

/*
 * The portal's forms with files (docs/web.md, "Forms with files"): filing with the Toma de Nota,
 * closing with the handover certificate, an upload larger than the 1 MB body limit, all posted as a
 * browser posts them (multipart/form-data, the CSRF token and the fields before the files), and a
 * post with a wrong token refused before a byte of its file is stored.
 */

/** The 3x1 rules end in 2018: the app's clock is in 2014. */
const NOW = new Date('2014-03-03T17:00:00Z');

let database: TestDatabase;
let app: App;
let programme: Programme;
type Browser = Awaited<ReturnType<typeof signedInBrowser>>;
let club: Browser;
let staff: Browser;
let clubKey: Awaited<ReturnType<typeof organisation>>;
let government: Awaited<ReturnType<typeof organisation>>;

const count = async (table: 'documents' | 'applications') =>
  (await database.sql`SELECT count(*)::int AS n FROM ${database.sql(table)}`)[0]!.n as number;
/** Every file under the store's folder, staged or at its address. */
const storedFiles = () =>
  readdirSync(testDocumentsRoot(), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
const cookieOf = (browser: Browser) => [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/** The hidden fields of the form posting to `action` on the page, as the browser sends them. */
function hiddenFields(html: string, action: string): Record<string, string> {
  const form = new RegExp(`<form[^>]*action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1] ?? '';
  return Object.fromEntries(
    [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
  );
}

/** A form posted as a browser posts it: its text fields first, then its files. */
async function postForm(browser: Browser, path: string, fields: Record<string, string>, files: Record<string, Blob>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, file] of Object.entries(files)) form.append(name, file, `${name}.pdf`);
  const response = await app.request(`http://localhost${path}`, {
    method: 'POST',
    headers: { cookie: cookieOf(browser) },
    body: form,
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}

const pdf = async (title: string) => new Blob([await samplePdf(title)], { type: 'application/pdf' });

const FILING = {
  title: 'Rehabilitación de la presa de Jerez',
  projectType: 'infrastructure',
  totalCost: '800000.00',
  'registration.validFrom': '2013-06-01',
  'registration.validTo': '2030-12-31',
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: () => NOW });
  const admin = client(app, ADMIN_TOKEN);
  ({ government, programme } = await fundedProgrammeWithPapers(app, 'zac-forms'));
  clubKey = await organisation(app, 'Club Jerezano de Chicago', 'association', ['applicant']);
  club = await signedInBrowser(
    app,
    await invite(admin, clubKey.id, { email: 'tesorero@example.org', role: 'applicant', locale: 'es-MX' }),
  );
  staff = await signedInBrowser(
    app,
    await invite(admin, government.id, { email: 'cierre@example.org', role: 'programme_admin', locale: 'es-MX' }),
  );
  await enrolSecondFactor(staff, NOW);
});
afterAll(() => database.close());

let application: Application;

describe('filing from the portal on a programme that requires documents', () => {
  it('asks for the Toma de Nota beside the form, and shows it missing beside its field', async () => {
    const page = await club.get(`/programmes/${programme.id}/apply`);
    expect(page.html).toMatch(/<form method="post" action="[^"]+\/applications" enctype="multipart\/form-data"/);
    expect(page.html).toContain('<label for="field-toma-de-nota">La Toma de Nota del club');
    expect(page.html).toContain('(3x1-5)</label>');
    const before = await count('applications');
    const action = `/programmes/${programme.id}/applications`;
    const refused = await postForm(club, action, { ...hiddenFields(page.html, action), ...FILING }, {});
    expect(refused.status, refused.html).toBe(422);
    expect(refused.html).toContain('id="field-toma-de-nota-error"');
    expect(refused.html).toContain('Las reglas lo piden para esta etapa (3x1-5)');
    expect(await count('applications')).toBe(before);
  });

  it('files the application with its paper, in one post', async () => {
    const page = await club.get(`/programmes/${programme.id}/apply`);
    const action = `/programmes/${programme.id}/applications`;
    const fields = { ...hiddenFields(page.html, action), ...FILING };
    const filed = await postForm(club, action, fields, { 'toma-de-nota': await pdf('Toma de Nota') });
    expect(filed.status, filed.html).toBe(303);
    const id = /\/applications\/([0-9a-f-]{36})/.exec(filed.location ?? '')![1]!;
    application = expectStatus(await clubKey.applicant!.get<Application>(`/v1/applications/${id}`), 200).body;
    const listed = expectStatus(
      await clubKey.applicant!.get<{ items: { type: string; contentType: string }[] }>(
        `/v1/applications/${id}/documents`,
      ),
      200,
    ).body;
    expect(listed.items.map((d) => [d.type, d.contentType])).toEqual([['toma-de-nota', 'application/pdf']]);
  });
});

describe('uploads through the portal', () => {
  it('takes a file larger than the 1 MB body limit, streamed to the store', async () => {
    const page = await club.get(`/applications/${application.id}`);
    const action = `/applications/${application.id}/documents`;
    const big = new Uint8Array(3 * 1024 * 1024);
    big.set(await samplePdf('Expediente técnico'));
    const sent = await postForm(
      club,
      action,
      { ...hiddenFields(page.html, action), type: 'expediente-tecnico', note: 'planos' },
      { file: new Blob([big], { type: 'application/pdf' }) },
    );
    expect(sent.status, sent.html).toBe(303);
    const [row] = await database.sql`SELECT size FROM documents WHERE type = 'expediente-tecnico'`;
    expect(Number(row!.size)).toBe(big.length);
  });

  it('refuses a multipart post with a wrong CSRF token before anything is stored', async () => {
    const [rows, files] = [await count('documents'), storedFiles()];
    const action = `/applications/${application.id}/documents`;
    const refused = await postForm(
      club,
      action,
      { _csrf: 'not-this-browsers', type: 'informe-de-avance' },
      { file: await pdf('Informe') },
    );
    expect(refused.status).toBe(403);
    const crossSite = await app.request(`http://localhost${action}`, {
      method: 'POST',
      headers: { cookie: cookieOf(club), origin: 'https://elsewhere.example' },
      body: (() => {
        const form = new FormData();
        form.append('_csrf', club.csrf);
        form.append('type', 'informe-de-avance');
        form.append('file', new Blob([new Uint8Array(16)], { type: 'application/pdf' }), 'x.pdf');
        return form;
      })(),
    });
    expect(crossSite.status).toBe(403);
    expect([await count('documents'), storedFiles()]).toEqual([rows, files]);
  });
});

describe('closing from the portal', () => {
  it('attaches the handover certificate (3x1-9) in the confirming post, recorded with the step', async () => {
    for (const party of ['federal', 'state', 'municipal']) {
      expectStatus(
        await government.approver!.post(`/v1/applications/${application.id}/approvals`, { decision: 'approve', party }),
        200,
      );
    }
    const path = `/manage/applications/${application.id}/close`;
    const confirm = await staff.get(`${path}/confirm?reason=obra+entregada`);
    expect(confirm.status, confirm.html).toBe(200);
    expect(confirm.html).toMatch(
      /<form method="post" action="[^"]+\/close" class="stack" enctype="multipart\/form-data"/,
    );
    expect(confirm.html).toContain('<label for="field-acta-de-entrega-recepcion">El acta de entrega-recepción');
    const fields = hiddenFields(confirm.html, path);
    expect(fields.reason).toBe('obra entregada');

    const refused = await postForm(staff, path, fields, {});
    expect(refused.status, refused.html).toBe(422);
    expect(refused.html).toContain('id="field-acta-de-entrega-recepcion-error"');
    expect(refused.html).toContain('(3x1-9)');

    const again = hiddenFields(refused.html, path);
    const closed = await postForm(staff, path, again, { 'acta-de-entrega-recepcion': await pdf('Acta de entrega') });
    expect(closed.status, closed.html).toBe(303);
    const view = expectStatus(await clubKey.applicant!.get<Application>(`/v1/applications/${application.id}`), 200);
    expect(view.body.status).toBe('closed');
    const [acta] = await database.sql`SELECT organisation_id FROM documents WHERE type = 'acta-de-entrega-recepcion'`;
    expect(acta!.organisation_id).toBe(government.id);
  });
});

describe('a tranche from the portal', () => {
  it('attaches a new document with the request, cited as its evidence', async () => {
    const page = await club.get(`/programmes/${programme.id}/apply`);
    const action = `/programmes/${programme.id}/applications`;
    const fields = { ...hiddenFields(page.html, action), ...FILING, title: 'Pozo de agua de Jerez' };
    const filed = await postForm(club, action, fields, { 'toma-de-nota': await pdf('Toma de Nota') });
    expect(filed.status, filed.html).toBe(303);
    const id = /\/applications\/([0-9a-f-]{36})/.exec(filed.location ?? '')![1]!;
    const technical = { type: 'expediente-tecnico', bytes: await samplePdf('Expediente') };
    expectStatus(await uploadDocument(app, clubKey.tokens.applicant!, id, technical), 201);
    for (const party of ['federal', 'state', 'municipal']) {
      expectStatus(
        await government.approver!.post(`/v1/applications/${id}/approvals`, { decision: 'approve', party }),
        200,
      );
    }
    const view = await club.get(`/applications/${id}`);
    expect(view.html).toContain('<label for="field-convenio-de-concertacion">El Convenio de Concertación');
    const tranches = `/applications/${id}/tranches`;
    const milestone = /<option value="([^"]+)" selected/.exec(
      /<form[^>]*action="\/applications\/[^"]+\/tranches"[^>]*>([\s\S]*?)<\/form>/.exec(view.html)![1]!,
    )![1]!;
    const asked = await postForm(
      club,
      tranches,
      { ...hiddenFields(view.html, tranches), amount: '200000.00', milestone },
      { 'convenio-de-concertacion': await pdf('Convenio de Concertación') },
    );
    expect(asked.status, asked.html).toBe(303);
    const body = expectStatus(await clubKey.applicant!.get<Application>(`/v1/applications/${id}`), 200).body;
    const [evidence] = body.tranches[0]!.evidence as { type: string; fileName: string }[];
    expect([evidence!.type, evidence!.fileName]).toEqual(['convenio-de-concertacion', 'convenio-de-concertacion.pdf']);
  });
});
