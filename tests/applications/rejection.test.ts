import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Application } from '../support/api';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { balanceOf, expectStatus, expectTrialBalanced, openProgramme, organisation } from '../support/workflow';

let database: TestDatabase;
let app: App;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
});
afterAll(() => database.close());

describe('a rejected application', () => {
  it('returns what the club already paid in, reserves nothing, and takes no more decisions', async () => {
    const club = await organisation(app, 'Club Jalisco de Chicago', 'association', ['applicant']);
    const governments = await Promise.all(
      ['federal', 'state', 'municipal'].map((p) =>
        organisation(app, `Gobierno ${p}`, 'government', ['approver', 'programme_admin']),
      ),
    );
    const [federal, state, municipal] = governments as [
      (typeof governments)[0],
      (typeof governments)[0],
      (typeof governments)[0],
    ];
    const programme = await openProgramme(
      app,
      {
        code: '3x1-rechazo',
        name: '3x1 rechazo',
        ruleSet: 'tres-por-uno',
        currency: 'MXN',
        parties: { federal: federal.id, state: state.id, municipal: municipal.id },
      },
      governments,
    );
    const filed = expectStatus(
      await club.applicant!.post<Application>(`/v1/programmes/${programme.id}/applications`, {
        projectType: 'infrastructure',
        title: 'Centro comunitario',
        totalCost: '400000.00',
        currency: 'MXN',
        filedAt: '2015-06-01',
        registration: { validFrom: '2015-01-01', validTo: '2030-12-31' },
      }),
      201,
    ).body;
    expectStatus(
      await club.applicant!.post(`/v1/applications/${filed.id}/contributions`, { party: 'club', amount: '100000.00' }),
      201,
    );
    expect(await balanceOf(database.db, `application:${filed.id}:club:share`)).toMatchObject({ balance: '100000.00' });

    const seen = expectStatus(
      await federal.approver!.post<Application>(`/v1/applications/${filed.id}/approvals`, { decision: 'approve' }),
      200,
    ).body;
    // Acting on a stale version is refused (If-Match), and changes nothing.
    const stale = expectStatus(
      await state.approver!.post(
        `/v1/applications/${filed.id}/approvals`,
        { decision: 'reject' },
        { 'if-match': String(seen.version - 1) },
      ),
      412,
    );
    expect(stale.body).toMatchObject({ type: 'urn:cofund:problem:version-mismatch', currentVersion: seen.version });
    const rejected = expectStatus(
      await state.approver!.post<Application>(
        `/v1/applications/${filed.id}/approvals`,
        { decision: 'reject', comment: 'sin expediente técnico' },
        { 'if-match': String(seen.version) },
      ),
      200,
    ).body;
    expect(rejected.status).toBe('rejected');
    expect(rejected.outcome).toMatchObject({
      rejectedBy: 'state',
      reason: 'sin expediente técnico',
      refunded: [{ party: 'club', amount: '100000.00' }],
    });
    expect(rejected.reservations).toEqual([]);
    expect(await balanceOf(database.db, `application:${filed.id}:club:share`)).toMatchObject({ balance: '0.00' });
    expectStatus(
      await municipal.approver!.post(`/v1/applications/${filed.id}/approvals`, { decision: 'approve' }),
      409,
    );
    expectStatus(
      await club.applicant!.post(`/v1/applications/${filed.id}/contributions`, { party: 'club', amount: '1.00' }),
      409,
    );
    await expectTrialBalanced(database.db);
  });
});
