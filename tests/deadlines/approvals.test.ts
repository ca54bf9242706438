import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/api/app';
import { startDeadlineScanner } from '../../src/deadlines';
import type { Application, Problem, Programme, Tranche } from '../support/api';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus, testClock } from '../support/workflow';
import { type World, approve, file, fundedProject, requestTranche, threeByOneProgramme } from '../workflow/fixtures';
import { about, feed, scanAt } from './support';

/*
 * Approvals pending more than the programme's `approvalReminderDays`: each party that has not
 * decided is reminded once per application or tranche, and only its own organisation is told.
 */
let database: TestDatabase;
let app: App;
const clock = testClock('2014-03-03T15:00:00Z');
let quick: World;
let usual: World;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: clock.now });
  quick = await threeByOneProgramme(app, 'deadlines-quick', {}, { approvalReminderDays: 3 });
  usual = await threeByOneProgramme(app, 'deadlines-usual');
});
afterAll(() => database.close());

const pendingFor = async (world: World, party: 'federal' | 'state' | 'municipal', applicationId: string) =>
  about(await feed(world.governments[party].approver!, 'deadline.approaching'), applicationId).filter(
    (event) => event.payload.kind === 'approval-pending',
  );

describe('the programme setting', () => {
  it('is 10 days unless the programme says otherwise, and must be 1 to 365 days', async () => {
    expect(quick.programme.approvalReminderDays).toBe(3);
    expect(usual.programme.approvalReminderDays).toBe(10);
    for (const days of [0, 366, 2.5, '3']) {
      const refused = expectStatus(
        await quick.admin.post<Problem>('/v1/programmes', {
          code: `deadlines-bad-${String(days).replace('.', '-')}`,
          name: 'Bad setting',
          ruleSet: 'tres-por-uno',
          currency: 'MXN',
          parties: { federal: quick.federal.id, state: quick.state.id, municipal: quick.municipal.id },
          approvalReminderDays: days,
        }),
        422,
      ).body;
      expect(refused.errors).toEqual([expect.objectContaining({ field: 'body.approvalReminderDays' })]);
    }
    const read = expectStatus(await quick.admin.get<Programme>(`/v1/programmes/${quick.programme.id}`), 200).body;
    expect(read.approvalReminderDays).toBe(3);
  });
});

describe('an application waiting for its approvers', () => {
  let application: Application;
  let slow: Application;

  it('reminds each party that has not decided once the setting has passed, once, to it alone', async () => {
    clock.set('2014-03-03T15:00:00Z');
    application = await file(quick);
    slow = await file(usual);
    await approve(quick, application.id, ['federal']);
    await scanAt(database.db, clock, '2014-03-06T14:59:00Z');
    expect(await pendingFor(quick, 'state', application.id)).toEqual([]);

    expect(await scanAt(database.db, clock, '2014-03-06T15:00:00Z')).toMatchObject({ approaching: 2 });
    await scanAt(database.db, clock, '2014-03-07T15:00:00Z');
    for (const party of ['state', 'municipal'] as const) {
      const seen = await pendingFor(quick, party, application.id);
      expect(seen).toEqual([
        expect.objectContaining({
          organisationIds: [quick.governments[party].id],
          payload: {
            applicationId: application.id,
            kind: 'approval-pending',
            party,
            pendingSince: '2014-03-03T15:00:00.000Z',
            dueAt: '2014-03-06T15:00:00.000Z',
            days: 3,
          },
        }),
      ]);
    }
    // The federal government decided; the club and outsiders are not the ones to decide.
    expect(await pendingFor(quick, 'federal', application.id)).toEqual([]);
    expect(about(await feed(quick.club.applicant!, 'deadline.approaching'), application.id)).toEqual([]);
    expect(about(await feed(quick.outsider.approver!, 'deadline.approaching'), application.id)).toEqual([]);
    // Ten days for the usual programme: not yet.
    expect(await pendingFor(usual, 'federal', slow.id)).toEqual([]);
  });

  it('counts the default 10 days for a programme that set nothing', async () => {
    await scanAt(database.db, clock, '2014-03-13T14:00:00Z');
    expect(await pendingFor(usual, 'federal', slow.id)).toEqual([]);
    await scanAt(database.db, clock, '2014-03-13T15:00:00Z');
    for (const party of ['federal', 'state', 'municipal'] as const)
      expect(await pendingFor(usual, party, slow.id)).toEqual([
        expect.objectContaining({ payload: expect.objectContaining({ party, days: 10 }) }),
      ]);
  });
});

describe('a tranche waiting for its approvers', () => {
  it('reminds the approvers of the tranche that have not decided, once per tranche', async () => {
    clock.set('2014-04-01T10:00:00Z');
    const project = await fundedProject(quick, quick.club, '2400000.00');
    const tranche: Tranche = await requestTranche(quick, project.id, '600000.00');
    const [first, ...others] = tranche.approvers as Array<'federal' | 'state' | 'municipal'>;
    expect(others.length).toBeGreaterThan(0);
    expectStatus(
      await quick.governments[first!].approver!.post(`/v1/tranches/${tranche.id}/approvals`, { decision: 'approve' }),
      200,
    );
    await scanAt(database.db, clock, '2014-04-04T09:00:00Z');
    await scanAt(database.db, clock, '2014-04-04T11:00:00Z');
    await scanAt(database.db, clock, '2014-04-09T11:00:00Z');
    const forTranche = async (party: 'federal' | 'state' | 'municipal') =>
      (await pendingFor(quick, party, project.id)).filter((event) => event.payload.trancheId === tranche.id);
    expect(await forTranche(first!)).toEqual([]);
    for (const party of others)
      expect(await forTranche(party)).toEqual([
        expect.objectContaining({
          organisationIds: [quick.governments[party].id],
          payload: expect.objectContaining({
            trancheId: tranche.id,
            party,
            pendingSince: '2014-04-01T10:00:00.000Z',
            days: 3,
          }),
        }),
      ]);
    // The application itself was approved at once: no reminder about it.
    for (const party of ['federal', 'state', 'municipal'] as const)
      expect((await pendingFor(quick, party, project.id)).filter((event) => !event.payload.trancheId)).toEqual([]);
  });
});

describe("Node's background loop", () => {
  it('scans on its timer by the clock it is given, and stops', async () => {
    clock.set('2014-06-02T09:00:00Z');
    const application = await file(quick);
    clock.set('2014-06-05T09:00:00Z');
    const failures: unknown[] = [];
    const scanner = startDeadlineScanner(database.db, {
      everyMs: 50,
      clock: clock.now,
      onError: (error) => failures.push(error),
    });
    try {
      await vi.waitFor(async () => expect(await pendingFor(quick, 'federal', application.id)).toHaveLength(1), {
        timeout: 5000,
        interval: 100,
      });
    } finally {
      await scanner.stop();
    }
    expect(failures).toEqual([]);
    expect(await pendingFor(quick, 'state', application.id)).toHaveLength(1);
  });
});
