import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/api/app';
import { chartAccounts, ledgerAccounts } from '../../src/db/schema';
import { type Account, balanceAt, findAccountByCode, postEntry, sealPending, verifyChain } from '../../src/ledger';
import { programmeTrialBalance } from '../../src/workflow';
import { Decimal, formatMoney } from '../../src/money';
import { STATEMENT_CSV_COLUMNS, TRIAL_BALANCE_CSV_COLUMNS, formatAmount } from '../../src/statements';
import { type SampleProject, runSampleProject } from '../../tools/sample-project';
import type { DecisionLetterDocument, IssuedApiKey, Organisation, StatementDocument } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { client } from '../support/client';
import type { OpenApiDocument } from '../support/openapi';
import { parseCsv } from './support/csv-reader';
import { readPdf } from './support/pdf-text';

/*
 * Statements of a real ledger, asked over HTTP: a whole Tres por Uno project is run through the API
 * (tools/sample-project.ts), then every figure the documents print is compared with what
 * the ledger itself says (balanceAt, trialBalance, verifyChain, COUNT of postings).
 */

let database: TestDatabase;
let app: App;
let project: SampleProject;
let applicationAccounts: Account[];
const CODE = '3x1-statements';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  project = await runSampleProject(app, ADMIN_TOKEN, CODE);
  await sealPending(database.db);
  const rows = await database.db
    .select({ code: ledgerAccounts.code })
    .from(chartAccounts)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, chartAccounts.accountId))
    .where(eq(chartAccounts.applicationId, project.applicationId));
  applicationAccounts = await Promise.all(rows.map(async (row) => (await findAccountByCode(database.db, row.code))!));
});
afterAll(() => database.close());

const get = (token: string, path: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });
const pdfText = async (response: Response) =>
  (await readPdf(new Uint8Array(await response.arrayBuffer()))).map((page) => page.lines);
/** The answer's status, after reading its body: an unread body would keep the document's snapshot open. */
const statusOf = async (token: string, path: string) => {
  const response = await get(token, path);
  await response.arrayBuffer();
  return response.status;
};
const csvRecords = async (response: Response) => {
  // Read the bytes: Response.text() would drop the byte order mark this checks.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  expect(text.startsWith('\ufeff')).toBe(true);
  const [header, ...records] = parseCsv(text.slice(1));
  return records.map((record) => Object.fromEntries(header!.map((column, index) => [column, record[index]!])));
};
const mxn = (amount: string) => formatAmount(amount, 'MXN', 'en', { withSymbol: true });
const query = (period: { from: Date; to: Date }) => `from=${period.from.toISOString()}&to=${period.to.toISOString()}`;
const share = (party: string) => `application:${project.applicationId}:${party}:share`;
const disbursed = (party: string) => `application:${project.applicationId}:${party}:disbursed`;
const PARTIES = ['club', 'federal', 'state', 'municipal'] as const;
/** The parties' names in rules/tres-por-uno/2013.yaml, as an English document prints them. */
const PARTY_NAMES: Record<(typeof PARTIES)[number], string> = {
  club: 'migrant club (club de migrantes)',
  federal: 'federal government (SEDESOL)',
  state: 'state government',
  municipal: 'municipal government',
};

type Problem = { errors: Array<{ field: string; message: string }> };
const fields = (problem: unknown) => (problem as Problem).errors.map((error) => error.field);

/** The balance lines printed after the section heading of `code`. */
function sectionBalances(lines: string[], code: string) {
  const heading = lines.findIndex((line) => line.startsWith(`${code} · `));
  expect(heading, `section ${code}`).toBeGreaterThanOrEqual(0);
  const after = lines.slice(heading + 1);
  return {
    opening: after.find((line) => line.startsWith('Opening balance')),
    closing: after.find((line) => line.startsWith('Closing balance')),
    totals: after.find((line) => line.startsWith('Totals for the period')),
  };
}

/** Debits and credits of an account booked in [from, to), from the ledger's trial balances at both ends. */
async function periodMovements(code: string, period: { from: Date; to: Date }) {
  const line = async (at: Date) =>
    (await programmeTrialBalance(database.db, project.programme.id, at)).lines.find((l) => l.code === code);
  const [start, end] = await Promise.all([line(period.from), line(period.to)]);
  const minus = (a: string | undefined, b: string | undefined) => formatMoney(new Decimal(a ?? 0).minus(b ?? 0), 'MXN');
  return { debit: minus(end?.debits, start?.debits), credit: minus(end?.credits, start?.credits) };
}

/** What the ledger says each funder committed, paid in, disbursed and got back, at `at`. */
async function ledgerPartyTotals(at: Date) {
  const lines = new Map(
    (await programmeTrialBalance(database.db, project.programme.id, at)).lines.map((line) => [line.code, line]),
  );
  return PARTIES.map((party) => {
    const received = lines.get(share(party))!;
    const paidOut = lines.get(disbursed(party))!;
    return {
      party,
      committed: '600000.00',
      paid: received.debits,
      disbursed: paidOut.balance,
      // The share account is credited by disbursements (each debits the disbursed account) and by refunds.
      refunded: formatMoney(new Decimal(received.credits).minus(paidOut.debits), 'MXN'),
    };
  });
}

describe('application statement', () => {
  test('PDF: each account opens and closes at the ledger balances of the period, with the period totals', async () => {
    const period = { from: project.marks.contributed, to: project.marks.secondTranche };
    const response = await get(
      project.keys.auditor,
      `/v1/statements/applications/${project.applicationId}.pdf?${query(period)}&locale=en`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(
        `^attachment; filename="application-statement-${project.applicationId}-\\d{8}T\\d{6}Z-\\d{8}T\\d{6}Z\\.pdf"$`,
      ),
    );
    const lines = (await pdfText(response)).flat();
    expect(applicationAccounts).toHaveLength(8);
    for (const account of applicationAccounts) {
      const printed = sectionBalances(lines, account.code);
      const [opening, closing, movements] = await Promise.all([
        balanceAt(database.db, account.id, period.from),
        balanceAt(database.db, account.id, period.to),
        periodMovements(account.code, period),
      ]);
      expect(printed.opening).toBe(`Opening balance ${mxn(opening.balance)}`);
      expect(printed.closing).toBe(`Closing balance ${mxn(closing.balance)}`);
      expect(printed.totals).toBe(
        `Totals for the period ${formatAmount(movements.debit, 'MXN', 'en')} ` +
          formatAmount(movements.credit, 'MXN', 'en'),
      );
    }
    // The club had paid everything in before the period and got 550,000.00 paid out during it.
    expect(sectionBalances(lines, share('club'))).toMatchObject({
      opening: 'Opening balance MX$600,000.00',
      closing: 'Closing balance MX$50,000.00',
    });
    expect(lines.join('\n')).not.toMatch(/NOT RECONCILE|DIFFERS|BROKEN/);
  });

  test('PDF: header names who generated it; totals per party and the chain fingerprint equal the ledger', async () => {
    const response = await get(
      project.keys.auditor,
      `/v1/statements/applications/${project.applicationId}.pdf?locale=en`,
    );
    const pages = await pdfText(response);
    const lines = pages.flat();
    const keyPrefix = project.keys.auditor.slice(0, 12);
    expect(lines.find((line) => line.startsWith('Generated '))).toMatch(
      new RegExp(`by Auditoría Superior de la Federación \\(auditor, key ${keyPrefix}…\\)$`),
    );
    expect(lines).toContain(`Project: ${project.applicationId} — Pavimentación de la calle Hidalgo`);
    expect(lines).toContain('Owner: Club Zacatecano de Los Ángeles');
    for (const totals of await ledgerPartyTotals(new Date())) {
      const organisation = project.organisations[totals.party].name;
      const amounts = [totals.committed, totals.paid, totals.disbursed, totals.refunded].map(mxn).join(' ');
      expect(lines).toContain(`${PARTY_NAMES[totals.party]} ${organisation} ${amounts}`);
    }
    expect(lines).toContain(
      'migrant club (club de migrantes) Club Zacatecano de Los Ángeles ' +
        'MX$600,000.00 MX$600,000.00 MX$550,000.00 MX$50,000.00',
    );
    const chain = await verifyChain(database.db);
    expect(chain.ok).toBe(true);
    expect(lines).toContain(`Hash chain verified: ${chain.entries} entries checked, no alteration found.`);
    expect(lines).toContain(
      `Last sealed entry covered: ${chain.lastSeal!.entryId}, seal no. ${chain.lastSeal!.seq}, ` +
        `SHA-256: ${chain.lastSeal!.hash}`,
    );
    for (const [index, page] of pages.entries())
      expect(page.at(-1)).toMatch(new RegExp(`Page ${index + 1} of ${pages.length}$`));
  });

  test('CSV (RFC 4180): openings, entries, closings, parties and chain equal the ledger', async () => {
    const period = { from: project.marks.approved, to: project.marks.firstTranche };
    const response = await get(
      project.keys.auditor,
      `/v1/statements/applications/${project.applicationId}.csv?${query(period)}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const records = await csvRecords(response);
    expect(Object.keys(records[0]!)).toEqual([...STATEMENT_CSV_COLUMNS]);
    for (const account of applicationAccounts) {
      const mine = records.filter((record) => record.account_code === account.code);
      const [opening, closing, movements, [{ count } = { count: -1 }]] = await Promise.all([
        balanceAt(database.db, account.id, period.from),
        balanceAt(database.db, account.id, period.to),
        periodMovements(account.code, period),
        database.sql<{ count: number }[]>`
          SELECT count(*)::int AS count FROM postings WHERE account_id = ${account.id}
            AND created_at >= ${period.from.toISOString()}::timestamptz
            AND created_at < ${period.to.toISOString()}::timestamptz`,
      ]);
      expect(mine[0]).toMatchObject({
        record: 'opening',
        balance: opening.balance,
        booked_at: period.from.toISOString(),
      });
      expect(mine.filter((record) => record.record === 'entry')).toHaveLength(count);
      expect(mine.at(-1)).toMatchObject({
        record: 'closing',
        balance: closing.balance,
        debit: movements.debit,
        credit: movements.credit,
        memo: '',
      });
    }
    // Tranche 1 released 300,000.00 of each public share into the project and paid 300,000.00 out of each share.
    const federal = records.filter((record) => record.account_code === share('federal') && record.record === 'entry');
    expect(federal.map((record) => [record.kind, record.debit, record.credit, record.balance])).toEqual([
      ['tranche-funding', '300000.00', '', '300000.00'],
      ['disbursement', '', '300000.00', '0.00'],
    ]);
    expect(federal[0]!.counter_accounts).toBe(`programme:${CODE}:federal:pool`);
    const parties = records.filter((record) => record.record === 'party');
    const expected = await ledgerPartyTotals(period.to);
    expect(
      parties.map(({ party, committed, paid, disbursed: out, refunded }) => ({
        party,
        committed,
        paid,
        disbursed: out,
        refunded,
      })),
    ).toEqual(expected);
    const chain = await verifyChain(database.db);
    expect(records.at(-1)).toMatchObject({ record: 'chain', kind: 'verified', entry_id: chain.lastSeal!.entryId });
    expect(records.at(-1)!.memo).toContain(`sha256 ${chain.lastSeal!.hash}`);
  });

  test('JSON: reconciled sections, the same party totals, and who generated it', async () => {
    const response = await get(project.keys.auditor, `/v1/statements/applications/${project.applicationId}.json`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const document = (await response.json()) as StatementDocument;
    expect(document.header).toMatchObject({
      kind: 'application',
      locale: 'es-MX',
      currency: 'MXN',
      generatedBy: {
        organisation: 'Auditoría Superior de la Federación',
        role: 'auditor',
        keyPrefix: project.keys.auditor.slice(0, 12),
      },
    });
    expect(document.sections).toHaveLength(8);
    for (const section of document.sections) {
      expect(section.reconciled).toBe(true);
      expect(section.closingBalance).toBe(
        (await balanceAt(database.db, section.account.id, new Date(document.header.period!.to))).balance,
      );
    }
    expect(
      document.parties.map(({ party, committed, paid, disbursed: out, refunded }) => ({
        party,
        committed,
        paid,
        disbursed: out,
        refunded,
      })),
    ).toEqual(await ledgerPartyTotals(new Date(document.header.period!.to)));
    expect(document.chain).toMatchObject({ ok: true, unsealed: 0, firstBadEntry: null });
  });
});

describe('account, programme and trial balance documents', () => {
  test('an account statement for its owner: the club reads its share account', async () => {
    const account = applicationAccounts.find((a) => a.code === share('club'))!;
    const period = { from: project.marks.budgeted, to: project.marks.contributed };
    const response = await get(project.keys.club, `/v1/statements/accounts/${account.id}.csv?${query(period)}`);
    expect(response.status).toBe(200);
    const records = await csvRecords(response);
    expect(records.map((record) => [record.record, record.kind, record.debit, record.balance])).toEqual([
      ['opening', '', '', '0.00'],
      ['entry', 'contribution', '518000.00', '518000.00'],
      ['entry', 'contribution', '82000.00', '600000.00'],
      ['closing', '', '600000.00', (await balanceAt(database.db, account.id, period.to)).balance],
      ['chain', 'verified', '', ''],
    ]);
    // The dollars went through the FX positions: the entry names them as counter-accounts.
    expect(records[1]!.counter_accounts).toBe(
      `programme:${CODE}:club:source:USD; programme:${CODE}:fx:MXN; programme:${CODE}:fx:USD`,
    );
  });

  test('a programme statement: pools and project accounts at the ledger balances, totals per party', async () => {
    const period = { from: project.marks.budgeted, to: project.marks.closed };
    const response = await get(
      project.keys.federal.approver,
      `/v1/statements/programmes/${project.programme.id}.pdf?${query(period)}&locale=en`,
    );
    expect(response.status).toBe(200);
    const lines = (await pdfText(response)).flat();
    for (const party of ['federal', 'state', 'municipal']) {
      const pool = (await findAccountByCode(database.db, `programme:${CODE}:${party}:pool`))!;
      const printed = sectionBalances(lines, pool.code);
      expect(printed.opening).toBe(
        `Opening balance ${mxn((await balanceAt(database.db, pool.id, period.from)).balance)}`,
      );
      expect(printed.closing).toBe(
        `Closing balance ${mxn((await balanceAt(database.db, pool.id, period.to)).balance)}`,
      );
      expect(printed.closing).toBe('Closing balance MX$4,450,000.00');
    }
    for (const account of applicationAccounts)
      expect(lines.some((line) => line.startsWith(`${account.code} · `))).toBe(true);
    expect(lines).toContain(
      'federal government (SEDESOL) Secretaría de Bienestar MX$600,000.00 MX$550,000.00 MX$550,000.00 MX$0.00',
    );
  });

  test('the trial balance document lists what the ledger trial balance lists, and its totals balance', async () => {
    const at = project.marks.closed;
    const base = `/v1/statements/trial-balance`;
    const csv = await get(project.keys.auditor, `${base}.csv?programme=${project.programme.id}&at=${at.toISOString()}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="trial-balance-${CODE}-${at
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}.csv"`,
    );
    const records = await csvRecords(csv);
    expect(Object.keys(records[0]!)).toEqual([...TRIAL_BALANCE_CSV_COLUMNS]);
    const ledger = await programmeTrialBalance(database.db, project.programme.id, at);
    expect(
      records
        .filter((record) => record.record === 'account')
        .map((record) => [record.account_code, record.debit, record.credit, record.balance]),
    ).toEqual(ledger.lines.map((line) => [line.code, line.debits, line.credits, line.balance]));
    expect(
      records
        .filter((record) => record.record === 'total')
        .map((record) => [record.currency, record.debit, record.credit, record.account_name]),
    ).toEqual(ledger.totals.map((total) => [total.currency, total.debits, total.credits, 'balanced']));
    const pdf = await get(
      project.keys.auditor,
      `${base}.pdf?programme=${project.programme.id}&at=${at.toISOString()}&locale=en`,
    );
    const lines = (await pdfText(pdf)).flat();
    const mxnTotal = ledger.totals.find((total) => total.currency === 'MXN')!;
    expect(lines).toContain(`Grand totals ${mxn(mxnTotal.debits)} ${mxn(mxnTotal.credits)}`);
  });

  test("the decision letter: the plan, its rule trace and each party's approval", async () => {
    const response = await get(
      project.keys.club,
      `/v1/applications/${project.applicationId}/decision-letter.pdf?locale=en`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="decision-letter-${project.applicationId}.pdf"`,
    );
    const text = (await pdfText(response)).flat().join('\n');
    expect(text).toMatch(/Decision: APPROVED on /);
    expect(text).toContain('Rule set tres-por-uno, version 2013');
    // The party column wraps "federal government (SEDESOL)" after its first line.
    expect(text).toMatch(/federal government Secretaría de Bienestar approved .* COVAM 2014-03: validado/);
    expect(text).toContain('Acta de cabildo 14/2014');
    expect(text).toMatch(/3x1-1 migrant club \(club de migrantes\) pays 25% of the total cost/);
    const json = (await (
      await get(project.keys.auditor, `/v1/applications/${project.applicationId}/decision-letter.json`)
    ).json()) as DecisionLetterDocument;
    expect(json).toMatchObject({ outcome: 'approved', plan: { ruleSet: 'tres-por-uno', total: '2400000.00' } });
    expect(json.approvals.map((approval) => [approval.party, approval.decision])).toEqual([
      ['federal', 'approved'],
      ['state', 'approved'],
      ['municipal', 'approved'],
    ]);
  });
});

describe('a plan filed under an earlier text of the rules', () => {
  test('keeps its hash and trace, and its letter prints them in any locale with a notice', async () => {
    // As plans were stored before rule texts had locales: findings of {rule, says}, no texts, and the
    // hash of the file as it was then. Plans are immutable, so such a plan is written as a new filing.
    const legacyHash = 'a'.repeat(64);
    const [legacy] = (await database.db.execute(sql`
      INSERT INTO applications (programme_id, applicant_id, applicant_party, title, fields, plan, rule_version,
                                rule_hash, total, currency, filed_at)
      SELECT programme_id, applicant_id, applicant_party, title, fields,
             jsonb_set(jsonb_set(plan - 'texts', '{ruleHash}', to_jsonb(${legacyHash}::text)), '{trace}',
                       (SELECT jsonb_agg(step - 'message' - 'field') FROM jsonb_array_elements(plan -> 'trace') step)),
             rule_version, ${legacyHash}, total, currency, filed_at
        FROM applications WHERE id = ${project.applicationId}
      RETURNING id, plan`)) as unknown as Array<{ id: string; plan: { trace: Array<{ says: string }> } }>;
    const letter = `/v1/applications/${legacy!.id}/decision-letter`;
    const json = (await (await get(project.keys.auditor, `${letter}.json`)).json()) as DecisionLetterDocument;
    expect(json.plan.ruleHash).toBe(legacyHash);
    const response = await get(project.keys.auditor, `${letter}.pdf?locale=es-MX`);
    expect(response.status).toBe(200);
    const text = (await pdfText(response)).flat().join(' ');
    expect(text).toContain('Textos de las reglas en inglés: el archivo de reglas no tiene traducción al español.');
    expect(text).toContain('Reglas tres-por-uno, versión 2013, huella aaaa');
    for (const { says } of legacy!.plan.trace) expect(text).toContain(says.slice(0, 40));
  });
});

describe('who may ask, and for what period', () => {
  test(
    'auditors and owners yes; another organisation gets 404, as if nothing existed; ' +
      'the trial balance is for auditors',
    async () => {
      const admin = client(app, ADMIN_TOKEN);
      const stranger = (
        await admin.post<Organisation>('/v1/organisations', { name: 'Club Michoacano de Chicago', kind: 'association' })
      ).body.id;
      const strangerKey = (
        await admin.post<IssuedApiKey>(`/v1/organisations/${stranger}/api-keys`, { role: 'applicant' })
      ).body.key;
      const account = applicationAccounts[0]!;
      const paths = [
        `/v1/statements/applications/${project.applicationId}.pdf`,
        `/v1/statements/accounts/${account.id}.csv`,
        `/v1/statements/programmes/${project.programme.id}.json`,
        `/v1/applications/${project.applicationId}/decision-letter.pdf`,
      ];
      for (const path of paths) {
        expect(await statusOf(project.keys.auditor, path), path).toBe(200);
        expect(await statusOf(strangerKey, path), path).toBe(404);
      }
      // The club sees its project but not the programme's books; the federal government sees both.
      expect(await statusOf(project.keys.club, paths[0]!)).toBe(200);
      expect(await statusOf(project.keys.club, paths[2]!)).toBe(404);
      expect(await statusOf(project.keys.federal.approver, paths[2]!)).toBe(200);
      const trial = `/v1/statements/trial-balance.pdf?programme=${project.programme.id}`;
      expect(await statusOf(project.keys.club, trial)).toBe(403);
      expect(await statusOf(ADMIN_TOKEN, trial)).toBe(200);
      expect((await app.request(paths[0]!)).status).toBe(401);
    },
  );

  test('a period that is empty, reversed, in the future or malformed is a 422 naming the fields', async () => {
    const path = `/v1/statements/applications/${project.applicationId}.pdf`;
    const problem = async (suffix: string) => {
      const response = await get(project.keys.auditor, `${path}${suffix}`);
      expect(response.status, suffix).toBe(422);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      return fields(await response.json());
    };
    const instant = project.marks.approved.toISOString();
    expect(await problem(`?from=${instant}&to=${instant}`)).toEqual(['query.from', 'query.to']);
    expect(await problem(`?from=${project.marks.closed.toISOString()}&to=${instant}`)).toEqual([
      'query.from',
      'query.to',
    ]);
    expect(await problem(`?to=${new Date(Date.now() + 3_600_000).toISOString()}`)).toEqual(['query.to']);
    expect(await problem('?from=2026-03-01')).toEqual(['query.from']);
    expect(await problem('?locale=de-DE')).toEqual(['query.locale']);
    expect(await problem(`?to=${project.marks.start.toISOString()}`)).toEqual(['query.from', 'query.to']);
    const bad = await get(project.keys.auditor, '/v1/statements/accounts/not-an-id.xml');
    expect(fields(await bad.json())).toEqual(['path.id', 'path.format']);
    const noProgramme = await get(project.keys.auditor, '/v1/statements/trial-balance.csv');
    expect(noProgramme.status).toBe(422);
    expect(((await noProgramme.json()) as Problem).errors).toEqual([
      { field: 'query.programme', message: 'required: the id of the programme' },
    ]);
  });
});

test('the OpenAPI document describes each document route with its binary and text bodies', async () => {
  const { paths } = (await (await app.request('/openapi.json')).json()) as OpenApiDocument;
  for (const kind of ['accounts', 'applications', 'programmes']) {
    const route = paths[`/v1/statements/${kind}/{id}.{format}`]!.get!;
    expect(route.parameters.map((parameter) => parameter.name)).toEqual(['id', 'format', 'from', 'to', 'locale']);
    expect(route.responses['200']!.content!['application/pdf']!.schema).toEqual({ type: 'string', format: 'binary' });
    expect(Object.keys(route.responses['200']!.content!)).toEqual(['application/pdf', 'text/csv', 'application/json']);
    expect(route.responses['501']).toBeDefined();
  }
  expect(paths['/v1/statements/trial-balance.{format}']!.get!.parameters.map((parameter) => parameter.name)).toEqual([
    'format',
    'programme',
    'at',
    'locale',
  ]);
  expect(Object.keys(paths['/v1/applications/{id}/decision-letter.{format}']!.get!.responses['200']!.content!)).toEqual(
    ['application/pdf', 'application/json'],
  );
});

describe('streaming from one snapshot', () => {
  const openTransactions = async () =>
    (
      await database.sql<{ count: number }[]>`
        SELECT count(*)::int AS count FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`
    )[0]!.count;

  test('the snapshot stays open while the body streams and ends when the reader cancels', async () => {
    const response = await get(project.keys.auditor, `/v1/statements/programmes/${project.programme.id}.pdf`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(new TextDecoder().decode(first.value!.slice(0, 5))).toBe('%PDF-');
    expect(await openTransactions()).toBe(1);
    await reader.cancel();
    await expect.poll(openTransactions).toBe(0);
  });

  test('an entry committed while the statement streams changes neither its counts nor its rows', async () => {
    const account = (code: string) => findAccountByCode(database.db, code).then((found) => found!);
    const [pool, stateShare] = await Promise.all([account(`programme:${CODE}:state:pool`), account(share('state'))]);
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let booked!: () => void;
    const isBooked = new Promise<void>((resolve) => (booked = resolve));
    // Booked now, committed only once the statement has counted its rows and drawn its first pages.
    const late = database.db.transaction(async (tx) => {
      await postEntry(tx, {
        idempotencyKey: `late-${crypto.randomUUID()}`,
        kind: 'adjustment',
        memo: 'late entry',
        postings: [
          { accountId: stateShare.id, side: 'debit', amount: '1.00' },
          { accountId: pool.id, side: 'credit', amount: '1.00' },
        ],
      });
      booked();
      await committing;
    });
    await isBooked;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const to = new Date();
    const path = `/v1/statements/programmes/${project.programme.id}.pdf?to=${to.toISOString()}&locale=en`;
    const response = await get(project.keys.auditor, path);
    const reader = response.body!.getReader();
    const chunks = [(await reader.read()).value!];
    // The project accounts come on the last pages: their cursors open after this commit.
    commit();
    await late;
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    const lines = (await readPdf(new Uint8Array(await new Blob(chunks).arrayBuffer()))).flatMap((page) => page.lines);
    expect(lines.join('\n')).not.toMatch(/late entry|NOT RECONCILE|DIFFERS/);
    expect(sectionBalances(lines, stateShare.code).closing).toBe('Closing balance MX$0.00');
    // Asked again for the same period, the statement has it: it was booked before the period's end.
    const again = (await pdfText(await get(project.keys.auditor, path))).flat();
    expect(again.some((line) => line.includes('late entry'))).toBe(true);
    expect(sectionBalances(again, stateShare.code).closing).toBe('Closing balance MX$1.00');
    expect(again.join('\n')).not.toMatch(/NOT RECONCILE|DIFFERS/);
  });
});
