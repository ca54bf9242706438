import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { camt053 } from '../../tools/bank-files';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { invite, signedInBrowser } from '../support/people';
import { expectStatus } from '../support/workflow';
import { type World, threeByOneProgramme } from '../workflow/fixtures';
import { postStatement, today } from '../reconciliation/support';

type Browser = Awaited<ReturnType<typeof signedInBrowser>>;

let database: TestDatabase;
let app: App;
let world: World;
let bankAccount: string;
let staff: Browser;
let auditor: Browser;
let outsider: Browser;
let club: Browser;
const CLABE = '032180000118359719';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'recon-pages');
  const pool = world.programme.pools!.find((p) => p.party === 'federal')!;
  bankAccount = expectStatus(
    await world.federal.programme_admin!.post<{ id: string }>('/v1/bank-accounts', {
      ledgerAccountId: pool.id,
      clabe: CLABE,
      bank: 'BBVA México',
      currency: 'MXN',
    }),
    201,
  ).body.id;
  // The budget came in, and the bank charged a fee the books do not have yet.
  const statement = camt053({
    id: 'BUDGET-PAGES',
    account: { other: CLABE },
    currency: 'MXN',
    openingDate: today(-1),
    opening: '0.00',
    closingDate: today(),
    lines: [
      { bookingDate: today(), amount: '100000000.00', direction: 'credit', remittance: 'Presupuesto 3x1' },
      {
        bookingDate: today(),
        amount: '116.00',
        direction: 'debit',
        remittance: 'Comisión SPEI',
        transactionCode: 'ACMT/MDOP/CHRG',
      },
    ],
  });
  expectStatus(
    await postStatement(app, world.federal.tokens.programme_admin!, bankAccount, statement, 'application/xml'),
    201,
  );
  const person = (orgId: string, email: string, role: string) =>
    invite(world.admin, orgId, { email, role, locale: 'es-MX' }).then((invited) => signedInBrowser(app, invited));
  staff = await person(world.federal.id, 'tesoreria@federal.example', 'programme_admin');
  auditor = await person(world.auditor.id, 'auditora@asf.example', 'auditor');
  outsider = await person(world.outsider.id, 'programas@otro.example', 'programme_admin');
  club = await person(world.club.id, 'tesorero@club.example', 'applicant');
});
afterAll(() => database?.close());

describe('the bank reconciliation pages', () => {
  it("show programme staff and auditors each account's books against the bank, in their language", async () => {
    for (const reader of [staff, auditor]) {
      const page = await reader.get('/reconciliation');
      expect(page.status, page.html).toBe(200);
      expect(page.html).toContain('Conciliación bancaria');
      expect(page.html).toContain(`href="/reconciliation/${bankAccount}"`);
      expect(page.html).toContain(`programme:recon-pages:federal:pool`);
      expect(page.html).toContain('100,000,000.00');
      expect(page.html).toContain('99,999,884.00');
      expect(page.html).toContain('Sin conciliar');
      expect(page.html).toContain('1 / 0');
    }
  });

  it('the account page lists the unmatched fee line with its proposed entry, and links the report files', async () => {
    const page = await auditor.get(`/reconciliation/${bankAccount}`);
    expect(page.status, page.html).toBe(200);
    expect(page.html).toContain('Líneas del banco sin conciliar');
    expect(page.html).toContain('Comisión SPEI');
    expect(page.html).toContain('116.00');
    expect(page.html).toContain('programme:recon-pages:bank-charges:MXN');
    expect(page.html).toContain('se verifica');
    for (const format of ['pdf', 'csv', 'json'])
      expect(page.html).toContain(`href="/v1/bank-accounts/${bankAccount}/reconciliation.${format}"`);
    const pdf = await auditor.get(`/v1/bank-accounts/${bankAccount}/reconciliation.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.html.startsWith('%PDF-')).toBe(true);
  });

  it('at a past date, before the statement: the bank balance is not known yet', async () => {
    const page = await staff.get(`/reconciliation?at=${today(-2)}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Sin estado de cuenta');
    expect(page.html).toContain(`href="/reconciliation/${bankAccount}?at=${today(-2)}"`);
  });

  it('a bad or future date is shown beside its field', async () => {
    for (const at of ['2026-02-30', today(2)]) {
      const page = await staff.get(`/reconciliation?at=${at}`);
      expect(page.status).toBe(200);
      expect(page.html).toContain('Escriba una fecha pasada como AAAA-MM-DD.');
      expect(page.html).toContain('href="#field-at"');
    }
  });

  it("another programme's staff see no account, and the account's page is not found for them", async () => {
    const list = await outsider.get('/reconciliation');
    expect(list.status).toBe(200);
    expect(list.html).not.toContain(bankAccount);
    expect(list.html).toContain('Aún no hay ninguna cuenta bancaria registrada que usted pueda ver.');
    expect((await outsider.get(`/reconciliation/${bankAccount}`)).status).toBe(404);
    expect((await staff.get('/reconciliation/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('an applicant gets the not-allowed page, and the pages have no form that writes', async () => {
    expect((await club.get('/reconciliation')).status).toBe(403);
    const page = await auditor.get(`/reconciliation/${bankAccount}`);
    expect([...page.html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/logout',
    ]);
  });
});
