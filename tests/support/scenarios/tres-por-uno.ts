import type { Sql } from 'postgres';
import { expect } from 'vitest';
import type { Database } from '../../../src/db';
import { sealPending, verifyChain } from '../../../src/ledger';
import type { Application, BudgetResult, Programme, Tranche } from '../api';
import { ADMIN_TOKEN } from '../app';
import { type Transport, client } from '../client';
import { balanceOf, expectStatus, expectTrialBalanced, organisation } from '../workflow';

/**
 * A whole Tres por Uno project, from the domain file: infrastructure, MXN 2,400,000.00 in four
 * equal shares (3x1-1, 3x1-4) under the 2013 rules, the club paying part of its share in dollars,
 * two tranches (3x1-8), the unspent money returned (3x1-9) and the project closed. Every balance is
 * checked after every step. It talks HTTP only (the app in process, or the Worker in workerd) and
 * reads the ledger of the same database to check the money.
 */
export async function tresPorUnoProject(app: Transport, db: Database, sql: Sql, code: string) {
  const admin = client(app, ADMIN_TOKEN);
  const club = await organisation(app, 'Club Zacatecano de Los Angeles', 'association', ['applicant']);
  const federal = await organisation(app, 'SEDESOL', 'government', ['approver', 'programme_admin']);
  const state = await organisation(app, 'Gobierno de Zacatecas', 'government', ['approver', 'programme_admin']);
  const municipal = await organisation(app, 'Municipio de Jerez', 'government', ['approver', 'programme_admin']);
  const auditor = await organisation(app, 'Auditoría Superior', 'auditor', ['auditor']);

  // The administrator invites the three governments; each binds itself by accepting, and no money
  // moves in a party's name before that.
  const invited = expectStatus(
    await admin.post<Programme>('/v1/programmes', {
      code,
      name: 'Tres por Uno Zacatecas 2014',
      ruleSet: 'tres-por-uno',
      currency: 'MXN',
      parties: { federal: federal.id, state: state.id, municipal: municipal.id },
    }),
    201,
  ).body;
  expect(invited.status).toBe('awaiting-parties');
  expect(invited.pools).toEqual([]);
  const early = expectStatus(
    await federal.programme_admin!.post(`/v1/programmes/${invited.id}/budgets`, { party: 'federal', amount: '1.00' }),
    409,
  );
  expect(early.body).toMatchObject({ type: 'urn:cofund:problem:party-not-accepted' });
  let programme = invited;
  for (const [party, org] of [
    ['federal', federal],
    ['state', state],
    ['municipal', municipal],
  ] as const) {
    programme = expectStatus(
      await org.programme_admin!.post<Programme>(`/v1/programmes/${invited.id}/parties/${party}/acceptance`, {
        comment: 'Convenio firmado',
      }),
      200,
    ).body;
  }
  expect(programme.status).toBe('open');
  const pool = (party: string) => `programme:${code}:${party}:pool`;

  // Budgets: each government funds its own pool.
  for (const [party, org] of [
    ['federal', federal],
    ['state', state],
    ['municipal', municipal],
  ] as const) {
    const funded = expectStatus(
      await org.programme_admin!.post<BudgetResult>(`/v1/programmes/${programme.id}/budgets`, {
        party,
        amount: '5000000.00',
      }),
      201,
    ).body;
    expect(funded.pool.balance).toBe('5000000.00');
  }
  // Nobody funds another party's pool.
  expectStatus(
    await state.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, { party: 'federal', amount: '1.00' }),
    403,
  );
  await expectTrialBalanced(db);

  // Filing: the plan is four shares of 600,000.00 under the 2013 rules.
  const filed = expectStatus(
    await club.applicant!.post<Application>(`/v1/programmes/${programme.id}/applications`, {
      projectType: 'infrastructure',
      title: 'Pavimentación de la calle Hidalgo',
      totalCost: '2400000.00',
      currency: 'MXN',
      location: 'Jerez, Zacatecas',
      filedAt: '2014-03-03',
      // Valid at filing (3x1-5) and still valid when the agreement is signed, today.
      registration: { validFrom: '2013-06-01', validTo: '2030-12-31' },
    }),
    201,
  ).body;
  expect(filed.status).toBe('filed');
  expect(filed.ruleVersion).toBe('2013');
  expect(filed.plan.shares.map((s: { party: string; amount: string }) => [s.party, s.amount])).toEqual([
    ['club', '600000.00'],
    ['federal', '600000.00'],
    ['state', '600000.00'],
    ['municipal', '600000.00'],
  ]);
  const id = filed.id;
  const share = (party: string) => `application:${id}:${party}:share`;
  const disbursed = (party: string) => `application:${id}:${party}:disbursed`;

  // The club cannot approve its own project; the approvers approve for their own party only.
  expectStatus(await club.applicant!.post(`/v1/applications/${id}/approvals`, { decision: 'approve' }), 403);
  expectStatus(
    await federal.approver!.post(`/v1/applications/${id}/approvals`, { decision: 'approve', party: 'state' }),
    403,
  );
  expectStatus(
    await federal.approver!.post(`/v1/applications/${id}/approvals`, { decision: 'approve', comment: 'COVAM 2014-03' }),
    200,
  );
  expectStatus(await federal.approver!.post(`/v1/applications/${id}/approvals`, { decision: 'approve' }), 409);
  expectStatus(await state.approver!.post(`/v1/applications/${id}/approvals`, { decision: 'approve' }), 200);
  // Nothing is reserved until every required party has approved.
  expect(await balanceOf(db, pool('federal'))).toEqual({ balance: '5000000.00', held: '0.00' });
  const approved = expectStatus(
    await municipal.approver!.post<Application>(`/v1/applications/${id}/approvals`, { decision: 'approve' }),
    200,
  ).body;
  expect(approved.status).toBe('approved');
  expect(approved.reservations).toHaveLength(3);
  for (const party of ['federal', 'state', 'municipal']) {
    expect(await balanceOf(db, pool(party))).toEqual({ balance: '5000000.00', held: '600000.00' });
  }

  // The club pays USD 40,000.00 at 12.9500 (= MXN 518,000.00) and MXN 82,000.00.
  const inDollars = expectStatus(
    await club.applicant!.post<Application>(`/v1/applications/${id}/contributions`, {
      party: 'club',
      amount: '40000.00',
      currency: 'USD',
      fxRate: '12.9500',
    }),
    201,
  ).body;
  expect(inDollars.contributions[0]).toMatchObject({
    paidAmount: '40000.00',
    paidCurrency: 'USD',
    fxRate: '12.9500',
    amount: '518000.00',
  });
  expect(await balanceOf(db, share('club'))).toEqual({ balance: '518000.00', held: '0.00' });
  expect(await balanceOf(db, `programme:${code}:fx:USD`)).toMatchObject({ balance: '-40000.00' });
  expect(await balanceOf(db, `programme:${code}:fx:MXN`)).toMatchObject({ balance: '518000.00' });
  // A contribution beyond the club's share is refused and changes nothing.
  expectStatus(
    await club.applicant!.post(`/v1/applications/${id}/contributions`, { party: 'club', amount: '82000.01' }),
    422,
  );
  expectStatus(
    await club.applicant!.post(`/v1/applications/${id}/contributions`, { party: 'club', amount: '82000.00' }),
    201,
  );
  expect(await balanceOf(db, share('club'))).toMatchObject({ balance: '600000.00' });
  await expectTrialBalanced(db);

  // Tranche 1: 50% (3x1-8), 1,200,000.00, 300,000.00 from each party.
  const first = expectStatus(
    await club.applicant!.post<Tranche>(`/v1/applications/${id}/tranches`, {
      amount: '1200000.00',
      milestone: 'Convenio de Concertación firmado',
      evidence: [{ name: 'convenio.pdf', sha256: 'a'.repeat(64) }],
    }),
    201,
  ).body;
  expect(first.approvers).toEqual(['federal', 'state', 'municipal']);
  // Running ahead of the schedule is refused while tranche 1 waits.
  expectStatus(
    await club.applicant!.post(`/v1/applications/${id}/tranches`, {
      amount: '1.00',
      milestone: 'x',
      evidence: [{ name: 'x' }],
    }),
    409,
  );
  for (const org of [federal, state, municipal])
    expectStatus(await org.approver!.post(`/v1/tranches/${first.id}/approvals`, { decision: 'approve' }), 200);
  const posted = expectStatus(await auditor.auditor!.get<Tranche>(`/v1/tranches/${first.id}`), 200).body;
  expect(posted.status).toBe('posted');
  expect(posted.parts).toEqual([
    { party: 'club', amount: '300000.00' },
    { party: 'federal', amount: '300000.00' },
    { party: 'state', amount: '300000.00' },
    { party: 'municipal', amount: '300000.00' },
  ]);
  for (const party of ['federal', 'state', 'municipal']) {
    expect(await balanceOf(db, pool(party))).toEqual({ balance: '4700000.00', held: '300000.00' });
    expect(await balanceOf(db, share(party))).toMatchObject({ balance: '0.00' });
  }
  expect(await balanceOf(db, share('club'))).toMatchObject({ balance: '300000.00' });
  for (const party of ['club', 'federal', 'state', 'municipal'])
    expect(await balanceOf(db, disbursed(party))).toMatchObject({ balance: '300000.00' });
  await expectTrialBalanced(db);

  // Tranche 2: the work came in under budget, 1,000,000.00, 250,000.00 each.
  const second = expectStatus(
    await club.applicant!.post<Tranche>(`/v1/applications/${id}/tranches`, {
      amount: '1000000.00',
      milestone: 'Acta de entrega-recepción',
      evidence: [{ name: 'acta.pdf' }],
    }),
    201,
  ).body;
  for (const org of [federal, state, municipal])
    expectStatus(await org.approver!.post(`/v1/tranches/${second.id}/approvals`, { decision: 'approve' }), 200);
  for (const party of ['federal', 'state', 'municipal']) {
    expect(await balanceOf(db, pool(party))).toEqual({ balance: '4450000.00', held: '50000.00' });
  }
  expect(await balanceOf(db, share('club'))).toMatchObject({ balance: '50000.00' });

  // Closing needs the project's accounts at zero: the club's unspent 50,000.00 goes back first.
  const notYet = expectStatus(await federal.programme_admin!.post(`/v1/applications/${id}/close`, {}), 409);
  expect(notYet.body).toMatchObject({
    type: 'urn:cofund:problem:accounts-not-zero',
    accounts: [{ party: 'club', balance: '50000.00' }],
  });
  // Settling is for the programme's managers, not the platform administrator nor the applicant.
  expectStatus(await admin.post(`/v1/applications/${id}/refunds`, { reason: 'obra terminada' }), 403);
  expectStatus(await club.applicant!.post(`/v1/applications/${id}/refunds`, { reason: 'obra terminada' }), 403);
  // No administrator organisation: the public funders manage the programme together.
  const afterRefund = expectStatus(
    await federal.programme_admin!.post<Application>(`/v1/applications/${id}/refunds`, {
      reason: 'obra terminada bajo presupuesto',
    }),
    200,
  ).body;
  expect(afterRefund.funding.find((f) => f.party === 'club')!.held).toBe('0.00');
  expect(await balanceOf(db, `programme:${code}:club:source:MXN`)).toMatchObject({ balance: '32000.00' });
  const closed = expectStatus(
    await federal.programme_admin!.post<Application>(`/v1/applications/${id}/close`, { reason: 'entrega-recepción' }),
    200,
  ).body;
  expect(closed.status).toBe('closed');
  // The reservations' unused 50,000.00 went back to each pool.
  for (const party of ['federal', 'state', 'municipal']) {
    expect(await balanceOf(db, pool(party))).toEqual({ balance: '4450000.00', held: '0.00' });
    expect(await balanceOf(db, share(party))).toMatchObject({ balance: '0.00' });
    expect(await balanceOf(db, disbursed(party))).toMatchObject({ balance: '550000.00' });
  }
  expect(await balanceOf(db, disbursed('club'))).toMatchObject({ balance: '550000.00' });
  await expectTrialBalanced(db);

  // The books verify, and every step is in the audit log.
  await sealPending(db);
  expect(await verifyChain(db)).toMatchObject({ ok: true, unsealed: 0 });
  const audit = await sql`SELECT action FROM audit_log WHERE resource_id = ${id} ORDER BY id`;
  expect(audit.map((row) => row.action)).toEqual([
    'application.filed',
    'application.approved-by',
    'application.approved-by',
    'application.approved-by',
    'application.commitments-reserved',
    'application.contribution-recorded',
    'application.contribution-recorded',
    'application.refunded',
    'application.closed',
  ]);
}
