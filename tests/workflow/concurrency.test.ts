import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Application, IssuedApiKey, Problem, Tranche } from '../support/api';
import { createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { COMMIT_MODES } from '../support/group-commit';
import { balanceOf, expectStatus, expectTrialBalanced } from '../support/workflow';
import {
  approve,
  file,
  fundedProject,
  infrastructure,
  requestTranche,
  threeByOneProgramme,
  trancheAwaitingMunicipal,
} from './fixtures';

/**
 * Races through the HTTP API on a real PostgreSQL with a pool of 20 connections: the requests of a
 * race are all in flight at once, and the database decides who comes first. Every race runs twice:
 * each request in a transaction of its own, and with group commit (a database of its own each).
 */
let database: TestDatabase;
let app: App;

describe.each(COMMIT_MODES)('$mode', ({ groupCommit }) => {
  beforeAll(async () => {
    database = await createTestDatabase({ max: 20 });
    app = await createTestApp(database.db, { groupCommit: groupCommit(database.db) });
  });
  afterAll(() => database.close());

  const ROUNDS = 5;
  const count = async (query: Promise<Array<{ n: number }>>) => (await query)[0]!.n;

  describe('two approvers deciding the last step of a tranche at once', () => {
    it('posts the tranche once when two keys of the last party approve together: the other gets 409', async () => {
      const world = await threeByOneProgramme(app, 'race-same-party');
      // A second approver key for the municipality: two officials at two desks.
      const issued = expectStatus(
        await world.admin.post<IssuedApiKey>(`/v1/organisations/${world.municipal.id}/api-keys`, { role: 'approver' }),
        201,
      ).body;
      const secondDesk = client(app, issued.key);
      for (let round = 0; round < ROUNDS; round++) {
        const { project, tranche } = await trancheAwaitingMunicipal(world);
        const replies = await Promise.all([
          world.municipal.approver!.post(`/v1/tranches/${tranche.id}/approvals`, { decision: 'approve' }),
          secondDesk.post(`/v1/tranches/${tranche.id}/approvals`, { decision: 'approve' }),
        ]);
        const statuses = replies.map((reply) => reply.status).sort();
        expect(statuses, JSON.stringify(replies.map((r) => r.body))).toEqual([200, 409]);
        const loser = replies.find((reply) => reply.status === 409)!;
        expect(loser.headers.get('content-type')).toContain('application/problem+json');
        // The one answered 409: a problem.
        const problem = loser.body as Problem;
        expect(['urn:cofund:problem:tranche-decided', 'urn:cofund:problem:already-decided']).toContain(problem.type);
        await expectPostedOnce(project.id, tranche.id);
      }
      await expectTrialBalanced(database.db);
    });

    it('posts the tranche once when the last two parties approve together: both succeed', async () => {
      const world = await threeByOneProgramme(app, 'race-two-parties');
      for (let round = 0; round < ROUNDS; round++) {
        const project = await fundedProject(world);
        const tranche = await requestTranche(world, project.id, '1200000.00');
        expectStatus(
          await world.federal.approver!.post(`/v1/tranches/${tranche.id}/approvals`, { decision: 'approve' }),
          200,
        );
        const replies = await Promise.all(
          [world.state, world.municipal].map((org) =>
            org.approver!.post<Tranche>(`/v1/tranches/${tranche.id}/approvals`, { decision: 'approve' }),
          ),
        );
        expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
        // Whoever came second saw the first one's approval and posted.
        expect(replies.map((reply) => reply.body.status).sort()).toEqual(['posted', 'requested']);
        await expectPostedOnce(project.id, tranche.id);
      }
      await expectTrialBalanced(database.db);
    });

    it(
      'does one thing for the same approver sending the same Idempotency-Key twice at once, ' +
        'and answers both alike',
      async () => {
        const world = await threeByOneProgramme(app, 'race-same-key');
        for (let round = 0; round < ROUNDS; round++) {
          const { project, tranche } = await trancheAwaitingMunicipal(world);
          const key = crypto.randomUUID();
          const replies = await Promise.all(
            [0, 1].map(() =>
              world.municipal.approver!.post<Tranche>(
                `/v1/tranches/${tranche.id}/approvals`,
                { decision: 'approve' },
                { 'idempotency-key': key },
              ),
            ),
          );
          expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
          expect(replies[0]!.body).toEqual(replies[1]!.body);
          expect(replies[0]!.body.status).toBe('posted');
          expect(replies.map((reply) => reply.headers.get('idempotent-replayed')).sort()).toEqual(
            ['true', null].sort(),
          );
          await expectPostedOnce(project.id, tranche.id);
          expect(
            await count(
              database.sql`SELECT count(*)::int AS n FROM tranche_approvals WHERE tranche_id = ${tranche.id}`,
            ),
          ).toBe(3);
        }
      },
    );

    it('reserves once when the last two parties approve an application together', async () => {
      const world = await threeByOneProgramme(app, 'race-plan');
      for (let round = 0; round < ROUNDS; round++) {
        const filed = await file(world);
        await approve(world, filed.id, ['federal']);
        const replies = await Promise.all(
          [world.state, world.municipal].map((org) =>
            org.approver!.post(`/v1/applications/${filed.id}/approvals`, { decision: 'approve' }),
          ),
        );
        expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
        const reservations = await database.sql`SELECT party FROM application_reservations
          WHERE application_id = ${filed.id} ORDER BY party`;
        expect(reservations.map((row) => row.party)).toEqual(['federal', 'municipal', 'state']);
        expect(
          await count(
            database.sql`SELECT count(*)::int AS n FROM ledger_holds WHERE metadata->>'applicationId' = ${filed.id}`,
          ),
        ).toBe(3);
      }
      for (const party of ['federal', 'state', 'municipal']) {
        expect(await balanceOf(database.db, `programme:race-plan:${party}:pool`)).toEqual({
          balance: '100000000.00',
          held: `${ROUNDS * 600000}.00`,
        });
      }
    });
  });

  /** The tranche posted exactly once: one disbursement entry, each public hold captured once for its part. */
  async function expectPostedOnce(applicationId: string, trancheId: string) {
    const sql = database.sql;
    const [tranche] = await sql`SELECT status, parts FROM tranches WHERE id = ${trancheId}`;
    expect(tranche!.status).toBe('posted');
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM journal_entries
          WHERE kind = 'disbursement' AND metadata->>'trancheId' = ${trancheId}`,
      ),
    ).toBe(1);
    const captures = await sql`
    SELECT e.metadata->>'party' AS party, count(*)::int AS n FROM journal_entries e
    WHERE e.kind = 'tranche-funding' AND e.metadata->>'trancheId' = ${trancheId} GROUP BY 1 ORDER BY 1`;
    expect(captures.map((row) => [row.party, row.n])).toEqual([
      ['federal', 1],
      ['municipal', 1],
      ['state', 1],
    ]);
    const holds = await sql`
    SELECT r.party, h.captured::text AS captured FROM application_reservations r JOIN ledger_holds h ON h.id = r.hold_id
    WHERE r.application_id = ${applicationId} ORDER BY r.party`;
    expect(holds.map((row) => [row.party, row.captured])).toEqual([
      ['federal', '300000.00'],
      ['municipal', '300000.00'],
      ['state', '300000.00'],
    ]);
    for (const party of ['club', 'federal', 'state', 'municipal']) {
      expect(await balanceOf(database.db, `application:${applicationId}:${party}:disbursed`)).toMatchObject({
        balance: '300000.00',
      });
    }
  }

  describe('a pool funded for N projects, N + 5 last approvals at once', () => {
    it('approves exactly N; the others get 409 pool-insufficient and reserve nothing anywhere', async () => {
      const N = 10;
      const share = '600000.00';
      // The federal pool covers N shares exactly; the state and municipal pools have plenty.
      const world = await threeByOneProgramme(app, 'race-pool', { federal: `${N * 600000}.00` });
      const projects = [];
      for (let i = 0; i < N + 5; i++) {
        const filed = await file(
          world,
          i % 2 === 0 ? world.club : world.otherClub,
          infrastructure('2400000.00', `Obra ${i}`),
        );
        await approve(world, filed.id, ['federal', 'state']);
        projects.push(filed.id as string);
      }
      const replies = await Promise.all(
        projects.map((id) =>
          world.municipal.approver!.post<Application>(`/v1/applications/${id}/approvals`, { decision: 'approve' }),
        ),
      );

      const approved = projects.filter((_, i) => replies[i]!.status === 200);
      const refused = projects.filter((_, i) => replies[i]!.status !== 200);
      expect(approved).toHaveLength(N);
      expect(refused).toHaveLength(5);
      for (const [i, reply] of replies.entries()) {
        if (reply.status === 200) {
          expect(reply.body.status).toBe('approved');
          expect(reply.body.reservations).toHaveLength(3);
          continue;
        }
        expect(reply.status, JSON.stringify(reply.body)).toBe(409);
        expect(reply.body).toMatchObject({
          type: 'urn:cofund:problem:pool-insufficient',
          party: 'federal',
          needed: share,
          available: '0.00',
        });
        const id = projects[i]!;
        const [row] = await database.sql`SELECT status FROM applications WHERE id = ${id}`;
        expect(row!.status).toBe('filed');
        expect(
          await count(
            database.sql`SELECT count(*)::int AS n FROM application_reservations WHERE application_id = ${id}`,
          ),
        ).toBe(0);
        expect(
          await count(
            database.sql`SELECT count(*)::int AS n FROM ledger_holds WHERE metadata->>'applicationId' = ${id}`,
          ),
        ).toBe(0);
        // The refused approval itself is not recorded: the municipality may approve again once the pool grows.
        expect(
          await count(database.sql`SELECT count(*)::int AS n FROM application_approvals WHERE application_id = ${id}`),
        ).toBe(2);
      }
      const federalPool = await balanceOf(database.db, 'programme:race-pool:federal:pool');
      expect(federalPool).toEqual({ balance: `${N * 600000}.00`, held: `${N * 600000}.00` });
      // Nothing was reserved on the other pools for the refused projects either.
      for (const party of ['state', 'municipal']) {
        expect(await balanceOf(database.db, `programme:race-pool:${party}:pool`)).toEqual({
          balance: '100000000.00',
          held: `${N * 600000}.00`,
        });
      }
      const [available] = await database.sql`SELECT (balance - held)::text AS available FROM ledger_accounts
        WHERE code = 'programme:race-pool:federal:pool'`;
      expect(available!.available).toBe('0.00');

      // Once the federal government adds a budget, a refused project can be approved after all.
      expectStatus(
        await world.federal.programme_admin!.post(`/v1/programmes/${world.programme.id}/budgets`, {
          party: 'federal',
          amount: share,
        }),
        201,
      );
      const retried = expectStatus(
        await world.municipal.approver!.post<Application>(`/v1/applications/${refused[0]}/approvals`, {
          decision: 'approve',
        }),
        200,
      ).body;
      expect(retried.status).toBe('approved');
      await expectTrialBalanced(database.db);
    });
  });

  describe('concurrent contributions on one application', () => {
    it("never take in more than the party's share", async () => {
      const world = await threeByOneProgramme(app, 'race-contributions');
      const filed = await file(world);
      // 20 payments of 45,000.00 (900,000.00 in all) against a 600,000.00 share: 13 fit (585,000.00).
      const replies = await Promise.all(
        Array.from({ length: 20 }, () =>
          world.club.applicant!.post(`/v1/applications/${filed.id}/contributions`, {
            party: 'club',
            amount: '45000.00',
          }),
        ),
      );
      expect(replies.filter((reply) => reply.status === 201)).toHaveLength(13);
      const refused = replies.filter((reply) => reply.status !== 201);
      expect(refused).toHaveLength(7);
      for (const reply of refused)
        expect(reply.body).toMatchObject({ status: 422, type: 'urn:cofund:problem:exceeds-share' });
      // Then the last 15,000.00, in dollars and pesos at once: only what fits goes in.
      const last = await Promise.all([
        world.club.applicant!.post(`/v1/applications/${filed.id}/contributions`, {
          party: 'club',
          amount: '1000.00',
          currency: 'USD',
          fxRate: '15.0000',
        }),
        world.club.applicant!.post(`/v1/applications/${filed.id}/contributions`, { party: 'club', amount: '15000.00' }),
      ]);
      expect(last.map((reply) => reply.status).sort()).toEqual([201, 422]);
      const [paid] = await database.sql`SELECT sum(amount)::text AS total, count(*)::int AS n FROM contributions
        WHERE application_id = ${filed.id}`;
      expect(paid).toEqual({ total: '600000.00', n: 14 });
      expect(await balanceOf(database.db, `application:${filed.id}:club:share`)).toMatchObject({
        balance: '600000.00',
      });
      await expectTrialBalanced(database.db);
    });
  });

  describe('a storm of steps on projects sharing pools', () => {
    it('never deadlocks nor fails: every answer is a success or a clear refusal, and the books agree', async () => {
      const world = await threeByOneProgramme(app, 'storm');
      const withTranche = [];
      for (let i = 0; i < 6; i++) {
        const { project, tranche } = await trancheAwaitingMunicipal(world);
        withTranche.push({ project: project.id as string, tranche: tranche.id as string });
      }
      const awaiting = [];
      for (let i = 0; i < 6; i++) {
        const filed = await file(world);
        await approve(world, filed.id, ['federal', 'state']);
        awaiting.push(filed.id as string);
      }
      const toCancel = [];
      for (let i = 0; i < 4; i++) toCancel.push((await fundedProject(world)).id as string);

      const steps = [
        ...withTranche.map(
          ({ tranche }) =>
            () =>
              world.municipal.approver!.post(`/v1/tranches/${tranche}/approvals`, { decision: 'approve' }),
        ),
        ...awaiting.map(
          (id) => () => world.municipal.approver!.post(`/v1/applications/${id}/approvals`, { decision: 'approve' }),
        ),
        ...toCancel.map(
          (id) => () =>
            world.state.programme_admin!.post(`/v1/applications/${id}/cancel`, { reason: 'reprogramación' }),
        ),
        // While the cancelled ones settle, other steps hit the same applications and pools.
        ...toCancel.map(
          (id) => () =>
            world.club.applicant!.post(`/v1/applications/${id}/tranches`, {
              amount: '100.00',
              milestone: 'm',
              evidence: [{ name: 'x' }],
            }),
        ),
        ...withTranche.map(
          ({ project }) =>
            () =>
              world.federal.programme_admin!.post(`/v1/applications/${project}/refunds`, {
                amount: '10.00',
                reason: 'sobrante',
              }),
        ),
        ...(['federal', 'state', 'municipal'] as const).map(
          (party) => () =>
            world.governments[party].programme_admin!.post(`/v1/programmes/${world.programme.id}/budgets`, {
              party,
              amount: '1000.00',
            }),
        ),
      ];
      // Shuffled deterministically so that the kinds of step interleave.
      const order = steps.map((_, i) => i).sort((a, b) => ((a * 7919) % 37) - ((b * 7919) % 37));
      const replies = await Promise.all(order.map((i) => steps[i]!()));
      for (const reply of replies) {
        expect([200, 201, 409], JSON.stringify(reply.body)).toContain(reply.status);
      }
      for (const { tranche } of withTranche) {
        const [row] = await database.sql`SELECT status FROM tranches WHERE id = ${tranche}`;
        expect(row!.status).toBe('posted');
      }
      for (const id of toCancel) {
        const [row] = await database.sql`SELECT status FROM applications WHERE id = ${id}`;
        expect(row!.status).toBe('cancelled');
      }
      // What the pools hold is exactly what the pending reservations have left.
      const pools = await database.sql`
      SELECT a.code, a.held::text AS held,
             (SELECT coalesce(sum(h.amount - h.captured), 0)::text FROM ledger_holds h
               WHERE h.account_id = a.id AND h.status = 'pending') AS pending
      FROM ledger_accounts a WHERE a.code LIKE 'programme:storm:%:pool'`;
      for (const pool of pools) expect(pool.held, pool.code).toBe(pool.pending);
      await expectTrialBalanced(database.db);
    });
  });
});
