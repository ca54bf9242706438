import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app';
import { CSV_MAPPING, type FileStatement, camt053, csv, mt940 } from '../support/bank-files';
import type { Transport } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus } from '../support/workflow';
import { type World, threeByOneProgramme } from '../workflow/fixtures';
import { postStatement, today } from './support';

let database: TestDatabase;
let app: Transport;
let world: World;
let staff: string;
const accounts: Record<string, string> = {};
const CLABES = ['032180000118359719', '002010077777777771', '012180001234567899'];

const movements = (account: string): FileStatement => ({
  id: `STMT-${account.slice(-4)}`,
  account: { other: account },
  currency: 'MXN',
  openingDate: today(-3),
  opening: '1000.00',
  closingDate: today(),
  lines: [
    {
      bookingDate: today(-2),
      valueDate: today(-1),
      amount: '518000.00',
      direction: 'credit',
      counterparty: 'Club Zacatecano de Los Angeles',
      counterpartyAccount: 'US12345678',
      remittance: 'Aportación club; proyecto "Hidalgo" & calle',
      endToEndId: 'E2E-CLUB-1',
      bankReference: 'BBVA-001',
      transactionCode: 'PMNT/RCDT/XBCT',
    },
    {
      bookingDate: today(-1),
      amount: '300000.00',
      direction: 'debit',
      counterparty: 'Constructora Jerez SA',
      remittance: 'Ministración 1',
      endToEndId: 'E2E-T1',
      bankReference: 'BBVA-002',
      transactionCode: 'PMNT/ICDT/ESCT',
    },
    {
      bookingDate: today(),
      amount: '150.00',
      direction: 'debit',
      remittance: 'Comisión',
      bankReference: 'BBVA-003',
      transactionCode: 'ACMT/MDOP/CHRG',
    },
  ],
});

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'bank-imp');
  staff = world.federal.tokens.programme_admin!;
  // A bank account on each government's pool, each staffed by that government.
  for (const [index, party] of ['federal', 'state', 'municipal'].entries()) {
    const pool = world.programme.pools!.find((p) => p.party === party)!;
    const org = world.governments[party as 'federal' | 'state' | 'municipal'];
    const created = expectStatus(
      await org.programme_admin!.post<{ id: string }>('/v1/bank-accounts', {
        ledgerAccountId: pool.id,
        clabe: CLABES[index],
        bank: 'BBVA México',
        currency: 'MXN',
      }),
      201,
    ).body;
    accounts[party] = created.id;
  }
  expectStatus(
    await world.federal.programme_admin!.post('/v1/bank-csv-mappings', {
      bank: 'BBVA México',
      name: 'bbva-mx',
      mapping: CSV_MAPPING,
    }),
    201,
  );
});

afterAll(async () => {
  await database?.close();
});

const tokenOf = (party: string) => world.governments[party as 'federal'].tokens.programme_admin!;
const lineRows = (statementId: string) => database.sql`
  SELECT position, booking_date::text, value_date::text, amount::text, direction, currency, counterparty,
         counterparty_account, remittance, end_to_end_id, bank_reference, transaction_code
  FROM bank_lines WHERE statement_id = ${statementId} ORDER BY position`;
const counts = async () => {
  const [row] = await database.sql`SELECT (SELECT count(*) FROM bank_statements)::int AS statements,
    (SELECT count(*) FROM bank_lines)::int AS lines`;
  return row;
};

describe('POST /v1/bank-accounts/{id}/statements', () => {
  it('reads camt.053.001.02, camt.053.001.08 and MT940 files of the same movements into the same lines', async () => {
    const results = [];
    for (const [party, version] of [
      ['federal', '02'],
      ['state', '08'],
    ] as const) {
      const clabe = CLABES[party === 'federal' ? 0 : 1]!;
      const imported = expectStatus(
        await postStatement(
          app,
          tokenOf(party),
          accounts[party]!,
          camt053(movements(clabe), version),
          'application/xml',
        ),
        201,
      ).body;
      expect(imported).toMatchObject({
        format: `camt.053.001.${version}`,
        lines: 3,
        openingBalance: '1000.00',
        closingBalance: '218850.00',
        openingDate: today(-3),
        closingDate: today(),
      });
      expect(imported.sha256).toMatch(/^[0-9a-f]{64}$/);
      results.push(await lineRows(imported.id));
    }
    const fromMt940 = expectStatus(
      await postStatement(app, tokenOf('municipal'), accounts.municipal!, mt940(movements(CLABES[2]!)), 'text/plain'),
      201,
    ).body;
    expect(fromMt940).toMatchObject({ format: 'mt940', lines: 3, closingBalance: '218850.00' });
    results.push(await lineRows(fromMt940.id));
    const lines = results[0]!;
    expect(lines[0]).toMatchObject({
      booking_date: today(-2),
      value_date: today(-1),
      amount: '518000.00',
      direction: 'credit',
      currency: 'MXN',
      counterparty: 'Club Zacatecano de Los Angeles',
      counterparty_account: 'US12345678',
      remittance: 'Aportación club; proyecto "Hidalgo" & calle',
      end_to_end_id: 'E2E-CLUB-1',
      bank_reference: 'BBVA-001',
    });
    expect(lines[2]).toMatchObject({ amount: '150.00', direction: 'debit', transaction_code: 'ACMT/MDOP/CHRG' });
    // The transaction code is each format's own (camt Domn/Fmly/SubFmly, MT940 type code).
    const comparable = (rows: typeof lines) => rows.map((row) => ({ ...row, transaction_code: undefined }));
    expect(comparable(results[1]!)).toEqual(comparable(lines));
    expect(comparable(results[2]!)).toEqual(comparable(lines));
    expect(results[2]![2]!.transaction_code).toBe('NCHG');
  });

  it('reads a CSV through the mapping saved for the bank, with the same lines', async () => {
    // The same movements a year later, on the federal pool's account: another file, the same lines.
    const later = { ...movements(CLABES[0]!), id: 'CSV' };
    later.lines = later.lines.map((line) => ({
      ...line,
      bookingDate: line.bookingDate.replace(/^(\d{4})/, (y) => `${Number(y) + 1}`),
      valueDate: undefined,
    }));
    const body = csv(later);
    const missing = expectStatus(await postStatement(app, staff, accounts.federal!, body, 'text/csv'), 422).body;
    expect(missing.errors[0].field).toBe('query.mapping');
    const imported = expectStatus(
      await postStatement(app, staff, accounts.federal!, body, 'text/csv; charset=utf-8', '?mapping=bbva-mx'),
      201,
    ).body;
    expect(imported).toMatchObject({ format: 'csv', lines: 3, openingBalance: '1000.00', closingBalance: '218850.00' });
    const rows = await lineRows(imported.id);
    expect(rows.map((row) => [row.amount, row.direction, row.counterparty, row.end_to_end_id])).toEqual([
      ['518000.00', 'credit', 'Club Zacatecano de Los Angeles', 'E2E-CLUB-1'],
      ['300000.00', 'debit', 'Constructora Jerez SA', 'E2E-T1'],
      ['150.00', 'debit', '', ''],
    ]);
    expect(rows[0]!.remittance).toBe('Aportación club; proyecto "Hidalgo" & calle');
  });

  it('imports a file once: the same bytes again answer 200 with the first import and write nothing', async () => {
    const file = camt053({
      ...movements(CLABES[1]!),
      id: 'DUP',
      openingDate: today(-40),
      closingDate: today(-35),
      lines: [],
    });
    const first = expectStatus(
      await postStatement(app, tokenOf('state'), accounts.state!, file, 'application/xml'),
      201,
    );
    const before = await counts();
    const again = expectStatus(
      await postStatement(app, tokenOf('state'), accounts.state!, file, 'application/xml'),
      200,
    );
    expect(again.body).toEqual(first.body);
    expect(await counts()).toEqual(before);
    const audits =
      await database.sql`SELECT count(*)::int AS n FROM audit_log WHERE details->>'statementId' = ${first.body.id}`;
    expect(audits[0]!.n).toBe(1);
  });

  it('refuses a statement whose balances do not add up, saying where, and writes nothing', async () => {
    const before = await counts();
    const wrong = { ...movements(CLABES[1]!), id: 'BAD', closing: '218950.00' };
    const refused = expectStatus(
      await postStatement(app, tokenOf('state'), accounts.state!, camt053(wrong), 'application/xml'),
      422,
    ).body;
    expect(refused.type).toBe('urn:cofund:problem:bad-statement-file');
    expect(refused.errors[0].field).toBe('Document/BkToCstmrStmt/Stmt/Bal[2]');
    expect(refused.detail).toMatch(/gives 218850, but the closing balance says 218950: they differ by 100/);
    // A line with the wrong sign is pointed at.
    const flipped = { ...movements(CLABES[2]!), id: 'FLIP', closing: '219150.00' };
    const pointed = expectStatus(
      await postStatement(app, tokenOf('municipal'), accounts.municipal!, mt940(flipped), 'text/plain'),
      422,
    ).body;
    expect(pointed.detail).toMatch(/line \d+ \(:61:\) would add up with the other sign/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a bad file with a 422 naming the element or line, writing nothing', async () => {
    const before = await counts();
    const good = camt053({ ...movements(CLABES[1]!), id: 'X1' });
    const cases: Array<[string, string, string, RegExp]> = [
      [
        good.replace('<Amt Ccy="MXN">300000.00</Amt>', '<Amt Ccy="MXN">300000,00</Amt>'),
        'application/xml',
        'Document/BkToCstmrStmt/Stmt/Ntry[2]/Amt',
        /not an amount/,
      ],
      [
        good.replace('<Amt Ccy="MXN">150.00</Amt>', '<Amt Ccy="USD">150.00</Amt>'),
        'application/xml',
        'Document/BkToCstmrStmt/Stmt/Ntry[3]/Amt/@Ccy',
        /USD/,
      ],
      [
        good.replace(/<BookgDt><Dt>[^<]*<\/Dt>/, '<BookgDt><Dt>2026-02-30</Dt>'),
        'application/xml',
        'Document/BkToCstmrStmt/Stmt/Ntry[1]/BookgDt',
        /not a date/,
      ],
      [good.replace('</Stmt>', '</Stm>'), 'application/xml', 'line 4, column', /well-formed/],
      [good.replace('camt.053.001.08', 'camt.052.001.08'), 'application/xml', 'Document/@xmlns', /not camt.053/],
      [
        good.replace('002010077777777771', '072580001234567895'),
        'application/xml',
        'Document/BkToCstmrStmt/Stmt/Acct/Id',
        /not 002010077777777771/,
      ],
      [
        mt940(movements(CLABES[1]!)).replace(/:61:(\d{10})D300000,00/, ':61:$1X300000,00'),
        'text/plain',
        'line 7 (:61:)',
        /must be/,
      ],
    ];
    for (const [body, type, where, message] of cases) {
      const refused = expectStatus(await postStatement(app, tokenOf('state'), accounts.state!, body, type), 422).body;
      expect(refused.errors[0].field, refused.detail).toContain(where);
      expect(refused.detail).toMatch(message);
      expect(refused.detail).not.toMatch(/ at |Error/);
    }
    expectStatus(await postStatement(app, tokenOf('state'), accounts.state!, 'x', 'application/json'), 415);
    expect(await counts()).toEqual(before);
  });

  it('is for programme staff: others are refused, unrelated organisations get 404', async () => {
    const file = camt053({ ...movements(CLABES[1]!), id: 'AUTH' });
    expectStatus(await postStatement(app, world.state.tokens.approver!, accounts.state!, file, 'application/xml'), 403);
    expectStatus(
      await postStatement(app, world.auditor.tokens.auditor!, accounts.state!, file, 'application/xml'),
      403,
    );
    expectStatus(
      await postStatement(app, world.outsider.tokens.programme_admin!, accounts.state!, file, 'application/xml'),
      404,
    );
  });

  it('keeps statements and their lines immutable in the database', async () => {
    await expect(database.sql`UPDATE bank_lines SET amount = 1`).rejects.toThrow(/append-only/);
    await expect(database.sql`DELETE FROM bank_lines`).rejects.toThrow(/append-only/);
    await expect(database.sql`UPDATE bank_statements SET closing_balance = 0`).rejects.toThrow(/append-only/);
    await expect(database.sql`TRUNCATE bank_lines CASCADE`).rejects.toThrow(/append-only/);
  });
});
