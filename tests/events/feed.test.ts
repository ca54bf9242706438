import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { recordHoldExpired } from '../../src/events';
import { createHold, expireHolds, findAccountByCode } from '../../src/ledger';
import type { Application, Problem, Tranche } from '../support/api';
import { createTestApp } from '../support/app';
import type { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus, openProgramme, organisation, testClock } from '../support/workflow';
import {
  type Org,
  type World,
  approve,
  file,
  fundedProject,
  infrastructure,
  requestTranche,
  threeByOneProgramme,
} from '../workflow/fixtures';

/**
 * The outbox and its feed: each step writes its event in its own transaction (a step refused
 * leaves none), and GET /v1/events shows each caller what it may see, in order, by cursor.
 */
let database: TestDatabase;
let app: App;
const clock = testClock('2023-05-02T09:00:00Z');

interface FeedEvent {
  id: string;
  type: string;
  occurredAt: string;
  organisationIds: string[];
  payload: Record<string, unknown>;
  cursor: string;
}
interface Feed {
  items: FeedEvent[];
  nextCursor: string | null;
  hasMore: boolean;
}

/** Every event the client may see after `after`, page by page. */
async function readAll(by: ReturnType<typeof client>, query: Record<string, string> = {}) {
  const events: FeedEvent[] = [];
  let after: string | undefined = query.after;
  for (;;) {
    const params = new URLSearchParams({ ...query, limit: '100', ...(after !== undefined && { after }) });
    const page = expectStatus(await by.get<Feed>(`/v1/events?${params}`), 200).body;
    events.push(...page.items);
    if (!page.hasMore) return { events, last: page.nextCursor };
    after = page.nextCursor!;
  }
}

const about = (events: FeedEvent[], applicationId: string) =>
  events.filter((event) => event.payload.applicationId === applicationId).map((event) => event.type);

let world: World;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: clock.now });
  world = await threeByOneProgramme(app, 'events');
});
afterAll(() => database.close());

async function approveTranche(tranche: Tranche) {
  let last: Tranche | undefined;
  for (const party of tranche.approvers as Array<'federal' | 'state' | 'municipal'>)
    last = expectStatus(
      await world.governments[party].approver!.post<Tranche>(`/v1/tranches/${tranche.id}/approvals`, {
        decision: 'approve',
      }),
      200,
    ).body;
  return last!;
}

describe('each step writes its event', () => {
  it('funding a budget: budget.funded, seen by the programme, not by a club', async () => {
    const { events } = await readAll(world.federal.approver!, { type: 'budget.funded' });
    expect(events.map((event) => event.payload.party).sort()).toEqual(['federal', 'municipal', 'state']);
    expect(events[0]!.payload).toMatchObject({ programmeId: world.programme.id, currency: 'MXN' });
    expect(events[0]!.payload.entryId).toEqual(expect.any(String));
    expect((await readAll(world.club.applicant!, { type: 'budget.funded' })).events).toEqual([]);
  });

  it('filing, approvals, proof of funds, a tranche requested, approved and posted', async () => {
    const filed = await fundedProject(world);
    const tranche = await requestTranche(world, filed.id, '1200000.00');
    const posted = await approveTranche(tranche);
    expect(posted.status).toBe('posted');

    const { events } = await readAll(world.club.applicant!);
    expect(about(events, filed.id)).toEqual([
      'application.filed',
      'approval.recorded',
      'approval.recorded',
      'approval.recorded',
      'application.approved',
      'contribution.received',
      'tranche.requested',
      'approval.recorded',
      'approval.recorded',
      'approval.recorded',
      'tranche.approved',
      'tranche.posted',
    ]);
    const mine = events.filter((event) => event.payload.applicationId === filed.id);
    expect(new Set(mine.map((event) => event.id)).size).toBe(mine.length);
    expect(mine[0]!.organisationIds.sort()).toEqual(
      [world.club.id, world.federal.id, world.state.id, world.municipal.id].sort(),
    );
    expect(mine[0]!.occurredAt).toBe(clock.now().toISOString());
    expect(mine.find((event) => event.type === 'contribution.received')!.payload).toMatchObject({
      party: 'club',
      amount: filed.plan.shares.find((share) => share.party === 'club')!.amount,
      contributionId: expect.any(String),
      entryId: expect.any(String),
    });
    expect(mine.find((event) => event.type === 'tranche.posted')!.payload).toMatchObject({ trancheId: tranche.id });
    expect(mine.find((event) => event.type === 'application.approved')!.payload.holdIds).toHaveLength(3);
    expect(mine.filter((event) => event.type === 'approval.recorded').at(-1)!.payload).toMatchObject({
      trancheId: tranche.id,
      decision: 'approve',
      approvalId: expect.any(String),
    });
  });

  it('a tranche refused, a project rejected after paying in (its refund), cancelled, closed', async () => {
    const paid = await fundedProject(world);
    const tranche = await requestTranche(world, paid.id, '100000.00');
    expectStatus(await world.state.approver!.post(`/v1/tranches/${tranche.id}/approvals`, { decision: 'reject' }), 200);
    expectStatus(
      await world.federal.programme_admin!.post(`/v1/applications/${paid.id}/refunds`, { reason: 'obra cancelada' }),
      200,
    );
    expectStatus(
      await world.federal.programme_admin!.post(`/v1/applications/${paid.id}/close`, { reason: 'obra cancelada' }),
      200,
    );

    const rejected = await file(world);
    const clubShare = rejected.plan.shares.find((share) => share.party === 'club')!.amount;
    expectStatus(
      await world.club.applicant!.post(`/v1/applications/${rejected.id}/contributions`, {
        party: 'club',
        amount: clubShare,
      }),
      201,
    );
    expectStatus(
      await world.municipal.approver!.post(`/v1/applications/${rejected.id}/approvals`, { decision: 'reject' }),
      200,
    );

    const cancelled = await file(world);
    await approve(world, cancelled.id);
    expectStatus(
      await world.federal.programme_admin!.post(`/v1/applications/${cancelled.id}/cancel`, { reason: 'desistimiento' }),
      200,
    );

    const { events } = await readAll(world.auditor.auditor!);
    expect(about(events, paid.id).slice(-5)).toEqual([
      'tranche.requested',
      'approval.recorded',
      'tranche.rejected',
      'refund.posted',
      'application.closed',
    ]);
    expect(about(events, rejected.id)).toEqual([
      'application.filed',
      'contribution.received',
      'approval.recorded',
      'refund.posted',
      'application.rejected',
    ]);
    expect(
      events.find((e) => e.type === 'refund.posted' && e.payload.applicationId === rejected.id)!.payload,
    ).toMatchObject({
      refunded: [{ party: 'club', amount: clubShare }],
    });
    expect(about(events, cancelled.id).slice(-1)).toEqual(['application.cancelled']);
  });

  it('a clawback (M-6), with the tranche it leaves waiting rejected', async () => {
    clock.set('2022-03-01T09:00:00Z');
    const investor = await organisation(app, 'Investor events', 'investor', ['applicant']);
    const state = await organisation(app, 'Tamwilcom events', 'government', ['approver', 'programme_admin']);
    const bank = await organisation(app, 'Bank events', 'bank', ['approver', 'programme_admin']);
    const programme = await openProgramme(
      app,
      {
        code: 'mdm-events',
        name: 'MDM Invest events',
        ruleSet: 'mdm-invest',
        currency: 'MAD',
        parties: { grant: state.id, bank: bank.id },
      },
      [state, bank],
    );
    expectStatus(
      await state.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, {
        party: 'grant',
        amount: '3000000.00',
      }),
      201,
    );
    const depot = expectStatus(
      await investor.applicant!.post<Application>(`/v1/programmes/${programme.id}/applications`, {
        projectType: 'creation',
        title: 'Plateforme logistique',
        totalCost: '10000000.00',
        currency: 'MAD',
        sector: 'energy',
        investorStatus: 'mre',
      }),
      201,
    ).body;
    for (const org of [state, bank])
      expectStatus(await org.approver!.post(`/v1/applications/${depot.id}/approvals`, { decision: 'approve' }), 200);
    for (const [by, party, amount] of [
      [investor, 'investor', '2000000.00'],
      [bank, 'bank', '7000000.00'],
    ] as const)
      expectStatus(
        await (by.applicant ?? by.approver)!.post(`/v1/applications/${depot.id}/contributions`, { party, amount }),
        201,
      );
    const waiting = expectStatus(
      await investor.applicant!.post<Tranche>(`/v1/applications/${depot.id}/tranches`, {
        amount: '4000000.00',
        milestone: 'fonds propres',
        evidence: [{ name: 'x.pdf' }],
      }),
      201,
    ).body;
    clock.set('2023-01-10T09:00:00Z');
    expectStatus(
      await state.programme_admin!.post(`/v1/applications/${depot.id}/clawback`, { reason: 'cession' }),
      200,
    );
    const { events } = await readAll(investor.applicant!);
    expect(about(events, depot.id).slice(-2)).toEqual(['tranche.rejected', 'application.clawed-back']);
    expect(events.at(-1)!.payload).toMatchObject({ rule: 'M-6', party: 'grant', recovered: '0.00' });
    expect(events.at(-2)!.payload).toMatchObject({ trancheId: waiting.id });
    clock.set('2023-05-02T09:00:00Z');
  });

  it('a hold expiring: hold.expired, written by the expiry, seen by who sees its accounts', async () => {
    const filed = await file(world);
    const pool = await findAccountByCode(database.db, `programme:events:federal:pool`);
    const share = await findAccountByCode(database.db, `application:${filed.id}:federal:share`);
    const { hold } = await createHold(database.db, {
      idempotencyKey: `expiring-${filed.id}`,
      accountId: pool!.id,
      counterAccountId: share!.id,
      amount: '10.00',
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await expireHolds(database.db, new Date(Date.now() + 120_000), 100, recordHoldExpired)).toBe(1);
    const seen = (await readAll(world.club.applicant!, { type: 'hold.expired' })).events;
    expect(seen.map((event) => event.payload)).toEqual([
      expect.objectContaining({ holdId: hold.id, amount: '10.00', released: '10.00', currency: 'MXN' }),
    ]);
    expect(seen[0]!.organisationIds).toEqual(expect.arrayContaining([world.club.id, world.federal.id]));
    expect((await readAll(world.outsider.approver!, { type: 'hold.expired' })).events).toEqual([]);
  });
});

describe('outbox atomicity', () => {
  it('a step refused after writing its event leaves no event: the last approval the pool cannot cover', async () => {
    const poor = await threeByOneProgramme(app, 'poor', { municipal: '1.00' });
    const filed = await file(poor);
    const before = (await readAll(poor.auditor.auditor!)).events.length;
    for (const party of ['federal', 'state'] as const)
      expectStatus(
        await poor.governments[party].approver!.post(`/v1/applications/${filed.id}/approvals`, { decision: 'approve' }),
        200,
      );
    // The third approval inserts its approval.recorded, then fails to reserve the municipal share.
    const refused = await poor.municipal.approver!.post<Problem>(`/v1/applications/${filed.id}/approvals`, {
      decision: 'approve',
    });
    expect(refused.status).toBe(409);
    const { events } = await readAll(poor.auditor.auditor!);
    expect(events.length).toBe(before + 2);
    expect(about(events, filed.id)).toEqual(['application.filed', 'approval.recorded', 'approval.recorded']);
    const { count } = (
      await database.sql<
        Array<{ count: string }>
      >`SELECT count(*) FROM events WHERE payload->>'applicationId' = ${filed.id}`
    )[0]!;
    expect(Number(count)).toBe(3);
  });

  it('an event is never changed or removed once written', async () => {
    await expect(database.sql`DELETE FROM events`).rejects.toThrow(/never deleted/);
    await expect(database.sql`UPDATE events SET type = 'x' WHERE sequence IS NOT NULL`).rejects.toThrow(/written once/);
  });
});

describe('the feed', () => {
  let mine: Org;
  let theirs: World;
  beforeAll(async () => {
    mine = world.club;
    theirs = await threeByOneProgramme(app, 'theirs');
    await file(theirs, theirs.club, infrastructure('2400000.00', 'Su obra'));
  });

  it('pages oldest first by cursor, each event once, and keeps the cursor when nothing is new', async () => {
    const { events: all, last } = await readAll(world.auditor.auditor!);
    const pages: FeedEvent[] = [];
    let after: string | undefined;
    for (;;) {
      const query = new URLSearchParams({ limit: '7', ...(after !== undefined && { after }) });
      const page = expectStatus(await world.auditor.auditor!.get<Feed>(`/v1/events?${query}`), 200).body;
      expect(page.items.length).toBeLessThanOrEqual(7);
      pages.push(...page.items);
      after = page.nextCursor!;
      if (!page.hasMore) break;
    }
    expect(pages.map((event) => event.id)).toEqual(all.map((event) => event.id));
    expect(after).toBe(last);
    const idle = expectStatus(await world.auditor.auditor!.get<Feed>(`/v1/events?after=${last}`), 200).body;
    expect(idle).toEqual({ items: [], nextCursor: last, hasMore: false });

    // What happens next is after the cursor.
    const next = await file(world);
    const fresh = expectStatus(await world.auditor.auditor!.get<Feed>(`/v1/events?after=${last}`), 200).body;
    expect(fresh.items.map((event) => [event.type, event.payload.applicationId])).toEqual([
      ['application.filed', next.id],
    ]);
  });

  it('filters by type', async () => {
    const { events } = await readAll(world.auditor.auditor!, { type: 'application.filed' });
    expect(events.length).toBeGreaterThan(3);
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(['application.filed']));
  });

  it("shows an organisation only what concerns it: nothing of another's programme", async () => {
    const seen = (await readAll(mine.applicant!)).events;
    const theirApplications = new Set(
      (await readAll(theirs.auditor.auditor!)).events
        .filter((event) => event.organisationIds.includes(theirs.club.id))
        .map((event) => event.id),
    );
    expect(theirApplications.size).toBeGreaterThan(0);
    expect(seen.filter((event) => theirApplications.has(event.id))).toEqual([]);
    for (const event of seen) expect(event.organisationIds).toContain(mine.id);
    expect((await readAll(world.otherClub.applicant!)).events).toEqual([]);
    expect((await readAll(world.outsider.programme_admin!)).events).toEqual([]);
    expect(
      (await readAll(theirs.federal.approver!)).events.every((e) => e.organisationIds.includes(theirs.federal.id)),
    ).toBe(true);
  });

  it('the administrator and auditors see every event', async () => {
    const admin = (await readAll(world.admin)).events.map((event) => event.id);
    const auditor = (await readAll(theirs.auditor.auditor!)).events.map((event) => event.id);
    expect(auditor).toEqual(admin);
    const { count } = (await database.sql<Array<{ count: string }>>`SELECT count(*) FROM events`)[0]!;
    expect(admin.length).toBe(Number(count));
  });

  it('refuses a cursor it did not give and a type it does not know, naming the parameter', async () => {
    const bad = expectStatus(await world.admin.get<Problem>('/v1/events?after=bm9wZQ'), 422).body;
    expect(JSON.stringify(bad)).toContain('query.after');
    const unknown = expectStatus(await world.admin.get<Problem>('/v1/events?type=application.exploded'), 422).body;
    expect(JSON.stringify(unknown)).toContain('type');
  });
});
