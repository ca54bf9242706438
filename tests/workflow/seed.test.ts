import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealPending, verifyChain } from '../../src/ledger';
import { DEMO_PROGRAMMES, type SeedResult, seedDemo } from '../../src/seed/demo';
import { formatGuide } from '../../src/seed/guide';
import type { ApplicationSummary, Page, Tranche } from '../support/api';
import { createTestApp, loadShippedRules } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { balanceOf, expectStatus, expectTrialBalanced } from '../support/workflow';
import { footprint } from './fixtures';

let database: TestDatabase;
let first: SeedResult;
const context = { target: 'the test database', baseUrl: 'http://localhost:8787', adminTokenSet: false };

beforeAll(async () => {
  database = await createTestDatabase();
  first = await seedDemo(database.db, await loadShippedRules());
});
afterAll(() => database.close());

const keyOf = (result: SeedResult, organisation: string, role: string) =>
  result.keys.find((k) => k.organisation === organisation && k.role === role)!.key;

describe('npm run seed', () => {
  it('opens one programme of each shipped rule set, with projects at every stage', async () => {
    expect(first.programmes.map((p) => [p.code, p.ruleSet, p.created])).toEqual(
      Object.entries(DEMO_PROGRAMMES).map(([code, spec]) => [code, spec.ruleSet, true]),
    );
    const rules = await loadShippedRules();
    expect(new Set(first.programmes.map((p) => p.ruleSet))).toEqual(new Set(rules.list().map((version) => version.id)));
    expect(first.applications.map((a) => [a.programme, a.status])).toEqual([
      ['demo-tres-por-uno', 'closed'],
      ['demo-tres-por-uno', 'approved'],
      ['demo-tres-por-uno', 'filed'],
      ['demo-zacatecas-2x1', 'approved'],
      ['demo-mdm-invest', 'approved'],
      ['demo-mdm-invest', 'filed'],
      ['demo-adm', 'closed'],
    ]);
    // Judged by the rule versions the docs promise: 3x1 2013 (historical), 2x1 2019, MDM 2021, ADM 2011.
    const versions = await database.sql`SELECT title, rule_version FROM applications ORDER BY created_at`;
    expect(versions.map((row) => row.rule_version)).toEqual(['2013', '2013', '2013', '2019', '2021', '2021', '2011']);
  });

  it('leaves books that balance, verify, and say where every peso, dirham and dollar is', async () => {
    await expectTrialBalanced(database.db);
    expect(await verifyChain(database.db)).toMatchObject({ ok: true, unsealed: 0, balanceMismatches: [] });
    // Tres por Uno: 2,400,000.00 closed (600,000.00 per government) and the first 200,000.00 of the water project.
    expect(await balanceOf(database.db, 'programme:demo-tres-por-uno:federal:pool')).toEqual({
      balance: '9200000.00',
      held: '200000.00',
    });
    // The school project is filed, not approved: nothing reserved for it.
    expect(await balanceOf(database.db, 'programme:demo-tres-por-uno:state:pool')).toEqual({
      balance: '9200000.00',
      held: '200000.00',
    });
    // 2x1: approved (400,000.00 and 350,000.00 reserved), no tranche posted yet.
    expect(await balanceOf(database.db, 'programme:demo-zacatecas-2x1:state:pool')).toEqual({
      balance: '5000000.00',
      held: '400000.00',
    });
    expect(await balanceOf(database.db, 'programme:demo-zacatecas-2x1:municipal:pool')).toEqual({
      balance: '5000000.00',
      held: '350000.00',
    });
    // MDM: 40% of the 1,200,000.00 grant paid out, 720,000.00 still reserved.
    expect(await balanceOf(database.db, 'programme:demo-mdm-invest:grant:pool')).toEqual({
      balance: '19520000.00',
      held: '720000.00',
    });
    // ADM: 45,000.00 matched and paid.
    expect(await balanceOf(database.db, 'programme:demo-adm:grant:pool')).toEqual({
      balance: '455000.00',
      held: '0.00',
    });
  });

  it('issues working keys for every role, shown in the guide', async () => {
    expect(new Set(first.keys.map((k) => k.role))).toEqual(
      new Set(['applicant', 'approver', 'programme_admin', 'auditor']),
    );
    const app = await createTestApp(database.db);
    const club = client(app, keyOf(first, 'Club Zacatecano de Los Ángeles', 'applicant'));
    const mine = expectStatus(await club.get<Page<ApplicationSummary>>('/v1/applications?limit=100'), 200).body.items;
    expect(mine.map((a) => a.title).sort()).toEqual([
      'Agua potable para la comunidad de Ermita de los Correa',
      'Centro comunitario de Jalpa',
      'Pavimentación de la calle Hidalgo',
      'Rehabilitación de la escuela primaria Benito Juárez',
    ]);
    const auditor = client(app, keyOf(first, 'Auditoría Superior de la Federación', 'auditor'));
    expectStatus(await auditor.get('/v1/ledger/trial-balance'), 200);

    const guide = formatGuide(first, context);
    for (const key of first.keys) expect(guide).toContain(key.key);
    expect(guide).toContain('export APPROVER=');
    expect(guide).toContain('http://localhost:8787/docs');
    expect(guide).toContain('COFUND_ADMIN_TOKEN');
    const waiting = first.applications.find((a) => a.waitingTranche)!;
    expect(guide).toContain(`/v1/tranches/${waiting.waitingTranche}/approvals`);
  });

  it('changes nothing when run again, and says the demo is there', async () => {
    await sealPending(database.db);
    const before = await footprint(database.sql);
    const again = await seedDemo(database.db, await loadShippedRules());
    expect(await footprint(database.sql)).toEqual(before);
    expect(again.programmes.map((p) => [p.code, p.created])).toEqual(first.programmes.map((p) => [p.code, false]));
    expect(again.programmes.map((p) => p.id)).toEqual(first.programmes.map((p) => p.id));
    expect(again.keys).toEqual([]);
    expect(again.organisations.map((o) => o.id).sort()).toEqual(first.organisations.map((o) => o.id).sort());
    const guide = formatGuide(again, context);
    expect(guide).toContain('The demo is already seeded in the test database');
    expect(guide).toContain('Nothing was changed');
    expect(guide).not.toContain('cfk_');
  });

  it("is a demo one can act on: the municipality's approval posts the waiting 2x1 tranche", async () => {
    const app = await createTestApp(database.db);
    const approver = client(app, keyOf(first, 'Municipio de Jerez', 'approver'));
    const waiting = first.applications.find((a) => a.waitingTranche)!;
    const posted = expectStatus(
      await approver.post<Tranche>(`/v1/tranches/${waiting.waitingTranche}/approvals`, { decision: 'approve' }),
      200,
    ).body;
    expect(posted.status).toBe('posted');
    expect(posted.parts).toEqual([
      { party: 'state', amount: '200000.00' },
      { party: 'municipal', amount: '175000.00' },
      { party: 'club', amount: '125000.00' },
    ]);
    await expectTrialBalanced(database.db);
  });
});
