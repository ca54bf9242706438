import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { findAccountByCode } from '../../src/ledger';
import { readNodeConfig } from '../../src/runtime/node-config';
import type { Application, BudgetResult } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { type Reply, client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { holdRowLock, observedGroupCommit, waitingOnLock } from '../support/group-commit';
import { eventually } from '../support/own-cluster';
import { enrolSecondFactor, invite, signedInBrowser } from '../support/people';
import { balanceOf, expectTrialBalanced } from '../support/workflow';
import { approve, file, infrastructure, threeByOneProgramme } from '../workflow/fixtures';

/*
 * Group commit through app.request(), the API's and the portal's money forms: money-moving requests
 * that arrive together share one transaction and one COMMIT (tests/support/group-commit.ts observes
 * which), and one request's refusal is only that request's. A batch is kept open by a row lock its
 * first member waits on, so that the others have joined it when the lock goes.
 */

let database: TestDatabase;
let app: App;
let observed: ReturnType<typeof observedGroupCommit>;

beforeAll(async () => {
  database = await createTestDatabase({ max: 8 });
  observed = observedGroupCommit(database.db);
  app = await createTestApp(database.db, { groupCommit: observed.groupCommit });
});
afterAll(() => database.close());

/** Sends `first`, holds it on `lock`, sends the others, and lets the batch go once all have joined it. */
async function inOneBatch(
  lock: { table: 'ledger_accounts' | 'applications'; id: string },
  first: () => Promise<Reply>,
  others: Array<() => Promise<Reply>>,
): Promise<{ replies: Reply[]; txids: string[] }> {
  const release = await holdRowLock(database.url, lock.table, lock.id);
  const before = observed.seen.submitted;
  const pending = [first()];
  await waitingOnLock(database.sql, lock.table);
  pending.push(...others.map((send) => send()));
  const all = before + 1 + others.length;
  await eventually(async () => observed.seen.submitted === all || undefined, 'every request to join the batch');
  await release();
  const replies = await Promise.all(pending);
  return { replies, txids: observed.seen.txids.slice(-pending.length) };
}

describe('a batch of money-moving requests', () => {
  it('commits the others when one is refused; the refused one leaves nothing behind', async () => {
    // The federal pool covers one project's share (600,000.00) and no more.
    const world = await threeByOneProgramme(app, 'group-batch', { federal: '600000.00' });
    const first = await file(world);
    const second = await file(world, world.otherClub, infrastructure('2400000.00', 'Obra B'));
    for (const filed of [first, second]) await approve(world, filed.id, ['federal', 'state']);
    const lastApproval = (id: string) => () =>
      world.municipal.approver!.post<Application>(`/v1/applications/${id}/approvals`, { decision: 'approve' });
    const stateBefore = await balanceOf(database.db, 'programme:group-batch:state:pool');

    const { replies, txids } = await inOneBatch({ table: 'applications', id: first.id }, lastApproval(first.id), [
      lastApproval(second.id),
      () =>
        world.state.programme_admin!.post<BudgetResult>(`/v1/programmes/${world.programme.id}/budgets`, {
          party: 'state',
          amount: '1000.00',
        }),
    ]);
    expect(new Set(txids).size).toBe(1);
    expect(replies.map((reply) => reply.status)).toEqual([200, 409, 201]);
    expect((replies[0]!.body as Application).status).toBe('approved');
    expect(replies[1]!.headers.get('content-type')).toContain('application/problem+json');
    expect(replies[1]!.body).toMatchObject({ type: 'urn:cofund:problem:pool-insufficient', party: 'federal' });

    // The refused approval rolled back to its savepoint: not recorded, nothing reserved.
    const [row] = await database.sql`SELECT status FROM applications WHERE id = ${second.id}`;
    expect(row!.status).toBe('filed');
    const approvals = await database.sql`SELECT party FROM application_approvals WHERE application_id = ${second.id}`;
    expect(approvals).toHaveLength(2);
    const holds = await database.sql`SELECT 1 FROM ledger_holds WHERE metadata->>'applicationId' = ${second.id}`;
    expect(holds).toHaveLength(0);
    expect(await balanceOf(database.db, 'programme:group-batch:federal:pool')).toEqual({
      balance: '600000.00',
      held: '600000.00',
    });
    expect((await balanceOf(database.db, 'programme:group-batch:state:pool')).balance).toBe(
      (Number(stateBefore.balance) + 1000).toFixed(2),
    );
    await expectTrialBalanced(database.db);
  });

  it('books once for the same Idempotency-Key twice in one batch: the second replays the first', async () => {
    const world = await threeByOneProgramme(app, 'group-same-key');
    const pool = (await findAccountByCode(database.db, 'programme:group-same-key:federal:pool'))!;
    const budget = () =>
      world.federal.programme_admin!.post<BudgetResult>(
        `/v1/programmes/${world.programme.id}/budgets`,
        { party: 'federal', amount: '250.00' },
        { 'idempotency-key': 'budget-2026-q3' },
      );
    const { replies, txids } = await inOneBatch({ table: 'ledger_accounts', id: pool.id }, budget, [budget]);
    expect(new Set(txids).size).toBe(1);
    expect(replies.map((reply) => reply.status)).toEqual([201, 201]);
    expect(replies.map((reply) => reply.headers.get('idempotent-replayed'))).toEqual([null, 'true']);
    expect(replies[1]!.body).toEqual(replies[0]!.body);
    const after = (await findAccountByCode(database.db, pool.code))!;
    expect(Number(after.balance) - Number(pool.balance)).toBe(250);
  });
});

describe("the portal's money forms", () => {
  it('go through the batches too: a form posted twice books once', async () => {
    const world = await threeByOneProgramme(app, 'group-portal');
    const person = await invite(client(app, ADMIN_TOKEN), world.state.id, {
      email: 'programas@group-portal.example',
      role: 'programme_admin',
      locale: 'en',
    });
    const staff = await signedInBrowser(app, person);
    await enrolSecondFactor(staff, new Date());
    const page = `/manage/programmes/${world.programme.id}/budget`;
    const form = await staff.get(page);
    const hidden = Object.fromEntries(
      [...form.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
        .filter((m) => m[1] !== '_csrf')
        .map((m) => [m[1]!, m[2]!]),
    );
    const fields = { ...hidden, party: 'state', amount: '750.00' };
    const before = await balanceOf(database.db, 'programme:group-portal:state:pool');
    const submitted = observed.seen.submitted;
    const first = await staff.post(page, fields);
    const second = await staff.post(page, fields);
    expect(first.status).toBe(303);
    expect(second.location).toBe(first.location);
    expect(observed.seen.submitted).toBe(submitted + 2);
    expect((await balanceOf(database.db, 'programme:group-portal:state:pool')).balance).toBe(
      (Number(before.balance) + 750).toFixed(2),
    );
  });
});

describe('COFUND_GROUP_COMMIT', () => {
  const read = (value?: string) =>
    readNodeConfig({ COFUND_ADMIN_TOKEN: ADMIN_TOKEN, ...(value === undefined ? {} : { COFUND_GROUP_COMMIT: value }) })
      .groupCommit;

  it('is off unless set to 1 (or true), and refuses anything else, naming itself', () => {
    expect([read(), read(''), read('0'), read('false')]).toEqual([false, false, false, false]);
    expect([read('1'), read('true')]).toEqual([true, true]);
    expect(() => read('yes')).toThrow(/COFUND_GROUP_COMMIT must be 1 or 0/);
  });
});
