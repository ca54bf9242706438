import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Application } from '../support/api';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus, openProgramme, organisation, testClock } from '../support/workflow';
import { about, feed, scanAt } from './support';

/*
 * M-6: the grant is clawed back if the investor disinvests within 5 years of releasing its equity
 * (the day its whole share was paid in). The programme and the investor are told 30 calendar days
 * before the window ends, and on its last day.
 */
let database: TestDatabase;
let app: App;
const clock = testClock('2016-03-01T09:00:00Z');
let investor: Awaited<ReturnType<typeof organisation>>;
let partner: Awaited<ReturnType<typeof organisation>>;
let state: Awaited<ReturnType<typeof organisation>>;
let bank: Awaited<ReturnType<typeof organisation>>;
let project: Application;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: clock.now });
  investor = await organisation(app, 'Investisseur', 'investor', ['applicant']);
  partner = await organisation(app, 'Autre investisseur', 'investor', ['applicant']);
  state = await organisation(app, 'Caisse', 'government', ['approver', 'programme_admin']);
  bank = await organisation(app, 'Banque', 'bank', ['approver', 'programme_admin']);
  const programme = await openProgramme(
    app,
    {
      code: 'deadlines-m6',
      name: 'MDM',
      ruleSet: 'mdm-invest',
      currency: 'MAD',
      parties: { grant: state.id, bank: bank.id },
    },
    [state, bank],
  );
  expectStatus(
    await state.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, {
      party: 'grant',
      amount: '10000000.00',
    }),
    201,
  );
  project = expectStatus(
    await investor.applicant!.post<Application>(`/v1/programmes/${programme.id}/applications`, {
      projectType: 'creation',
      title: 'Usine, Tanger',
      totalCost: '80000000.00',
      currency: 'MAD',
      sector: 'industry',
      location: 'Tanger Med',
      investorStatus: 'mre',
      investorStakePercent: 100,
    }),
    201,
  ).body;
  for (const approver of [state, bank])
    expectStatus(
      await approver.approver!.post(`/v1/applications/${project.id}/approvals`, { decision: 'approve' }),
      200,
    );
  // The equity (MAD 20,000,000.00) paid in euros, in two payments: released on the second, 2016-03-10.
  for (const [day, euros] of [
    ['2016-03-02T10:00:00Z', '1000000.00'],
    ['2016-03-10T10:00:00Z', '1000000.00'],
  ] as const) {
    clock.set(day);
    expectStatus(
      await investor.applicant!.post(`/v1/applications/${project.id}/contributions`, {
        party: 'investor',
        amount: euros,
        currency: 'EUR',
        fxRate: '10.0000',
      }),
      201,
    );
  }
});
afterAll(() => database.close());

const clawbackNotices = async (by: Awaited<ReturnType<typeof organisation>>) =>
  about(await feed(by.applicant ?? by.approver!, 'deadline.approaching'), project.id).filter(
    (event) => event.payload.kind === 'clawback-window-ends',
  );

describe('M-6 clawback window', () => {
  it('says nothing until 30 days before the window ends', async () => {
    await scanAt(database.db, clock, '2020-03-10T12:00:00Z');
    await scanAt(database.db, clock, '2021-02-07T23:00:00Z');
    expect(await clawbackNotices(investor)).toEqual([]);
  });

  it('tells the investor and the programme 30 days before, once', async () => {
    expect(await scanAt(database.db, clock, '2021-02-08T06:00:00Z')).toMatchObject({ approaching: 1 });
    await scanAt(database.db, clock, '2021-02-09T06:00:00Z');
    await scanAt(database.db, clock, '2021-03-09T06:00:00Z');
    const seen = await clawbackNotices(investor);
    expect(seen).toEqual([
      expect.objectContaining({
        occurredAt: '2021-02-08T06:00:00.000Z',
        payload: {
          applicationId: project.id,
          rule: 'M-6',
          kind: 'clawback-window-ends',
          party: 'grant',
          from: '2016-03-10',
          due: '2021-03-10',
          daysLeft: 30,
        },
      }),
    ]);
    expect(seen[0]!.organisationIds).toEqual(expect.arrayContaining([investor.id, state.id, bank.id]));
    expect(await clawbackNotices(state)).toHaveLength(1);
    // BOLA: another investor sees nothing of it.
    expect(await clawbackNotices(partner)).toEqual([]);
  });

  it('tells them once more on the last day of the window, and then never again', async () => {
    expect(await scanAt(database.db, clock, '2021-03-10T06:00:00Z')).toMatchObject({ approaching: 1 });
    await scanAt(database.db, clock, '2021-03-11T06:00:00Z');
    await scanAt(database.db, clock, '2022-03-11T06:00:00Z');
    const seen = await clawbackNotices(investor);
    expect(seen.map((event) => event.payload.daysLeft)).toEqual([30, 0]);
    expect(seen[1]!.payload).toMatchObject({ due: '2021-03-10', rule: 'M-6' });
    expect(await clawbackNotices(partner)).toEqual([]);
  });
});
