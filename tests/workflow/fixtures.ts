import type { Application, Tranche } from '../support/api';
import { ADMIN_TOKEN } from '../support/app';
import { type Transport, client } from '../support/client';
import { expectStatus, openProgramme, organisation } from '../support/workflow';

export type Org = Awaited<ReturnType<typeof organisation>>;

/**
 * A Tres por Uno programme (2013 rules) with its three governments, each funding its pool, two
 * clubs, a government and a club with no part in it, and an auditor.
 */
export async function threeByOneProgramme(
  app: Transport,
  code: string,
  budget: Partial<Record<'federal' | 'state' | 'municipal', string>> = {},
  /** More of the programme's settings (e.g. `approvalReminderDays`). */
  settings: Record<string, unknown> = {},
) {
  const admin = client(app, ADMIN_TOKEN);
  const club = await organisation(app, `Club ${code}`, 'association', ['applicant']);
  const otherClub = await organisation(app, `Other club ${code}`, 'association', ['applicant']);
  const federal = await organisation(app, `Federal ${code}`, 'government', ['approver', 'programme_admin']);
  const state = await organisation(app, `State ${code}`, 'government', ['approver', 'programme_admin']);
  const municipal = await organisation(app, `Municipal ${code}`, 'government', ['approver', 'programme_admin']);
  const outsider = await organisation(app, `Unrelated government ${code}`, 'government', [
    'approver',
    'programme_admin',
  ]);
  const auditor = await organisation(app, `Auditor ${code}`, 'auditor', ['auditor']);
  const programme = await openProgramme(
    app,
    {
      code,
      name: `Tres por Uno ${code}`,
      ruleSet: 'tres-por-uno',
      currency: 'MXN',
      parties: { federal: federal.id, state: state.id, municipal: municipal.id },
      ...settings,
    },
    [federal, state, municipal],
  );
  const governments = { federal, state, municipal };
  for (const [party, org] of Object.entries(governments)) {
    const amount = budget[party as keyof typeof budget] ?? '100000000.00';
    expectStatus(await org.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, { party, amount }), 201);
  }
  return { admin, club, otherClub, federal, state, municipal, outsider, auditor, programme, governments };
}

export type World = Awaited<ReturnType<typeof threeByOneProgramme>>;

/** An infrastructure project under the 2013 rules: four equal shares of a quarter of `totalCost`. */
export const infrastructure = (totalCost = '2400000.00', title = 'Pavimentación') => ({
  projectType: 'infrastructure',
  title,
  totalCost,
  currency: 'MXN',
  location: 'Jerez, Zacatecas',
  filedAt: '2014-03-03',
  registration: { validFrom: '2013-06-01', validTo: '2099-12-31' },
});

export async function file(world: World, by: Org = world.club, body: Record<string, unknown> = infrastructure()) {
  return expectStatus(
    await by.applicant!.post<Application>(`/v1/programmes/${world.programme.id}/applications`, body),
    201,
  ).body;
}

/** Approvals by the given parties (all three by default). */
export async function approve(
  world: World,
  id: string,
  parties: Array<'federal' | 'state' | 'municipal'> = ['federal', 'state', 'municipal'],
) {
  let last: Application | undefined;
  for (const party of parties)
    last = expectStatus(
      await world.governments[party].approver!.post<Application>(`/v1/applications/${id}/approvals`, {
        decision: 'approve',
      }),
      200,
    ).body;
  return last;
}

/** A project approved and fully paid in by its club, ready for tranches. */
export async function fundedProject(world: World, by: Org = world.club, totalCost = '2400000.00') {
  const filed = await file(world, by, infrastructure(totalCost));
  await approve(world, filed.id);
  const clubShare = filed.plan.shares.find((s) => s.party === 'club')!.amount;
  expectStatus(
    await by.applicant!.post(`/v1/applications/${filed.id}/contributions`, { party: 'club', amount: clubShare }),
    201,
  );
  return filed;
}

export async function requestTranche(world: World, id: string, amount: string, by: Org = world.club) {
  return expectStatus(
    await by.applicant!.post<Tranche>(`/v1/applications/${id}/tranches`, {
      amount,
      milestone: 'avance físico',
      evidence: [{ name: 'avance.pdf', sha256: 'c'.repeat(64) }],
    }),
    201,
  ).body;
}

/** A funded project's first tranche, approved by the federal and state governments: the municipality decides. */
export async function trancheAwaitingMunicipal(world: World) {
  const project = await fundedProject(world);
  const tranche = await requestTranche(world, project.id, '1200000.00');
  for (const party of ['federal', 'state'] as const) {
    expectStatus(
      await world.governments[party].approver!.post(`/v1/tranches/${tranche.id}/approvals`, { decision: 'approve' }),
      200,
    );
  }
  return { project, tranche };
}

export { expectNothingChanged, footprint } from '../support/footprint';
