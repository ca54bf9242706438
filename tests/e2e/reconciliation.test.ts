import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { createTestApp } from '../support/app';
import { type FileLine, type FileStatement, camt053 } from '../../tools/bank-files';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus } from '../support/workflow';
import { postStatement, today } from '../reconciliation/support';
import { approve, file, requestTranche, threeByOneProgramme } from '../workflow/fixtures';

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
});
afterAll(() => database.close());

type Report = {
  ledgerBalance: string;
  bankBalance: string;
  difference: string;
  status: string;
  matched: { lines: number };
};

/**
 * The 3x1 story as its banks saw it: each government's pool account receives its budget and pays
 * its part of each tranche; the project's account receives the club's dollars (converted by the
 * bank at the rate the books recorded) and its pesos, pays the club's part of each tranche to the
 * builder and sends the unspent money back. Every line is matched by the rules, and every account
 * reconciles to zero difference.
 */
describe('a Tres por Uno project reconciled with its banks', () => {
  it('ends with every bank account reconciled to zero difference', async () => {
    const world = await threeByOneProgramme(app, '3x1-bank-2014', {
      federal: '5000000.00',
      state: '5000000.00',
      municipal: '5000000.00',
    });
    const filed = await file(world);
    await approve(world, filed.id);
    const club = world.club.applicant!;
    expectStatus(
      await club.post(`/v1/applications/${filed.id}/contributions`, {
        party: 'club',
        amount: '40000.00',
        currency: 'USD',
        fxRate: '12.9500',
      }),
      201,
    );
    expectStatus(
      await club.post(`/v1/applications/${filed.id}/contributions`, { party: 'club', amount: '82000.00' }),
      201,
    );
    for (const amount of ['1200000.00', '1000000.00']) {
      const tranche = await requestTranche(world, filed.id, amount);
      for (const government of Object.values(world.governments))
        expectStatus(
          await government.approver!.post(`/v1/tranches/${tranche.id}/approvals`, { decision: 'approve' }),
          200,
        );
    }
    const staff = world.federal.programme_admin!;
    expectStatus(
      await staff.post(`/v1/applications/${filed.id}/refunds`, { reason: 'obra terminada bajo presupuesto' }),
      200,
    );
    expectStatus(await staff.post(`/v1/applications/${filed.id}/close`, { reason: 'entrega-recepción' }), 200);

    const statement = (id: string, account: string, lines: FileLine[]): FileStatement => ({
      id,
      account: { other: account },
      currency: 'MXN',
      openingDate: today(-1),
      opening: '0.00',
      closingDate: today(),
      lines,
    });
    const line = (amount: string, direction: 'credit' | 'debit', extra: Partial<FileLine> = {}): FileLine => ({
      bookingDate: today(),
      amount,
      direction,
      ...extra,
    });
    const [projectShare] =
      await database.sql`SELECT id FROM ledger_accounts WHERE code = ${`application:${filed.id}:club:share`}`;
    const accounts = [
      ...(['federal', 'state', 'municipal'] as const).map((party, index) => ({
        staff: world.governments[party],
        ledgerAccountId: world.programme.pools!.find((pool) => pool.party === party)!.id,
        clabe: ['032180000118359719', '002010077777777771', '012180001234567899'][index]!,
        lines: [
          line('5000000.00', 'credit', {
            counterparty: world.governments[party].name,
            remittance: 'Presupuesto 3x1 2014',
          }),
          line('300000.00', 'debit', { remittance: `Ministración 1 ${filed.id}` }),
          line('250000.00', 'debit', { remittance: `Ministración 2 ${filed.id}` }),
        ],
      })),
      {
        staff: world.state,
        ledgerAccountId: projectShare!.id as string,
        clabe: '014180000000000013',
        lines: [
          line('518000.00', 'credit', {
            counterparty: world.club.name,
            instructed: { amount: '40000.00', currency: 'USD' },
            remittance: 'Aportación del club',
          }),
          line('82000.00', 'credit', { counterparty: world.club.name }),
          line('300000.00', 'debit', { counterparty: 'Constructora Jerez', remittance: 'Estimación 1' }),
          line('250000.00', 'debit', { counterparty: 'Constructora Jerez', remittance: 'Estimación 2' }),
          line('50000.00', 'debit', { counterparty: world.club.name, remittance: 'Reintegro' }),
        ],
      },
    ];
    for (const [index, account] of accounts.entries()) {
      const bankAccount = expectStatus(
        await account.staff.programme_admin!.post<{ id: string }>('/v1/bank-accounts', {
          ledgerAccountId: account.ledgerAccountId,
          clabe: account.clabe,
          bank: 'BBVA México',
          currency: 'MXN',
        }),
        201,
      ).body.id;
      const imported = expectStatus(
        await postStatement(
          app,
          account.staff.tokens.programme_admin!,
          bankAccount,
          camt053(statement(`E2E-${index}`, account.clabe, account.lines), index % 2 === 0 ? '08' : '02'),
          'application/xml',
        ),
        201,
      ).body;
      expect(imported).toMatchObject({ lines: account.lines.length, matched: account.lines.length, unmatched: 0 });
      const report = expectStatus(
        await world.auditor.auditor!.get<Report>(`/v1/bank-accounts/${bankAccount}/reconciliation`),
        200,
      ).body;
      expect(report).toMatchObject({
        difference: '0.00',
        status: 'reconciled',
        matched: { lines: account.lines.length },
      });
      expect(report.ledgerBalance).toBe(report.bankBalance);
    }
    // The club's dollars were matched on the pesos the books recorded, and named the club.
    const [usd] = await database.sql`SELECT m.rule FROM bank_matches m JOIN bank_match_lines ml ON ml.match_id = m.id
      JOIN bank_lines l ON l.id = ml.line_id WHERE l.amount = 518000.00`;
    expect(usd!.rule).toBe('amount+currency+date-window+counterparty');
    // The three governments' payments of the first tranche, each matched on its pool's account.
    const tranchePayments = await database.sql`SELECT count(*)::int AS n FROM bank_match_entries me
      JOIN journal_entries je ON je.id = me.entry_id WHERE je.kind = 'tranche-funding'`;
    expect(tranchePayments[0]!.n).toBe(6);
  });
});
