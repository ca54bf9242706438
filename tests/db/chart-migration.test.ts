import { randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { migrationsFolder } from '../../src/db/migrate';
import { databaseUrl } from '../support/database-url';

/*
 * Migration 0016 moves account ownership from the ledger to the chart of accounts. A database
 * migrated up to 0015 with accounts of every kind of the chart must come out with each account's
 * programme, application, owner, party and role in chart_accounts, and none left behind.
 */
const CHART_MIGRATION = '0016_chart_accounts.sql';

let admin: postgres.Sql;
const opened: string[] = [];

async function migrationFiles(): Promise<string[]> {
  return (await readdir(migrationsFolder)).filter((name) => name.endsWith('.sql')).sort();
}

async function runFile(sql: postgres.Sql, name: string): Promise<void> {
  const text = await readFile(path.join(migrationsFolder, name), 'utf8');
  for (const statement of text.split('--> statement-breakpoint')) {
    if (statement.trim() !== '') await sql.unsafe(statement);
  }
}

/** A database of its own at migration 0015 (named under the run's prefix, so the teardown drops it). */
async function databaseBeforeChart(): Promise<postgres.Sql> {
  const name = `${inject('databaseTemplate').replace(/_template$/, '')}_chart_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  opened.push(name);
  const sql = postgres(databaseUrl(inject('databaseAdminUrl'), name), { max: 1, onnotice: () => {} });
  for (const file of (await migrationFiles()).filter((file) => file < CHART_MIGRATION)) await runFile(sql, file);
  return sql;
}

const FEDERAL = '00000000-0000-4000-8000-000000000001';
const CLUB = '00000000-0000-4000-8000-000000000002';
const PROGRAMME = '00000000-0000-4000-8000-0000000000a1';
const APPLICATION = '00000000-0000-4000-8000-0000000000b1';

/** One programme (its code has a colon, as codes may), a bound party, a filed application. */
async function workflowRows(sql: postgres.Sql): Promise<void> {
  await sql`
    INSERT INTO organisations (id, name, kind)
    VALUES (${FEDERAL}, 'Federal', 'government'), (${CLUB}, 'Club', 'association')`;
  await sql`
    INSERT INTO programmes (id, code, name, rule_set, currency)
    VALUES (${PROGRAMME}, '3x1:zac', '3x1', 'tres-por-uno', 'MXN')`;
  await sql`
    INSERT INTO programme_parties (programme_id, party, organisation_id, status)
    VALUES (${PROGRAMME}, 'federal', ${FEDERAL}, 'accepted')`;
  await sql`
    INSERT INTO applications (id, programme_id, applicant_id, applicant_party, title, fields, plan,
                              rule_version, rule_hash, total, currency, filed_at)
    VALUES (${APPLICATION}, ${PROGRAMME}, ${CLUB}, 'club', 'Well', '{}',
            ${sql.json({ shares: [{ party: 'federal' }, { party: 'club' }, { party: 'municipal' }] })},
            '1', 'hash', '100', 'MXN', now())`;
}

async function oldAccount(
  sql: postgres.Sql,
  code: string,
  owners: { owner?: string; programme?: string; application?: string },
  type = 'asset',
  currency = 'MXN',
): Promise<void> {
  const side = type === 'asset' || type === 'expense' ? 'debit' : 'credit';
  await sql`
    INSERT INTO ledger_accounts (code, name, type, normal_side, currency, minor_units, min_balance,
                                 owner_organisation_id, programme_id, application_id)
    VALUES (${code}, ${code}, ${type}::account_type, ${side}::posting_side, ${currency}, 2, NULL,
            ${owners.owner ?? null}, ${owners.programme ?? null}, ${owners.application ?? null})`;
}

beforeAll(() => {
  admin = postgres(inject('databaseAdminUrl'), { max: 1, onnotice: () => {} });
});
afterAll(() => admin.end({ timeout: 5 }));

describe('migration 0016: ownership moves to the chart of accounts', () => {
  it("copies every account's programme, application, owner, party and role, recognised by rebuilt codes", async () => {
    const sql = await databaseBeforeChart();
    try {
      await workflowRows(sql);
      const ofProgramme = { programme: PROGRAMME };
      const ofApplication = { programme: PROGRAMME, application: APPLICATION };
      await oldAccount(sql, 'programme:3x1:zac:federal:pool', { ...ofProgramme, owner: FEDERAL });
      await oldAccount(sql, 'programme:3x1:zac:federal:source:MXN', { ...ofProgramme, owner: FEDERAL }, 'equity');
      await oldAccount(sql, 'programme:3x1:zac:club:source:USD', ofProgramme, 'equity', 'USD');
      await oldAccount(sql, 'programme:3x1:zac:fx:USD', ofProgramme, 'equity', 'USD');
      await oldAccount(sql, 'programme:3x1:zac:bank-charges:MXN', ofProgramme, 'expense');
      await oldAccount(sql, `application:${APPLICATION}:municipal:share`, ofApplication);
      await oldAccount(sql, `application:${APPLICATION}:club:disbursed`, { ...ofApplication, owner: CLUB }, 'expense');
      await oldAccount(sql, 'world', {}, 'equity');
      await runFile(sql, CHART_MIGRATION);

      const rows = await sql<
        Array<{ code: string; programme: string | null; application: string | null; owner: string | null }>
      >`
        SELECT a.code, c.programme_id AS programme, c.application_id AS application,
               c.owner_organisation_id AS owner, c.party, c.role::text AS role
        FROM ledger_accounts a LEFT JOIN chart_accounts c ON c.account_id = a.id ORDER BY a.code`;
      expect(rows.map((row) => ({ ...row }))).toEqual([
        {
          code: `application:${APPLICATION}:club:disbursed`,
          programme: PROGRAMME,
          application: APPLICATION,
          owner: CLUB,
          party: 'club',
          role: 'disbursed',
        },
        {
          code: `application:${APPLICATION}:municipal:share`,
          programme: PROGRAMME,
          application: APPLICATION,
          owner: null,
          party: 'municipal',
          role: 'share',
        },
        ...[
          ['programme:3x1:zac:bank-charges:MXN', null, null, 'bank-charges'],
          ['programme:3x1:zac:club:source:USD', null, 'club', 'source'],
          ['programme:3x1:zac:federal:pool', FEDERAL, 'federal', 'pool'],
          ['programme:3x1:zac:federal:source:MXN', FEDERAL, 'federal', 'source'],
          ['programme:3x1:zac:fx:USD', null, null, 'fx'],
        ].map(([code, owner, party, role]) => ({ code, programme: PROGRAMME, application: null, owner, party, role })),
        { code: 'world', programme: null, application: null, owner: null, party: null, role: null },
      ]);
      const columns = await sql`
        SELECT column_name FROM information_schema.columns
        WHERE table_name = 'ledger_accounts'
          AND column_name IN ('owner_organisation_id', 'programme_id', 'application_id')`;
      expect(columns).toHaveLength(0);
      await expect(sql`UPDATE chart_accounts SET owner_organisation_id = NULL`).rejects.toThrow(/never changes/);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });

  it('stops, dropping nothing, when an account with an owner is no account of the chart', async () => {
    const sql = await databaseBeforeChart();
    try {
      await workflowRows(sql);
      await oldAccount(sql, 'hand-made', { owner: CLUB });
      await expect(runFile(sql, CHART_MIGRATION)).rejects.toThrow(/hand-made has an owner/);
      const [kept] = await sql`SELECT owner_organisation_id AS owner FROM ledger_accounts WHERE code = 'hand-made'`;
      expect(kept!.owner).toBe(CLUB);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});
