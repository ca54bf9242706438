import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clabeCheckDigit } from '../../src/reconciliation/account-numbers';
import type { Application } from '../support/api';
import { createTestApp } from '../support/app';
import { proveContributions } from '../support/bank-proof';
import type { Transport } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus } from '../support/workflow';
import {
  type World,
  expectNothingChanged,
  fundedProject,
  requestTranche,
  threeByOneProgramme,
} from '../workflow/fixtures';

/*
 * 3x1-7 in tres-por-uno 2013: the club's money counts once a bank line proves it. The workflow asks
 * for that proof only of a party whose share account has a registered bank account; a fund that
 * registers none keeps the contract's declared-money workflow.
 */

let database: TestDatabase;
let app: Transport;
let world: World;

type Contribution = { id: string; party: string; status: string; bankLineIds: string[]; bankMatchId: string | null };
type Seen = Application & { contributions: Contribution[] };

const seen = async (id: string) =>
  expectStatus(await world.club.applicant!.get<Seen>(`/v1/applications/${id}`), 200).body;

const decideTranche = (party: 'federal' | 'state' | 'municipal', trancheId: string) =>
  world.governments[party].approver!.post(`/v1/tranches/${trancheId}/approvals`, { decision: 'approve' });

/** Programme staff register the bank account of the club's share of the project. */
async function registerClubBankAccount(applicationId: string) {
  const accounts = expectStatus(
    await world.federal.programme_admin!.get<{ items: Array<{ id: string; code: string }> }>(
      `/v1/applications/${applicationId}/accounts`,
    ),
    200,
  ).body.items;
  const share = accounts.find((account) => account.code === `application:${applicationId}:club:share`)!;
  const first17 = `01218000${applicationId.replace(/\D/g, '').padEnd(9, '7').slice(0, 9)}`;
  return expectStatus(
    await world.federal.programme_admin!.post<{ id: string }>('/v1/bank-accounts', {
      ledgerAccountId: share.id,
      clabe: `${first17}${clabeCheckDigit(first17)}`,
      bank: 'BBVA México',
      currency: 'MXN',
    }),
    201,
  ).body;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'proofs');
});
afterAll(() => database?.close());

describe('declared and proven contributions (3x1-7)', () => {
  it('the plan carries the rule, and a contribution starts declared', async () => {
    const project = await fundedProject(world);
    expect(project.plan.proofs).toEqual([
      expect.objectContaining({ rule: '3x1-7', party: 'club', proof: 'bank-line', before: 'tranche' }),
    ]);
    const [contribution] = (await seen(project.id)).contributions;
    expect(contribution).toMatchObject({ party: 'club', status: 'declared', bankLineIds: [], bankMatchId: null });
  });

  it('without a bank account on the club share, the tranche posts on declared money, as in the contract', async () => {
    const project = await fundedProject(world);
    const tranche = await requestTranche(world, project.id, '1200000.00');
    for (const party of ['federal', 'state', 'municipal'] as const)
      expectStatus(await decideTranche(party, tranche.id), 200);
    expect((await seen(project.id)).tranches.map((t) => t.status)).toEqual(['posted']);
  });

  it('with one, the last approval is refused until a bank line proves the money, and then it posts', async () => {
    const project = await fundedProject(world);
    await registerClubBankAccount(project.id);
    const tranche = await requestTranche(world, project.id, '1200000.00');
    expectStatus(await decideTranche('federal', tranche.id), 200);
    expectStatus(await decideTranche('state', tranche.id), 200);
    const refused = expectStatus(
      await expectNothingChanged(database.sql, project.id, () => decideTranche('municipal', tranche.id)),
      409,
    ).body as Record<string, unknown>;
    const contributionId = (await seen(project.id)).contributions[0]!.id;
    expect(refused).toMatchObject({
      type: 'urn:cofund:problem:proof-missing',
      rule: '3x1-7',
      party: 'club',
      contributions: [expect.objectContaining({ id: contributionId, amount: '600000.00' })],
    });
    expect(String(refused.detail)).toContain('3x1-7');

    const [proven] = await proveContributions(app, world.federal.tokens.programme_admin!, project.id, ['club']);
    expect(proven).toMatchObject({ id: contributionId, status: 'proven' });
    expect(proven!.bankLineIds).toHaveLength(1);
    expectStatus(await decideTranche('municipal', tranche.id), 200);
    expect((await seen(project.id)).tranches.map((t) => t.status)).toEqual(['posted']);
  });

  it('undoing the bank match makes the contribution declared again', async () => {
    const project = await fundedProject(world);
    const { id: bankAccount } = await registerClubBankAccount(project.id);
    const [proven] = await proveContributions(app, world.federal.tokens.programme_admin!, project.id, ['club']);
    expectStatus(
      await world.federal.programme_admin!.post(
        `/v1/bank-accounts/${bankAccount}/matches/${proven!.bankMatchId}/undo`,
        {
          reason: 'línea asignada por error',
        },
      ),
      200,
    );
    expect((await seen(project.id)).contributions[0]).toMatchObject({
      status: 'declared',
      bankLineIds: [],
      bankMatchId: null,
    });
  });
});
