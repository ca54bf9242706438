import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStatement, camt053 } from '../../tools/bank-files';
import { STATEMENT_CSV_COLUMNS } from '../../src/statements';
import { createTestApp } from '../support/app';
import type { Transport } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus } from '../support/workflow';
import { readPdf } from '../statements/support/pdf-text';
import { type World, threeByOneProgramme } from '../workflow/fixtures';
import { postStatement, today } from './support';

/*
 * The programme statement carries the reconciliation of each of the programme's bank accounts at the
 * period's end, in JSON, CSV and PDF: the federal pool's bank charged a fee the books do not have
 * (unreconciled, 116.00 apart, one bank line open), the state pool's statement matches the books.
 */

let database: TestDatabase;
let app: Transport;
let world: World;
const CLABES = { federal: '032180000118359719', state: '002010077777777771' };
const bankAccounts: Record<string, string> = {};

const statementOf = (clabe: string, fee: boolean): FileStatement => ({
  id: `PROG-${clabe.slice(-4)}`,
  account: { other: clabe },
  currency: 'MXN',
  openingDate: today(-1),
  opening: '0.00',
  closingDate: today(),
  lines: [
    { bookingDate: today(), amount: '100000000.00', direction: 'credit', counterparty: 'Tesorería' },
    ...(fee
      ? [
          {
            bookingDate: today(),
            amount: '116.00',
            direction: 'debit' as const,
            remittance: 'Comisión SPEI',
            transactionCode: 'ACMT/MDOP/CHRG',
          },
        ]
      : []),
  ],
});

type BankStatus = {
  bankAccountId: string;
  accountCode: string;
  status: string;
  ledgerBalance: string;
  bankBalance: string | null;
  difference: string | null;
  statementReference: string | null;
  matchedLines: number;
  unmatchedBankLines: number;
  unmatchedLedgerMovements: number;
  oldestOpenDays: number | null;
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'bank-statement');
  for (const party of ['federal', 'state'] as const) {
    const staff = world.governments[party];
    const pool = world.programme.pools!.find((p) => p.party === party)!;
    bankAccounts[party] = expectStatus(
      await staff.programme_admin!.post<{ id: string }>('/v1/bank-accounts', {
        ledgerAccountId: pool.id,
        clabe: CLABES[party],
        bank: 'BBVA México',
        currency: 'MXN',
      }),
      201,
    ).body.id;
    const body = camt053(statementOf(CLABES[party], party === 'federal'));
    expectStatus(
      await postStatement(app, staff.tokens.programme_admin!, bankAccounts[party]!, body, 'application/xml'),
      201,
    );
  }
});

afterAll(async () => {
  await database?.close();
});

const programmeStatement = (format: 'json' | 'csv' | 'pdf', query = '') =>
  app.request(`/v1/statements/programmes/${world.programme.id}.${format}${query}`, {
    headers: { authorization: `Bearer ${world.auditor.tokens.auditor!}` },
  });

describe("the programme statement shows its bank accounts' reconciliation", () => {
  it('in JSON: each bank account with its status, both balances, the difference and what is open', async () => {
    const response = await programmeStatement('json');
    expect(response.status).toBe(200);
    const statement = (await response.json()) as { bankAccounts: BankStatus[] };
    expect(statement.bankAccounts).toEqual([
      {
        bankAccountId: bankAccounts.federal,
        accountCode: 'programme:bank-statement:federal:pool',
        bank: 'BBVA México',
        scheme: 'clabe',
        number: CLABES.federal,
        currency: 'MXN',
        status: 'unreconciled',
        ledgerBalance: '100000000.00',
        bankBalance: '99999884.00',
        difference: '116.00',
        statementReference: `PROG-${CLABES.federal.slice(-4)}`,
        matchedLines: 1,
        unmatchedBankLines: 1,
        unmatchedLedgerMovements: 0,
        oldestOpenDays: 0,
      },
      {
        bankAccountId: bankAccounts.state,
        accountCode: 'programme:bank-statement:state:pool',
        bank: 'BBVA México',
        scheme: 'clabe',
        number: CLABES.state,
        currency: 'MXN',
        status: 'reconciled',
        ledgerBalance: '100000000.00',
        bankBalance: '100000000.00',
        difference: '0.00',
        statementReference: `PROG-${CLABES.state.slice(-4)}`,
        matchedLines: 1,
        unmatchedBankLines: 0,
        unmatchedLedgerMovements: 0,
        oldestOpenDays: null,
      },
    ]);
  });

  it('as of a past instant: a bank account registered later is not on it', async () => {
    const created = (await (await programmeStatement('json')).json()) as { header: { period: { from: string } } };
    const from = new Date(created.header.period.from);
    const to = new Date(from.getTime() + 1).toISOString();
    const response = await programmeStatement('json', `?to=${to}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { bankAccounts: BankStatus[] }).bankAccounts).toEqual([]);
  });

  it('in CSV: one bank_account record per account, before the chain record', async () => {
    const response = await programmeStatement('csv');
    expect(response.status).toBe(200);
    const rows = (await response.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .map((line) => Object.fromEntries(line.split(',').map((value, i) => [STATEMENT_CSV_COLUMNS[i], value])));
    const bank = rows.filter((row) => row.record === 'bank_account');
    expect(bank.map((row) => row.entry_id)).toEqual([bankAccounts.federal, bankAccounts.state]);
    expect(bank[0]).toMatchObject({
      account_code: 'programme:bank-statement:federal:pool',
      account_name: `BBVA México clabe ${CLABES.federal}`,
      currency: 'MXN',
      kind: 'unreconciled',
      balance: '100000000.00',
      bank_balance: '99999884.00',
      difference: '116.00',
      matched_lines: '1',
      unmatched_bank_lines: '1',
      unmatched_ledger_movements: '0',
      oldest_open_days: '0',
    });
    expect(bank[1]).toMatchObject({ kind: 'reconciled', difference: '0.00', oldest_open_days: '' });
    expect(rows.at(-1)!.record).toBe('chain');
  });

  it('in PDF: a table of the bank accounts, in the document language', async () => {
    for (const [locale, heading, unreconciled, reconciled] of [
      ['en', 'Bank reconciliation at the end of the period', 'NOT RECONCILED', 'reconciled'],
      ['es-MX', 'Conciliación bancaria al cierre del periodo', 'NO CONCILIADA', 'conciliada'],
    ] as const) {
      const response = await programmeStatement('pdf', `?locale=${locale}`);
      expect(response.status).toBe(200);
      const pages = await readPdf(new Uint8Array(await response.arrayBuffer()));
      const lines = pages.flatMap((page) => page.lines);
      const at = lines.findIndex((line) => line.includes(heading));
      expect(at).toBeGreaterThan(-1);
      const table = lines.slice(at + 1, at + 4);
      expect(table[1]).toContain(unreconciled);
      expect(table[1]).toContain(CLABES.federal);
      expect(table[1]).toContain('1 / 0');
      expect(table[2]).toContain(reconciled);
      expect(table[2]).toContain(CLABES.state);
    }
  });

  it('only on programme statements', async () => {
    const pool = world.programme.pools!.find((p) => p.party === 'federal')!;
    const response = await app.request(`/v1/statements/accounts/${pool.id}.json`, {
      headers: { authorization: `Bearer ${world.auditor.tokens.auditor!}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).not.toHaveProperty('bankAccounts');
  });
});
