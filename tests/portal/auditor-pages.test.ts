import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Programme } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { invite, signedInBrowser } from '../support/people';
import { expectStatus, openProgramme, organisation } from '../support/workflow';

let database: TestDatabase;
let app: App;
let auditor: Awaited<ReturnType<typeof signedInBrowser>>;
let programme: Programme;
const code = 'mx3x1-aud';
let federal: Awaited<ReturnType<typeof organisation>>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  const admin = client(app, ADMIN_TOKEN);
  federal = await organisation(app, 'SEDESOL', 'government', ['programme_admin']);
  const state = await organisation(app, 'Zacatecas', 'government', ['programme_admin']);
  const municipal = await organisation(app, 'Jerez', 'government', ['programme_admin']);
  programme = await openProgramme(
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
  for (const [party, org] of [
    ['federal', federal],
    ['state', state],
  ] as const) {
    expectStatus(
      await org.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, { party, amount: '5000000.00' }),
      201,
    );
  }
  const office = await organisation(app, 'Auditoría Superior', 'auditor', []);
  const invited = await invite(admin, office.id, { email: 'auditora@example.org', role: 'auditor', locale: 'es-MX' });
  auditor = await signedInBrowser(app, invited);
});
afterAll(() => database.close());

/** Every form of a page but the sign-out button's. */
const writeForms = (html: string) =>
  [...html.matchAll(/<form[^>]*method="post"[^>]*>/g)].filter((m) => !m[0].includes('action="/logout"'));

describe("the auditor's pages", () => {
  it('the ledger browser shows entries with their postings, filtered by account, kind and period', async () => {
    const all = await auditor.get('/ledger');
    expect(all.status).toBe(200);
    expect(all.html).toContain('lang="es-MX"');
    expect(all.html).toContain(`programme:${code}:federal:pool`);
    expect(all.html).toContain(`programme:${code}:state:pool`);
    expect(all.html).toContain('5,000,000.00');

    const federalOnly = await auditor.get(`/ledger?account=${encodeURIComponent(`programme:${code}:federal:pool`)}`);
    expect(federalOnly.html).toContain(`programme:${code}:federal:pool`);
    expect(federalOnly.html).not.toContain(`programme:${code}:state:pool`);

    const [{ kind }] = (await database.sql`SELECT kind FROM journal_entries LIMIT 1`) as unknown as [{ kind: string }];
    expect((await auditor.get(`/ledger?kind=${kind}`)).html).toContain(`programme:${code}:federal:pool`);
    expect((await auditor.get('/ledger?kind=no.such.kind')).html).toContain('Ningún asiento coincide.');
    expect((await auditor.get('/ledger?to=2000-01-01')).html).toContain('Ningún asiento coincide.');
  });

  it('a bad filter is shown beside its field, and nothing breaks', async () => {
    const page = await auditor.get('/ledger?account=nope&from=2026-13-01');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/id="field-account-error"[^>]*>Ninguna cuenta tiene este código\./);
    expect(page.html).toMatch(/id="field-from-error"[^>]*>Escriba la fecha como AAAA-MM-DD\./);
    expect(page.html).toContain('aria-describedby="field-from-error"');
  });

  it('pages through the journal, 25 entries a page', async () => {
    for (let i = 0; i < 25; i += 1) {
      expectStatus(
        await federal.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, {
          party: 'federal',
          amount: '1.00',
        }),
        201,
      );
    }
    const entryCount = (html: string) => html.match(/<section class="entry"/g)?.length ?? 0;
    const first = await auditor.get('/ledger');
    expect(entryCount(first.html)).toBe(25);
    const next = /href="(\/ledger\?after=\d+)"/.exec(first.html);
    expect(next).not.toBeNull();
    const second = await auditor.get(next![1]!);
    expect(entryCount(second.html)).toBe(2);
    expect(second.html).not.toMatch(/href="\/ledger\?after=/);
    expect(second.html).toContain('href="/ledger?"');
  });

  it('the trial balance at a date, balanced per currency', async () => {
    const now = await auditor.get('/trial-balance');
    expect(now.status).toBe(200);
    expect(now.html).toContain('Cuadrada');
    expect(now.html).not.toContain('NO cuadra');
    expect(now.html).toContain(`programme:${code}:federal:pool`);
    const before = await auditor.get('/trial-balance?at=2000-01-01');
    expect(before.html).not.toContain(`programme:${code}:federal:pool`);
  });

  it('the chain verification status', async () => {
    const page = await auditor.get('/chain');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/La cadena de hashes se verifica|La cadena NO se verifica/);
    expect(page.html).toContain('Asientos sellados verificados');
  });

  it('statement links that a signed-in browser downloads from /v1', async () => {
    const page = await auditor.get('/statements');
    for (const format of ['pdf', 'csv', 'json']) {
      expect(page.html).toContain(`/v1/statements/programmes/${programme.id}.${format}?locale=es-MX`);
      expect(page.html).toContain(`/v1/statements/trial-balance.${format}?programme=${programme.id}`);
    }
    const pdf = await auditor.get(`/v1/statements/programmes/${programme.id}.pdf?locale=es-MX`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const csv = await auditor.get(`/v1/statements/trial-balance.csv?programme=${programme.id}&locale=es-MX`);
    expect(csv.status).toBe(200);
    expect(csv.html).toContain(`programme:${code}:federal:pool`);
  });

  it('the audit log, filtered by resource type', async () => {
    const page = await auditor.get('/audit-log');
    expect(page.status).toBe(200);
    expect(page.html).toContain('programme.budget-funded');
    expect((await auditor.get('/audit-log?resourceType=user')).html).toContain('user.login');
    const programmes = await auditor.get('/audit-log?resourceType=programme');
    expect(programmes.html).toContain(programme.id);
    expect(programmes.html).not.toContain('user.login');
  });

  it('shows no write control, and a POST to any of its pages is refused and writes nothing', async () => {
    const before =
      await database.sql`SELECT (SELECT count(*) FROM journal_entries) AS e, (SELECT count(*) FROM audit_log) AS a`;
    for (const path of ['/ledger', '/trial-balance', '/chain', '/statements', '/audit-log']) {
      const page = await auditor.get(path);
      expect(page.status, path).toBe(200);
      expect(writeForms(page.html), path).toEqual([]);
      const posted = await auditor.post(path, { account: 'x' });
      expect([404, 405], path).toContain(posted.status);
    }
    const written = await auditor.post('/v1/programmes', { code: 'X', name: 'X' });
    expect(written.status).toBe(401);
    const after =
      await database.sql`SELECT (SELECT count(*) FROM journal_entries) AS e, (SELECT count(*) FROM audit_log) AS a`;
    expect(after).toEqual(before);
  });

  it('other roles get the not-allowed page; signed out, the sign-in page', async () => {
    const admin = client(app, ADMIN_TOKEN);
    const club = await organisation(app, 'Club', 'association', []);
    const invited = await invite(admin, club.id, { email: 'club@example.org', role: 'applicant', locale: 'en' });
    const applicant = await signedInBrowser(app, invited);
    for (const path of ['/ledger', '/trial-balance', '/chain', '/statements', '/audit-log']) {
      const page = await applicant.get(path);
      expect(page.status, path).toBe(403);
      expect(page.html).toContain('Not allowed');
      expect(page.html).not.toContain(`programme:${code}`);
    }
    const anonymous = await app.request('http://localhost/ledger', { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login');
  });
});
