import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { Decimal } from '../../src/money';
import type { Application, Problem, Tranche } from '../support/api';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  balanceOf,
  expectStatus,
  expectTrialBalanced,
  openProgramme,
  organisation,
  testClock,
} from '../support/workflow';
import {
  type World,
  approve,
  expectNothingChanged,
  file,
  infrastructure,
  requestTranche,
  threeByOneProgramme,
} from './fixtures';

/**
 * The life of a project beyond the happy path: money split across tranches to the cent, deadlines
 * and registrations judged by the workflow clock, the 2021 MDM rules' three tranches, and what a
 * clawback leaves possible.
 */
let database: TestDatabase;
let app: App;
const clock = testClock('2023-05-02T09:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: clock.now });
});
afterAll(() => database.close());

const money = (value: Decimal | number | string) => new Decimal(value).toFixed(2);

describe("tranches split each party's part to the cent", () => {
  let world: World;
  beforeAll(async () => {
    world = await threeByOneProgramme(app, 'cents');
  });

  it('never loses or makes a cent, whatever the total and the tranche amounts (property)', async () => {
    // Totals in centavos, above the federal cap too (3x1-2: unequal shares); tranche amounts as
    // fractions (per mille) of what is left, then tranches of all that is left until the project
    // is paid.
    const scenario = fc.record({
      cents: fc.integer({ min: 100_000_00, max: 6_000_000_00 }),
      fractions: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 0, maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ cents, fractions }) => {
        const total = new Decimal(cents).dividedBy(100);
        const filed = await file(world, world.club, infrastructure(money(total), `Obra de ${money(total)}`));
        const id = filed.id;
        const shares = new Map<string, Decimal>(
          filed.plan.shares.map((s: { party: string; amount: string }) => [s.party, new Decimal(s.amount)]),
        );
        expect([...shares.values()].reduce((a, b) => a.plus(b), new Decimal(0)).equals(total)).toBe(true);
        await approve(world, id);
        expectStatus(
          await world.club.applicant!.post(`/v1/applications/${id}/contributions`, {
            party: 'club',
            amount: money(shares.get('club')!),
          }),
          201,
        );

        // The first tranche may not run ahead of the plan's first 50% (3x1-8); each later one takes a
        // fraction of what is left; the last takes the rest.
        const firstCap = new Decimal(filed.plan.tranches[0]!.amount);
        const paid = new Map<string, Decimal>([...shares.keys()].map((party) => [party, new Decimal(0)]));
        let left = total;
        for (let index = 0; !left.isZero(); index++) {
          const fraction = (fractions[index] ?? 1000) / 1000;
          const limit = index === 0 ? Decimal.min(firstCap, left) : left;
          const amount = Decimal.max(new Decimal(0.01), limit.times(fraction).toDecimalPlaces(2, Decimal.ROUND_DOWN));
          const tranche = await requestTranche(world, id, money(amount));
          let posted: Tranche | undefined;
          for (const org of [world.federal, world.state, world.municipal]) {
            posted = expectStatus(
              await org.approver!.post<Tranche>(`/v1/tranches/${tranche.id}/approvals`, { decision: 'approve' }),
              200,
            ).body;
          }
          expect(posted!.status).toBe('posted');
          const parts = posted!.parts!;
          expect(parts.reduce((sum, part) => sum.plus(part.amount), new Decimal(0)).equals(amount)).toBe(true);
          // Each part is its party's proportion of what was still to pay, within a centavo.
          const remaining = new Map([...shares].map(([party, share]) => [party, share.minus(paid.get(party)!)]));
          for (const part of parts) {
            const exact = amount.times(remaining.get(part.party)!).dividedBy(left);
            expect(
              new Decimal(part.amount).minus(exact).abs().lessThan(0.01),
              `${part.party}: ${part.amount} vs ${exact}`,
            ).toBe(true);
            paid.set(part.party, paid.get(part.party)!.plus(part.amount));
            expect(paid.get(part.party)!.lessThanOrEqualTo(shares.get(part.party)!)).toBe(true);
          }
          left = left.minus(amount);
        }
        // Done: every share paid out exactly, nothing left in the project, every reservation used to the cent.
        for (const [party, share] of shares) {
          expect(await balanceOf(database.db, `application:${id}:${party}:disbursed`)).toMatchObject({
            balance: money(share),
          });
          expect(await balanceOf(database.db, `application:${id}:${party}:share`)).toMatchObject({ balance: '0.00' });
        }
        const holds = await database.sql`
          SELECT r.party, h.status, h.captured::text AS captured
          FROM application_reservations r JOIN ledger_holds h ON h.id = r.hold_id
          WHERE r.application_id = ${id}`;
        for (const hold of holds)
          expect(hold).toMatchObject({ status: 'posted', captured: money(shares.get(hold.party)!) });
        expectStatus(
          await world.club.applicant!.post(`/v1/applications/${id}/tranches`, {
            amount: '0.01',
            milestone: 'm',
            evidence: [{ name: 'x' }],
          }),
          422,
        );
        expect(
          expectStatus(await world.federal.programme_admin!.post<Application>(`/v1/applications/${id}/close`, {}), 200)
            .body.status,
        ).toBe('closed');
      }),
      { numRuns: 12 },
    );
    for (const party of ['federal', 'state', 'municipal'])
      expect(await balanceOf(database.db, `programme:cents:${party}:pool`)).toMatchObject({ held: '0.00' });
    await expectTrialBalanced(database.db);
  });
});

describe('windows judged by the workflow clock', () => {
  it('3x1-7: the club proves its funds within 20 business days of the eligibility notice, not after', async () => {
    clock.set('2023-05-02T09:00:00Z');
    const world = await threeByOneProgramme(app, 'deadline');
    const filed = await file(world);
    // Tuesday 2 May 2023 + 20 business days (1 May is past, no holiday in between) = Tuesday 30 May.
    clock.set('2023-05-30T22:00:00Z');
    expectStatus(
      await world.club.applicant!.post(`/v1/applications/${filed.id}/contributions`, {
        party: 'club',
        amount: '100000.00',
      }),
      201,
    );
    clock.set('2023-05-31T08:00:00Z');
    const late = await expectNothingChanged(database.sql, filed.id, () =>
      world.club.applicant!.post<Problem>(`/v1/applications/${filed.id}/contributions`, {
        party: 'club',
        amount: '100000.00',
      }),
    );
    expectStatus(late, 422);
    expect(late.body).toMatchObject({ type: 'urn:cofund:problem:deadline-passed', errors: [{ field: 'body.party' }] });
    expect(late.body.detail).toContain('2023-05-30');
    // The managers drop the project: the money paid in goes back to the club.
    const cancelled = expectStatus(
      await world.federal.programme_admin!.post<Application>(`/v1/applications/${filed.id}/cancel`, {
        reason: '3x1-7: fondos no acreditados',
      }),
      200,
    ).body;
    expect(cancelled.status).toBe('cancelled');
    expect(await balanceOf(database.db, `application:${filed.id}:club:share`)).toMatchObject({ balance: '0.00' });
    expect(await balanceOf(database.db, 'programme:deadline:club:source:MXN')).toMatchObject({ balance: '0.00' });
    await expectTrialBalanced(database.db);
  });

  it('3x1-5: a registration that expired after filing stops the last approval, and nothing is reserved', async () => {
    clock.set('2023-06-01T09:00:00Z');
    const world = await threeByOneProgramme(app, 'registration');
    const filed = await file(world, world.club, {
      ...infrastructure(),
      registration: { validFrom: '2013-06-01', validTo: '2023-06-30' },
    });
    await approve(world, filed.id, ['federal', 'state']);
    clock.set('2023-07-01T09:00:00Z');
    const refused = await expectNothingChanged(database.sql, filed.id, () =>
      world.municipal.approver!.post(`/v1/applications/${filed.id}/approvals`, { decision: 'approve' }),
    );
    expectStatus(refused, 422);
    expect(refused.body).toMatchObject({ type: 'urn:cofund:problem:registration-expired', status: 422 });
    expect(await balanceOf(database.db, 'programme:registration:federal:pool')).toMatchObject({ held: '0.00' });
  });
});

describe('problems stay problems', () => {
  it(
    'a step in the wrong status is a 409 whose status is the HTTP status; ' + "the application's is named apart",
    async () => {
      clock.set('2023-08-01T09:00:00Z');
      const world = await threeByOneProgramme(app, 'statuses');
      const filed = await file(world);
      expectStatus(
        await world.federal.approver!.post(`/v1/applications/${filed.id}/approvals`, {
          decision: 'reject',
          comment: 'sin expediente técnico (3x1-6)',
        }),
        200,
      );
      const reply = await expectNothingChanged(database.sql, filed.id, () =>
        world.club.applicant!.post(`/v1/applications/${filed.id}/contributions`, { party: 'club', amount: '1.00' }),
      );
      expectStatus(reply, 409);
      expect(reply.body).toMatchObject({
        type: 'urn:cofund:problem:wrong-status',
        status: 409,
        applicationStatus: 'rejected',
      });
    },
  );
});

describe('MDM Invest 2021 (M-7)', () => {
  it('takes equity in dirhams, pays the grant in three tranches, and after a clawback pays no more', async () => {
    clock.set('2022-03-01T09:00:00Z');
    const investor = await organisation(app, 'Youssef (MRE, Madrid)', 'investor', ['applicant']);
    const state = await organisation(app, 'Tamwilcom', 'government', ['approver', 'programme_admin']);
    const bank = await organisation(app, 'Attijariwafa', 'bank', ['approver', 'programme_admin']);
    const programme = await openProgramme(
      app,
      {
        code: 'mdm-2021',
        name: 'MDM Invest 2021',
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
    const project = (total: string, title: string) =>
      investor.applicant!.post<Application>(`/v1/programmes/${programme.id}/applications`, {
        projectType: 'creation',
        title,
        totalCost: total,
        currency: 'MAD',
        sector: 'energy',
        investorStatus: 'mre',
      });

    const solar = expectStatus(await project('10000000.01', 'Centrale solaire, Ouarzazate'), 201).body;
    expect(solar.ruleVersion).toBe('2021');
    // 20% equity (M-7), 10% grant, the rest credit; 40/30/30 tranches.
    expect(solar.plan.shares.map((s: { party: string; amount: string }) => [s.party, s.amount])).toEqual([
      ['investor', '2000000.01'],
      ['grant', '1000000.00'],
      ['bank', '7000000.00'],
    ]);
    expect(solar.plan.tranches.map((t: { amount: string }) => t.amount)).toEqual([
      '4000000.01',
      '3000000.00',
      '3000000.00',
    ]);
    for (const org of [state, bank])
      expectStatus(await org.approver!.post(`/v1/applications/${solar.id}/approvals`, { decision: 'approve' }), 200);
    // Dirhams are accepted since 2021 (M-7).
    expectStatus(
      await investor.applicant!.post(`/v1/applications/${solar.id}/contributions`, {
        party: 'investor',
        amount: '2000000.01',
      }),
      201,
    );
    expectStatus(
      await bank.approver!.post(`/v1/applications/${solar.id}/contributions`, { party: 'bank', amount: '7000000.00' }),
      201,
    );
    const pool = 'programme:mdm-2021:grant:pool';
    const grantPaid: string[] = [];
    for (const amount of ['4000000.01', '3000000.00', '3000000.00']) {
      const tranche = expectStatus(
        await investor.applicant!.post<Tranche>(`/v1/applications/${solar.id}/tranches`, {
          amount,
          milestone: 'avancement',
          evidence: [{ name: 'pv.pdf' }],
        }),
        201,
      ).body;
      expectStatus(await state.approver!.post(`/v1/tranches/${tranche.id}/approvals`, { decision: 'approve' }), 200);
      const posted = expectStatus(
        await bank.approver!.post<Tranche>(`/v1/tranches/${tranche.id}/approvals`, { decision: 'approve' }),
        200,
      ).body;
      grantPaid.push(posted.parts!.find((p) => p.party === 'grant')!.amount);
    }
    expect(grantPaid).toEqual(['400000.00', '300000.00', '300000.00']);
    expect(await balanceOf(database.db, pool)).toEqual({ balance: '2000000.00', held: '0.00' });
    expect(await balanceOf(database.db, `application:${solar.id}:investor:disbursed`)).toMatchObject({
      balance: '2000000.01',
    });

    // A second project: the investor disinvests before the first tranche has its approvals.
    const depot = expectStatus(await project('10000000.00', 'Plateforme logistique, Kénitra'), 201).body;
    for (const org of [state, bank])
      expectStatus(await org.approver!.post(`/v1/applications/${depot.id}/approvals`, { decision: 'approve' }), 200);
    expect(await balanceOf(database.db, pool)).toEqual({ balance: '2000000.00', held: '1000000.00' });
    expectStatus(
      await investor.applicant!.post(`/v1/applications/${depot.id}/contributions`, {
        party: 'investor',
        amount: '2000000.00',
      }),
      201,
    );
    expectStatus(
      await bank.approver!.post(`/v1/applications/${depot.id}/contributions`, { party: 'bank', amount: '7000000.00' }),
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
    expectStatus(await state.approver!.post(`/v1/tranches/${waiting.id}/approvals`, { decision: 'approve' }), 200);
    clock.set('2023-01-10T09:00:00Z');
    const clawed = expectStatus(
      await state.programme_admin!.post<Application>(`/v1/applications/${depot.id}/clawback`, {
        reason: "cession de l'entreprise",
      }),
      200,
    ).body;
    expect(clawed.outcome!.clawback).toMatchObject({
      rule: 'M-6',
      recovered: '0.00',
      releasedHolds: [{ party: 'grant', amount: '1000000.00' }],
    });
    expect(clawed.tranches[0]).toMatchObject({ id: waiting.id, status: 'rejected' });
    expect(await balanceOf(database.db, pool)).toEqual({ balance: '2000000.00', held: '0.00' });
    // The waiting tranche cannot be approved any more, and no other can be asked for.
    const decided = expectStatus(
      await bank.approver!.post(`/v1/tranches/${waiting.id}/approvals`, { decision: 'approve' }),
      409,
    ).body;
    expect(decided).toMatchObject({ type: 'urn:cofund:problem:tranche-decided', status: 409 });
    const refused = expectStatus(
      await investor.applicant!.post(`/v1/applications/${depot.id}/tranches`, {
        amount: '1.00',
        milestone: 'encore',
        evidence: [{ name: 'x.pdf' }],
      }),
      409,
    ).body;
    expect(refused).toMatchObject({ type: 'urn:cofund:problem:clawed-back', status: 409 });
    // What the investor and the bank paid in goes back to them, and the project closes.
    const refunded = expectStatus(
      await state.programme_admin!.post<Application>(`/v1/applications/${depot.id}/refunds`, {
        reason: 'désinvestissement',
      }),
      200,
    ).body;
    expect(refunded.funding.map((f: { party: string; held: string }) => [f.party, f.held])).toEqual([
      ['investor', '0.00'],
      ['grant', '0.00'],
      ['bank', '0.00'],
    ]);
    expect(
      expectStatus(
        await state.programme_admin!.post<Application>(`/v1/applications/${depot.id}/close`, {
          reason: 'désinvestissement',
        }),
        200,
      ).body.status,
    ).toBe('closed');
    await expectTrialBalanced(database.db);
  });
});
