import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app';
import { CSV_MAPPING, type FileLine, type FileStatement, camt053, csv, mt940 } from '../../tools/bank-files';
import type { Transport } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus } from '../support/workflow';
import { type World, approve, file, threeByOneProgramme } from '../workflow/fixtures';
import { seesAccount } from '../../src/access';
import type { Actor, KeyRole, OrganisationKind } from '../../src/auth';
import { clabeCheckDigit } from '../../src/reconciliation/account-numbers';
import { visibleBankAccounts } from '../../src/reconciliation/bank-accounts';
import { bankAccounts, chartAccounts, ledgerAccounts } from '../../src/db/schema';
import { eq } from 'drizzle-orm';
import { postStatement, today } from './support';

let database: TestDatabase;
let app: Transport;
let world: World;
const pools: Record<string, { bankAccount: string; clabe: string }> = {};
const CLABES = { federal: '032180000118359719', state: '002010077777777771', municipal: '012180001234567899' };

type Reconciliation = {
  ledgerBalance: string;
  bankBalance: string | null;
  difference: string | null;
  status: string;
  matched: { lines: number; credits: string; debits: string };
  unmatchedBank: Array<{ lineId: string; amount: string; direction: string; ageDays: number; proposal: unknown }>;
  unmatchedLedger: Array<{ entryId: string; amount: string; kind: string }>;
  chain: { ok: boolean; lastEntry: { hash: string } | null };
};

const staffOf = (party: 'federal' | 'state' | 'municipal') => world.governments[party];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'bank-match');
  for (const party of ['federal', 'state', 'municipal'] as const) {
    const pool = world.programme.pools!.find((p) => p.party === party)!;
    const created = expectStatus(
      await staffOf(party).programme_admin!.post<{ id: string }>('/v1/bank-accounts', {
        ledgerAccountId: pool.id,
        clabe: CLABES[party],
        bank: 'BBVA México',
        currency: 'MXN',
      }),
      201,
    ).body;
    pools[party] = { bankAccount: created.id, clabe: CLABES[party] };
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

const reconciliationOf = async (party: 'federal' | 'state' | 'municipal', bankAccount: string) =>
  expectStatus(
    await staffOf(party).approver!.get<Reconciliation>(`/v1/bank-accounts/${bankAccount}/reconciliation`),
    200,
  ).body;

/** Each pool's budget came in, and the bank charged a fee. */
const budgetStatement = (account: string): FileStatement => ({
  id: `BUDGET-${account.slice(-4)}`,
  account: { other: account },
  currency: 'MXN',
  openingDate: today(-1),
  opening: '0.00',
  closingDate: today(),
  lines: [
    {
      bookingDate: today(),
      amount: '100000000.00',
      direction: 'credit',
      counterparty: 'Tesorería',
      remittance: 'Presupuesto 3x1',
    },
    {
      bookingDate: today(),
      amount: '116.00',
      direction: 'debit',
      remittance: 'Comisión SPEI',
      transactionCode: 'ACMT/MDOP/CHRG',
    },
  ],
});

describe('matching a statement against the books', () => {
  it('gives the same result from camt.053, MT940 and CSV files of the same movements', async () => {
    const files = [
      ['federal', camt053(budgetStatement(CLABES.federal)), 'application/xml', ''],
      ['state', mt940(budgetStatement(CLABES.state)), 'text/plain', ''],
      ['municipal', csv(budgetStatement(CLABES.municipal)), 'text/csv', '?mapping=bbva-mx'],
    ] as const;
    const results = [];
    for (const [party, body, type, query] of files) {
      const imported = expectStatus(
        await postStatement(app, staffOf(party).tokens.programme_admin!, pools[party]!.bankAccount, body, type, query),
        201,
      ).body;
      expect(imported).toMatchObject({ lines: 2, matched: 1, unmatched: 1 });
      const report = await reconciliationOf(party, pools[party]!.bankAccount);
      // Line ids differ from account to account; everything else is the same.
      results.push({ ...report, unmatchedBank: report.unmatchedBank.map((line) => ({ ...line, lineId: 'any' })) });
    }
    for (const report of results) {
      expect(report).toMatchObject({
        ledgerBalance: '100000000.00',
        bankBalance: '99999884.00',
        difference: '116.00',
        status: 'unreconciled',
        matched: { lines: 1, credits: '100000000.00', debits: '0.00' },
        unmatchedLedger: [],
      });
      expect(report.unmatchedBank).toEqual([
        {
          bookingDate: today(),
          amount: '116.00',
          direction: 'debit',
          counterparty: '',
          remittance: 'Comisión SPEI',
          lineId: 'any',
          ageDays: 0,
          proposal: { kind: 'bank-fee', counterAccount: 'programme:bank-match:bank-charges:MXN' },
        },
      ]);
    }
    const rules = await database.sql`SELECT DISTINCT rule FROM bank_matches`;
    expect(rules.map((row) => row.rule)).toEqual(['amount+currency+date-window']);
  });

  it('posts a fee line as the entry it proposes, by staff explicitly, and the account reconciles', async () => {
    const { bankAccount } = pools.federal!;
    const open = expectStatus(
      await world.federal.programme_admin!.get<{ lines: Array<{ id: string; proposal: unknown }> }>(
        `/v1/bank-accounts/${bankAccount}/open-items`,
      ),
      200,
    ).body;
    const fee = open.lines[0]!;
    expect(fee.proposal).toEqual({ kind: 'bank-fee', counterAccount: 'programme:bank-match:bank-charges:MXN' });
    // Nothing was posted by itself: the books still lack the fee.
    const before = await database.sql`SELECT count(*)::int AS n FROM journal_entries WHERE kind = 'bank-fee'`;
    expect(before[0]!.n).toBe(0);
    const path = `/v1/bank-accounts/${bankAccount}/lines/${fee.id}/entry`;
    expectStatus(await world.federal.approver!.post(path, { reason: 'comisión SPEI de diciembre' }), 403);
    expectStatus(
      await world.federal.programme_admin!.post(
        path,
        { reason: 'comisión SPEI de diciembre' },
        { 'idempotency-key': null },
      ),
      400,
    );
    const posted = expectStatus(
      await world.federal.programme_admin!.post<{ entryId: string }>(path, { reason: 'comisión SPEI de diciembre' }),
      201,
    ).body;
    const [entry] = await database.sql`SELECT kind, metadata FROM journal_entries WHERE id = ${posted.entryId}`;
    expect(entry).toMatchObject({ kind: 'bank-fee', metadata: { bankLineId: fee.id } });
    expectStatus(await world.federal.programme_admin!.post(path, { reason: 'otra vez' }), 409);
    const report = await reconciliationOf('federal', bankAccount);
    expect(report).toMatchObject({
      ledgerBalance: '99999884.00',
      bankBalance: '99999884.00',
      difference: '0.00',
      status: 'reconciled',
      unmatchedBank: [],
      unmatchedLedger: [],
    });
    const audit = await database.sql`SELECT action FROM audit_log WHERE resource_id = ${bankAccount} ORDER BY id`;
    expect(audit.map((row) => row.action)).toEqual([
      'bank-account.registered',
      'bank-statement.imported',
      'bank-line.entry-posted',
    ]);
  });

  it('leaves an ambiguous pair open with candidates, resolved by hand; a reference decides alone', async () => {
    const filed = await file(world);
    await approve(world, filed.id);
    const share =
      await database.sql`SELECT id FROM ledger_accounts WHERE code = ${`application:${filed.id}:club:share`}`;
    const clabe = '014180000000000013';
    const bankAccount = expectStatus(
      await world.state.programme_admin!.post<{ id: string }>('/v1/bank-accounts', {
        ledgerAccountId: share[0]!.id,
        clabe,
        bank: 'Santander',
        currency: 'MXN',
        holder: 'Proyecto Hidalgo (cuenta del proyecto)',
      }),
      201,
    ).body.id;
    const entries: string[] = [];
    for (const amount of ['100000.00', '100000.00', '50000.00', '50000.00']) {
      expectStatus(
        await world.club.applicant!.post(`/v1/applications/${filed.id}/contributions`, { party: 'club', amount }),
        201,
      );
      const [row] = await database.sql`SELECT max(id)::text AS id FROM journal_entries WHERE kind = 'contribution'`;
      entries.push(row!.id);
    }
    const line = (amount: string, extra: Partial<FileLine> = {}): FileLine => ({
      bookingDate: today(),
      amount,
      direction: 'credit',
      counterparty: 'Club de migrantes',
      remittance: 'Aportación',
      ...extra,
    });
    const statement: FileStatement = {
      id: 'PROJ-1',
      account: { other: clabe },
      currency: 'MXN',
      openingDate: today(),
      opening: '0.00',
      closingDate: today(),
      lines: [
        line('100000.00'),
        line('100000.00'),
        line('50000.00', { remittance: `Aportación CF-E${entries[3]}` }),
        line('50000.00'),
      ],
    };
    const imported = expectStatus(
      await postStatement(
        app,
        world.state.tokens.programme_admin!,
        bankAccount,
        camt053(statement, '02'),
        'application/xml',
      ),
      201,
    ).body;
    // The 50,000.00 quoting its entry's reference is matched by it; the other 50,000.00 is then the only one left.
    expect(imported).toMatchObject({ lines: 4, matched: 2, unmatched: 2 });
    const rules =
      await database.sql`SELECT rule FROM bank_matches m WHERE bank_account_id = ${bankAccount} ORDER BY created_at`;
    expect(rules.map((row) => row.rule).sort()).toEqual([
      'amount+currency+date-window',
      'amount+currency+date-window+reference',
    ]);
    const open = expectStatus(
      await world.auditor.auditor!.get<{
        lines: Array<{ id: string; candidates: string[] }>;
        movements: Array<{ entryId: string }>;
      }>(`/v1/bank-accounts/${bankAccount}/open-items`),
      200,
    ).body;
    expect(open.lines).toHaveLength(2);
    for (const openLine of open.lines) expect(openLine.candidates.sort()).toEqual([entries[0], entries[1]].sort());
    expect(open.movements.map((m) => m.entryId).sort()).toEqual([entries[0], entries[1]].sort());

    const matchesPath = `/v1/bank-accounts/${bankAccount}/matches`;
    const first = open.lines[0]!;
    const second = open.lines[1]!;
    // Refused: no reason, unbalanced sides, an auditor.
    expectStatus(
      await world.state.programme_admin!.post(matchesPath, { lines: [first.id], entries: [entries[0]], reason: ' ' }),
      422,
    );
    const unbalanced = expectStatus(
      await world.state.programme_admin!.post<{ type: string }>(matchesPath, {
        lines: [first.id],
        entries: [entries[0], entries[1]],
        reason: 'x',
      }),
      422,
    ).body;
    expect(unbalanced.type).toBe('urn:cofund:problem:match-unbalanced');
    expectStatus(
      await world.auditor.auditor!.post(matchesPath, { lines: [first.id], entries: [entries[0]], reason: 'x' }),
      403,
    );
    // Two lines to two entries by hand (several lines to several movements), then undone and redone one to one.
    const both = expectStatus(
      await world.state.programme_admin!.post<{ id: string }>(matchesPath, {
        lines: [first.id, second.id],
        entries: [entries[0], entries[1]],
        reason: 'two transfers of the same day, as the club confirmed',
      }),
      201,
    ).body;
    expectStatus(
      await world.state.programme_admin!.post(matchesPath, {
        lines: [first.id],
        entries: [entries[0]],
        reason: 'again',
      }),
      422,
    );
    expectStatus(
      await world.state.programme_admin!.post(`${matchesPath}/${both.id}/undo`, {
        reason: 'matched one to one instead',
      }),
      200,
    );
    expectStatus(await world.state.programme_admin!.post(`${matchesPath}/${both.id}/undo`, { reason: 'twice' }), 409);
    expectStatus(
      await world.state.programme_admin!.post(matchesPath, {
        lines: [first.id],
        entries: [entries[0]],
        reason: 'folio 0412 of the club’s transfer order',
      }),
      201,
    );
    // What is left has one candidate: the rules take it.
    const rerun = expectStatus(
      await world.state.programme_admin!.post<{ matched: number }>(`/v1/bank-accounts/${bankAccount}/matching`, {}),
      200,
    ).body;
    expect(rerun.matched).toBe(1);
    const report = expectStatus(
      await world.auditor.auditor!.get<Reconciliation>(`/v1/bank-accounts/${bankAccount}/reconciliation`),
      200,
    ).body;
    expect(report).toMatchObject({
      ledgerBalance: '300000.00',
      bankBalance: '300000.00',
      difference: '0.00',
      status: 'reconciled',
      matched: { lines: 4, credits: '300000.00', debits: '0.00' },
    });
    const audit = await database.sql`SELECT action, details->>'reason' AS reason FROM audit_log
      WHERE resource_id = ${bankAccount} AND action LIKE 'bank-match%' ORDER BY id`;
    expect(audit.map((row) => [row.action, row.reason])).toEqual([
      ['bank-match.created', 'two transfers of the same day, as the club confirmed'],
      ['bank-match.undone', 'matched one to one instead'],
      ['bank-match.created', 'folio 0412 of the club’s transfer order'],
      ['bank-matching.run', null],
    ]);
    // None of it touched the ledger.
    const kinds = await database.sql`SELECT DISTINCT kind FROM journal_entries ORDER BY kind`;
    expect(kinds.map((row) => row.kind)).not.toContain('bank-match');
    await expect(database.sql`DELETE FROM bank_unmatches`).rejects.toThrow(/append-only/);
  });

  it('splits by hand: one line over several movements, several lines to one, each with its reason', async () => {
    const filed = await file(world);
    await approve(world, filed.id);
    const share =
      await database.sql`SELECT id FROM ledger_accounts WHERE code = ${`application:${filed.id}:club:share`}`;
    const clabe = `01418000000000002${clabeCheckDigit('01418000000000002')}`;
    const bankAccount = expectStatus(
      await world.state.programme_admin!.post<{ id: string }>('/v1/bank-accounts', {
        ledgerAccountId: share[0]!.id,
        clabe,
        bank: 'Santander',
        currency: 'MXN',
      }),
      201,
    ).body.id;
    const entries: string[] = [];
    for (const amount of ['60000.00', '40000.00', '30000.00']) {
      expectStatus(
        await world.club.applicant!.post(`/v1/applications/${filed.id}/contributions`, { party: 'club', amount }),
        201,
      );
      const [row] = await database.sql`SELECT max(id)::text AS id FROM journal_entries WHERE kind = 'contribution'`;
      entries.push(row!.id);
    }
    // The club's bank joined two orders into one transfer, and split a third over two days.
    const line = (amount: string, days: number): FileLine => ({
      bookingDate: today(days),
      amount,
      direction: 'credit',
      counterparty: 'Club de migrantes',
      remittance: 'Aportación',
    });
    const statement: FileStatement = {
      id: 'PROJ-SPLIT',
      account: { other: clabe },
      currency: 'MXN',
      openingDate: today(-1),
      opening: '0.00',
      closingDate: today(),
      lines: [line('100000.00', -1), line('10000.00', -1), line('20000.00', 0)],
    };
    const imported = expectStatus(
      await postStatement(app, world.state.tokens.programme_admin!, bankAccount, mt940(statement), 'text/plain'),
      201,
    ).body;
    expect(imported).toMatchObject({ lines: 3, matched: 0, unmatched: 3 });
    const lineIds = (
      await database.sql`SELECT id::text FROM bank_lines WHERE bank_account_id = ${bankAccount} ORDER BY position`
    ).map((row) => row.id as string);
    const matchesPath = `/v1/bank-accounts/${bankAccount}/matches`;
    const oneToMany = expectStatus(
      await world.state.programme_admin!.post<{ id: string }>(matchesPath, {
        lines: [lineIds[0]],
        entries: [entries[0], entries[1]],
        reason: 'one transfer for receipts 17 and 18',
      }),
      201,
    ).body;
    const manyToOne = expectStatus(
      await world.state.programme_admin!.post<{ id: string }>(matchesPath, {
        lines: [lineIds[1], lineIds[2]],
        entries: [entries[2]],
        reason: 'receipt 19 paid in two transfers',
      }),
      201,
    ).body;
    const held = await database.sql`SELECT m.id::text AS match, count(DISTINCT ml.line_id)::int AS lines,
        count(DISTINCT me.entry_id)::int AS entries, m.method, m.reason
      FROM bank_matches m JOIN bank_match_lines ml ON ml.match_id = m.id
      JOIN bank_match_entries me ON me.match_id = m.id
      WHERE m.bank_account_id = ${bankAccount} GROUP BY m.id ORDER BY m.created_at`;
    expect(held).toEqual([
      { match: oneToMany.id, lines: 1, entries: 2, method: 'manual', reason: 'one transfer for receipts 17 and 18' },
      { match: manyToOne.id, lines: 2, entries: 1, method: 'manual', reason: 'receipt 19 paid in two transfers' },
    ]);
    const report = expectStatus(
      await world.auditor.auditor!.get<Reconciliation>(`/v1/bank-accounts/${bankAccount}/reconciliation`),
      200,
    ).body;
    expect(report).toMatchObject({
      ledgerBalance: '130000.00',
      bankBalance: '130000.00',
      difference: '0.00',
      status: 'reconciled',
      matched: { lines: 3, credits: '130000.00', debits: '0.00' },
    });
    // Undone, the split's line and both movements are open again; the ledger never moved.
    const ledgerEntries = await database.sql`SELECT count(*)::int AS n FROM journal_entries`;
    expectStatus(
      await world.state.programme_admin!.post(`${matchesPath}/${oneToMany.id}/undo`, { reason: 'wrong receipts' }),
      200,
    );
    const open = expectStatus(
      await world.state.programme_admin!.get<{ lines: Array<{ id: string }>; movements: Array<{ entryId: string }> }>(
        `/v1/bank-accounts/${bankAccount}/open-items`,
      ),
      200,
    ).body;
    expect(open.lines.map((l) => l.id)).toEqual([lineIds[0]]);
    expect(open.movements.map((m) => m.entryId).sort()).toEqual([entries[0], entries[1]].sort());
    expect((await database.sql`SELECT count(*)::int AS n FROM journal_entries`)[0]!.n).toBe(ledgerEntries[0]!.n);
    const audit = await database.sql`SELECT action, details->>'reason' AS reason FROM audit_log
      WHERE resource_id = ${bankAccount} AND action LIKE 'bank-match%' ORDER BY id`;
    expect(audit.map((row) => [row.action, row.reason])).toEqual([
      ['bank-match.created', 'one transfer for receipts 17 and 18'],
      ['bank-match.created', 'receipt 19 paid in two transfers'],
      ['bank-match.undone', 'wrong receipts'],
    ]);
  });

  it('serves the reconciliation as JSON, CSV and PDF files, as it stood at an instant', async () => {
    const { bankAccount } = pools.state!;
    const beforeImport =
      await database.sql`SELECT min(imported_at) AS at FROM bank_statements WHERE bank_account_id = ${bankAccount}`;
    const json = expectStatus(
      await world.auditor.auditor!.get<Reconciliation>(`/v1/bank-accounts/${bankAccount}/reconciliation.json`),
      200,
    ).body;
    expect(json).toMatchObject({ difference: '116.00', status: 'unreconciled' });
    expect(json.chain.ok).toBe(true);
    const token = world.auditor.tokens.auditor!;
    const csvReply = await app.request(`/v1/bank-accounts/${bankAccount}/reconciliation.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csvReply.status).toBe(200);
    expect(csvReply.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csvReply.text();
    expect(text).toContain('difference,');
    expect(text).toMatch(/unmatched_bank,\d{4}-\d{2}-\d{2},\d+,debit,116\.00,0,Comisión SPEI \| proposed bank-fee/);
    const pdfReply = await app.request(`/v1/bank-accounts/${bankAccount}/reconciliation.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pdfReply.status).toBe(200);
    expect(pdfReply.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await pdfReply.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    // Before the statement was imported the bank line was not matched yet: the budget is unmatched on the books' side.
    const early = new Date(new Date(beforeImport[0]!.at).getTime() - 1).toISOString();
    const then = expectStatus(
      await world.auditor.auditor!.get<Reconciliation>(`/v1/bank-accounts/${bankAccount}/reconciliation?at=${early}`),
      200,
    ).body;
    expect(then.matched.lines).toBe(0);
    expectStatus(await world.outsider.programme_admin!.get(`/v1/bank-accounts/${bankAccount}/reconciliation.pdf`), 404);
    expectStatus(
      await world.auditor.auditor!.get(`/v1/bank-accounts/${bankAccount}/reconciliation?at=2999-01-01T00:00:00Z`),
      422,
    );
  });
});

describe('the bank accounts a caller sees', () => {
  it('lists in one query what seesAccount allows one by one: pools to staff, a share to its applicant', async () => {
    const keyOf = (org: { id: string }, organisationKind: OrganisationKind, role: KeyRole): Actor => ({
      kind: 'key',
      keyId: crypto.randomUUID(),
      organisationId: org.id,
      organisationKind,
      role,
    });
    const callers: Record<string, Actor> = {
      admin: { kind: 'admin' },
      auditor: keyOf(world.auditor, 'auditor', 'auditor'),
      federal: keyOf(world.federal, 'government', 'approver'),
      outsider: keyOf(world.outsider, 'government', 'programme_admin'),
      club: keyOf(world.club, 'association', 'applicant'),
      otherClub: keyOf(world.otherClub, 'association', 'applicant'),
    };
    const every = await database.db
      .select({ id: bankAccounts.id, chart: chartAccounts })
      .from(bankAccounts)
      .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, bankAccounts.ledgerAccountId))
      .innerJoin(chartAccounts, eq(chartAccounts.accountId, bankAccounts.ledgerAccountId))
      .orderBy(ledgerAccounts.code);
    const seen: Record<string, string[]> = {};
    for (const [name, actor] of Object.entries(callers)) {
      const listed = await visibleBankAccounts(database.db, { actor, now: new Date() });
      const allowed = [];
      for (const row of every) if (await seesAccount(database.db, actor, row.chart)) allowed.push(row.id);
      expect(
        listed.map((account) => account.id),
        name,
      ).toEqual(allowed);
      seen[name] = listed.map((account) => account.ledgerAccount.code);
    }
    expect(seen.admin).toHaveLength(every.length);
    expect(seen.auditor).toEqual(seen.admin);
    expect(seen.federal).toEqual(seen.admin);
    expect(seen.outsider).toEqual([]);
    expect(seen.otherClub).toEqual([]);
    expect(seen.club!.length).toBeGreaterThan(0);
    expect(seen.club!.every((code) => /^application:.*:club:share$/.test(code))).toBe(true);
    expect(seen.admin!.some((code) => code.endsWith(':pool'))).toBe(true);
  });
});
