import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { runDeadlines } from '../../src/deadlines';
import type { Application } from '../support/api';
import { createTestApp } from '../support/app';
import { proveContributions } from '../support/bank-proof';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus, expectTrialBalanced, testClock } from '../support/workflow';
import { type World, approve, file, threeByOneProgramme } from '../workflow/fixtures';
import { about, failingScanAt, feed, scanAt } from './support';

/*
 * 3x1-7: the club proves 100% of its share within 20 business days of the eligibility notice (the
 * moment cofund received the filing), or the project is dropped. Filed on Monday 2014-03-03, the
 * window's last day is Tuesday 2014-04-01: 20 business days, weekends and the rule file's holidays
 * (Benito Juárez's day, the third Monday of March: 2014-03-17) left out. Without the holiday it
 * would be 2014-03-31.
 */
let database: TestDatabase;
let app: App;
const clock = testClock('2014-03-03T15:00:00Z');
let world: World;

const FILED = '2014-03-03T15:00:00Z';
const DUE = '2014-04-01';

let reminded: Application;
let paidInFull: Application;
let provenInPart: Application;
let provenInFull: Application;
let failing: Application;

const clubShare = (application: Application) => application.plan.shares.find((s) => s.party === 'club')!.amount;

async function pay(application: Application, amount: string) {
  expectStatus(
    await world.club.applicant!.post(`/v1/applications/${application.id}/contributions`, { party: 'club', amount }),
    201,
  );
}

const view = async (application: Application) =>
  expectStatus(await world.club.applicant!.get<Application>(`/v1/applications/${application.id}`), 200).body;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: clock.now });
  // Approval reminders (tests/deadlines/approvals.test.ts) kept out of the way of these counts.
  world = await threeByOneProgramme(app, 'deadlines-pof', {}, { approvalReminderDays: 365 });
  clock.set(FILED);
  // Approved at once (the holds are taken), the club pays half of its share in.
  reminded = await file(world);
  await approve(world, reminded.id);
  await pay(reminded, '300000.00');
  paidInFull = await file(world);
  await pay(paidInFull, clubShare(paidInFull));
  // A bank account on the club's share account: only money a bank line shows counts.
  provenInPart = await file(world);
  await pay(provenInPart, '300000.00');
  await proveContributions(app, world.federal.tokens.programme_admin!, provenInPart.id, ['club']);
  await pay(provenInPart, '300000.00');
  provenInFull = await file(world);
  await pay(provenInFull, clubShare(provenInFull));
  await proveContributions(app, world.federal.tokens.programme_admin!, provenInFull.id, ['club']);
  failing = await file(world);
});
afterAll(() => database.close());

describe('3x1-7 proof of funds', () => {
  it('reminds nobody while more than 10 business days are left, weekends and holidays not counted', async () => {
    // Friday, Saturday and the Monday holiday all leave 11 business days (18 March to 1 April).
    for (const day of ['2014-03-14T12:00:00Z', '2014-03-15T12:00:00Z', '2014-03-17T12:00:00Z'])
      expect(await scanAt(database.db, clock, day)).toMatchObject({ approaching: 0, missed: 0 });
    expect(about(await feed(world.club.applicant!, 'deadline.approaching'), reminded.id)).toEqual([]);
  });

  it('reminds at 10 business days, once, the applicant and the programme, not outsiders', async () => {
    const first = await scanAt(database.db, clock, '2014-03-18T08:00:00Z');
    // The ones paid in full (as the rule counts) are not reminded: three of the five are.
    expect(first).toMatchObject({ approaching: 3, missed: 0 });
    await scanAt(database.db, clock, '2014-03-18T20:00:00Z');
    await scanAt(database.db, clock, '2014-03-19T08:00:00Z');
    const seen = about(await feed(world.club.applicant!, 'deadline.approaching'), reminded.id);
    expect(seen).toEqual([
      expect.objectContaining({
        occurredAt: '2014-03-18T08:00:00.000Z',
        payload: {
          applicationId: reminded.id,
          rule: '3x1-7',
          kind: 'proof-of-funds',
          party: 'club',
          due: DUE,
          businessDaysLeft: 10,
        },
      }),
    ]);
    expect(seen[0]!.organisationIds).toEqual(
      expect.arrayContaining([world.club.id, world.federal.id, world.state.id, world.municipal.id]),
    );
    for (const party of [world.federal, world.state, world.municipal])
      expect(about(await feed(party.approver!, 'deadline.approaching'), reminded.id)).toHaveLength(1);
    // BOLA: another club and a government outside the programme see nothing of it.
    expect(about(await feed(world.otherClub.applicant!, 'deadline.approaching'), reminded.id)).toEqual([]);
    expect(about(await feed(world.outsider.approver!, 'deadline.approaching'), reminded.id)).toEqual([]);
    expect(about(await feed(world.auditor.auditor!, 'deadline.approaching'), reminded.id)).toHaveLength(1);
    expect(about(await feed(world.club.applicant!, 'deadline.approaching'), paidInFull.id)).toEqual([]);
    expect(about(await feed(world.club.applicant!, 'deadline.approaching'), provenInFull.id)).toEqual([]);
    expect(about(await feed(world.club.applicant!, 'deadline.approaching'), provenInPart.id)).toHaveLength(1);
  });

  it('reminds at 3 business days, once, even when two scans run at once', async () => {
    expect(await scanAt(database.db, clock, '2014-03-26T12:00:00Z')).toMatchObject({ approaching: 0 });
    clock.set('2014-03-27T12:00:00Z');
    const runs = await Promise.all([runDeadlines(database.db, clock.now()), runDeadlines(database.db, clock.now())]);
    expect(runs.map((run) => run.approaching).reduce((a, b) => a + b)).toBe(3);
    await scanAt(database.db, clock, '2014-03-28T12:00:00Z');
    await scanAt(database.db, clock, '2014-04-01T23:59:00Z');
    const seen = about(await feed(world.club.applicant!, 'deadline.approaching'), reminded.id);
    expect(seen.map((event) => event.payload.businessDaysLeft)).toEqual([10, 3]);
    expect(seen[1]!.payload).toMatchObject({ due: DUE, rule: '3x1-7' });
    // The last day of the window is still in it: nothing is missed yet.
    expect(about(await feed(world.club.applicant!, 'deadline.missed'), reminded.id)).toEqual([]);
    expect((await view(reminded)).status).toBe('approved');
  });

  it('a drop that fails leaves no deadline.missed, and the next scan drops the project', async () => {
    // The database refuses to cancel this one application: the whole notice rolls back.
    await database.db.execute(
      sql.raw(`
      CREATE FUNCTION refuse_cancel() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
      CREATE TRIGGER refuse_cancel BEFORE UPDATE ON applications FOR EACH ROW
      WHEN (NEW.status = 'cancelled' AND NEW.id = '${failing.id}') EXECUTE FUNCTION refuse_cancel();`),
    );
    const errors = await failingScanAt(database.db, clock, '2014-04-02T08:00:00Z');
    const error = errors[0] as Error & { cause?: unknown };
    expect(`${error.message} ${String(error.cause)}`).toContain('refused for the test');
    expect(about(await feed(world.club.applicant!, 'deadline.missed'), failing.id)).toEqual([]);
    expect(about(await feed(world.club.applicant!, 'application.cancelled'), failing.id)).toEqual([]);
    expect((await view(failing)).status).toBe('filed');
    const notices = await database.db.execute(
      sql`SELECT step FROM deadline_notices WHERE application_id = ${failing.id}::uuid AND step = 'missed'`,
    );
    expect(notices).toHaveLength(0);
    await database.db.execute(sql.raw('DROP TRIGGER refuse_cancel ON applications; DROP FUNCTION refuse_cancel();'));
  });

  it('drops a project whose club did not pay in full, once, through cancellation', async () => {
    clock.set('2014-04-02T09:00:00Z');
    const runs = await Promise.all([runDeadlines(database.db, clock.now()), runDeadlines(database.db, clock.now())]);
    // The first scan of 2 April dropped the others already; now the one whose drop failed goes.
    expect(runs.map((run) => run.missed).reduce((a, b) => a + b)).toBe(1);
    await scanAt(database.db, clock, '2014-04-03T09:00:00Z');
    await scanAt(database.db, clock, '2014-05-03T09:00:00Z');

    const dropped = await view(reminded);
    expect(dropped.status).toBe('cancelled');
    expect(dropped.reservations.map((r) => r.status)).toEqual(['voided', 'voided', 'voided']);
    const missed = about(await feed(world.club.applicant!, 'deadline.missed'), reminded.id);
    expect(missed).toEqual([
      expect.objectContaining({
        occurredAt: '2014-04-02T08:00:00.000Z',
        payload: {
          applicationId: reminded.id,
          rule: '3x1-7',
          kind: 'proof-of-funds',
          party: 'club',
          due: DUE,
          paid: '300000.00',
          share: '600000.00',
          currency: 'MXN',
        },
      }),
    ]);
    const cancelled = about(await feed(world.club.applicant!, 'application.cancelled'), reminded.id);
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.payload.reason).toMatch(/^3x1-7: club's share was not fully proven by 2014-04-01/);
    // The club's half went back where it came from.
    expect(about(await feed(world.club.applicant!, 'refund.posted'), reminded.id)).toHaveLength(1);
    expect(about(await feed(world.otherClub.applicant!, 'deadline.missed'), reminded.id)).toEqual([]);
    expect(about(await feed(world.outsider.approver!, 'deadline.missed'), reminded.id)).toEqual([]);

    expect((await view(failing)).status).toBe('cancelled');
    expect(about(await feed(world.club.applicant!, 'deadline.missed'), failing.id)).toHaveLength(1);
    await expectTrialBalanced(database.db);
  });

  it('keeps a club that paid in full; with a bank account registered, only proven money counts', async () => {
    expect((await view(paidInFull)).status).toBe('filed');
    expect((await view(provenInFull)).status).toBe('filed');
    expect(about(await feed(world.club.applicant!, 'deadline.missed'), paidInFull.id)).toEqual([]);
    // Settled for good: marked kept (no event), and later scans do not look at it again.
    const steps = await database.db.execute<{ step: string }>(
      sql`SELECT step FROM deadline_notices WHERE application_id = ${paidInFull.id}::uuid`,
    );
    expect(steps.map((row) => row.step)).toEqual(['kept']);
    // Paid in full, but half of it declared only: the bank shows 300,000.00 of 600,000.00.
    expect((await view(provenInPart)).status).toBe('cancelled');
    expect(about(await feed(world.club.applicant!, 'deadline.missed'), provenInPart.id)).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ paid: '300000.00', share: '600000.00' }) }),
    ]);
  });
});
