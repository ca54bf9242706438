import type { Sql } from 'postgres';
import { expect } from 'vitest';
import type { Database } from '../../../src/db';
import { sealPending, verifyChain } from '../../../src/ledger';
import type { Application, BudgetResult, IneligibleProblem, Problem, Tranche } from '../api';
import type { Transport } from '../client';
import { documentsListed, expectDocumentsMissing, samplePdf, sha256, uploadDocument } from '../documents';
import { balanceOf, expectStatus, expectTrialBalanced, openProgramme, organisation, type testClock } from '../workflow';

type Clock = ReturnType<typeof testClock>;

/**
 * Whole MDM Invest projects under the 2015 rules (M-2 to M-6), through the HTTP API, on a clock the
 * test moves. Project A: MAD 80,000,000.00 creation in industry, sole investor, the grant capped at
 * MAD 5,000,000.00, the investor's equity paid in euros in two payments, the bank's credit, the one
 * tranche, closing, and an M-6 clawback within the five years. Project B: a 40% stake (the grant is
 * 10% of the investor's quote-part), whose clawback comes after the window and is refused. Project C:
 * real estate, refused at filing (M-5). Every balance and the trial balance are checked after each step.
 * The programme requires the rules' papers: each grant tranche waits for the bank's certificate of the
 * equity (M-3), a real PDF the bank uploads and the investor cites by its id.
 */
export async function mdmInvestProjects(app: Transport, db: Database, sql: Sql, clock: Clock, code: string) {
  clock.set('2016-03-01T09:00:00Z');
  const investor = await organisation(app, 'Karim Benali (MRE, Lyon)', 'investor', ['applicant']);
  const partner = await organisation(app, 'Nadia Alaoui (MRE, Montréal)', 'investor', ['applicant']);
  const state = await organisation(app, 'Caisse Centrale de Garantie', 'government', ['approver', 'programme_admin']);
  const bank = await organisation(app, 'Banque Populaire', 'bank', ['approver', 'programme_admin']);
  const auditor = await organisation(app, 'Cour des comptes', 'auditor', ['auditor']);

  const programme = await openProgramme(
    app,
    {
      code,
      name: 'MDM Invest 2016',
      ruleSet: 'mdm-invest',
      currency: 'MAD',
      parties: { grant: state.id, bank: bank.id },
      requireDocuments: true,
    },
    [state, bank],
  );
  /** The bank's certificate that the equity reached the dedicated dirham account, uploaded by the bank. */
  const certify = async (applicationId: string, investorName: string) => {
    const bytes = await samplePdf('Attestation bancaire de versement des fonds propres', [investorName]);
    const uploaded = expectStatus(
      await uploadDocument(app, bank.tokens.approver!, applicationId, { type: 'attestation-bancaire-apport', bytes }),
      201,
    ).body;
    expect(uploaded).toMatchObject({ sha256: sha256(bytes), size: bytes.length, contentType: 'application/pdf' });
    return { document: uploaded, sha256: sha256(bytes) };
  };
  expect(programme.pools!.map((pool: { party: string }) => pool.party)).toEqual(['grant']);
  const pool = `programme:${code}:grant:pool`;
  const budgetSource = `programme:${code}:grant:source:MAD`;
  // The bank lends: it has no pool to fund.
  expectStatus(
    await state.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, { party: 'bank', amount: '1.00' }),
    422,
  );
  const funded = expectStatus(
    await state.programme_admin!.post<BudgetResult>(`/v1/programmes/${programme.id}/budgets`, {
      party: 'grant',
      amount: '10000000.00',
    }),
    201,
  ).body;
  expect(funded.pool).toMatchObject({ balance: '10000000.00', held: '0.00', available: '10000000.00' });
  expect(await balanceOf(db, budgetSource)).toMatchObject({ balance: '10000000.00' });
  await expectTrialBalanced(db);

  // ---- Project A: MAD 80,000,000.00, sole investor (stake 100), grant capped (M-2, M-3).
  const filedA = expectStatus(
    await investor.applicant!.post<Application>(`/v1/programmes/${programme.id}/applications`, {
      projectType: 'creation',
      title: 'Usine de composants automobiles, Tanger',
      totalCost: '80000000.00',
      currency: 'MAD',
      sector: 'industry',
      location: 'Tanger Med',
      investorStatus: 'mre',
      investorStakePercent: 100,
    }),
    201,
  ).body;
  expect(filedA).toMatchObject({
    status: 'filed',
    ruleVersion: '2015',
    total: '80000000.00',
    currency: 'MAD',
    applicantParty: 'investor',
  });
  expect(
    filedA.plan.shares.map((s: { party: string; amount: string; capped: boolean }) => [s.party, s.amount, s.capped]),
  ).toEqual([
    ['investor', '20000000.00', false],
    ['grant', '5000000.00', true],
    ['bank', '55000000.00', false],
  ]);
  expect(filedA.plan.requiredApprovals).toEqual(['grant', 'bank']);
  expect(filedA.plan.tranches).toEqual([expect.objectContaining({ index: 1, percent: '100', amount: '80000000.00' })]);
  expect(filedA.plan.clawback).toMatchObject({ rule: 'M-6', party: 'grant', years: 5, from: 'equity-release' });
  expect(filedA.plan.trace.map((step: { rule: string }) => step.rule)).toContain('M-3');
  const a = filedA.id;
  const share = (id: string, party: string) => `application:${id}:${party}:share`;
  const disbursed = (id: string, party: string) => `application:${id}:${party}:disbursed`;
  for (const party of ['investor', 'grant', 'bank']) {
    expect(await balanceOf(db, share(a, party))).toEqual({ balance: '0.00', held: '0.00' });
  }

  // Approvals: the investor never approves its own project; the grant and the bank do.
  expectStatus(await investor.applicant!.post(`/v1/applications/${a}/approvals`, { decision: 'approve' }), 403);
  expectStatus(
    await bank.approver!.post(`/v1/applications/${a}/approvals`, { decision: 'approve', party: 'grant' }),
    403,
  );
  expectStatus(
    await state.approver!.post(`/v1/applications/${a}/approvals`, {
      decision: 'approve',
      comment: 'comité du 2016-03-01',
    }),
    200,
  );
  expect(await balanceOf(db, pool)).toEqual({ balance: '10000000.00', held: '0.00' });
  const approvedA = expectStatus(
    await bank.approver!.post<Application>(`/v1/applications/${a}/approvals`, { decision: 'approve' }),
    200,
  ).body;
  expect(approvedA.status).toBe('approved');
  expect(approvedA.reservations).toEqual([
    expect.objectContaining({ party: 'grant', amount: '5000000.00', remaining: '5000000.00', status: 'pending' }),
  ]);
  expect(await balanceOf(db, pool)).toEqual({ balance: '10000000.00', held: '5000000.00' });
  await expectTrialBalanced(db);

  // The investor's equity: in foreign currency (M-3), never in dirhams, and never more than its share.
  const inDirhams = expectStatus(
    await investor.applicant!.post<Problem>(`/v1/applications/${a}/contributions`, {
      party: 'investor',
      amount: '1000000.00',
    }),
    422,
  ).body;
  expect(inDirhams.errors).toEqual([
    expect.objectContaining({ field: 'body.currency', message: expect.stringContaining('M-3') }),
  ]);
  expectStatus(
    await investor.applicant!.post(`/v1/applications/${a}/contributions`, {
      party: 'investor',
      amount: '1000000.00',
      currency: 'EUR',
    }),
    422,
  );
  expect(await balanceOf(db, share(a, 'investor'))).toMatchObject({ balance: '0.00' });
  clock.set('2016-03-10T10:00:00Z');
  const firstEuros = expectStatus(
    await investor.applicant!.post<Application>(`/v1/applications/${a}/contributions`, {
      party: 'investor',
      amount: '1000000.00',
      currency: 'EUR',
      fxRate: '10.8500',
    }),
    201,
  ).body;
  expect(firstEuros.contributions).toEqual([
    expect.objectContaining({
      party: 'investor',
      paidAmount: '1000000.00',
      paidCurrency: 'EUR',
      fxRate: '10.8500',
      amount: '10850000.00',
    }),
  ]);
  expect(await balanceOf(db, share(a, 'investor'))).toMatchObject({ balance: '10850000.00' });
  expect(await balanceOf(db, `programme:${code}:investor:source:EUR`)).toMatchObject({ balance: '1000000.00' });
  expect(await balanceOf(db, `programme:${code}:fx:EUR`)).toMatchObject({ balance: '-1000000.00' });
  expect(await balanceOf(db, `programme:${code}:fx:MAD`)).toMatchObject({ balance: '10850000.00' });
  await expectTrialBalanced(db);
  // EUR 847,018.32 x 10.8026 = 9,150,000.10 dirhams: more than what is left of the share.
  expectStatus(
    await investor.applicant!.post(`/v1/applications/${a}/contributions`, {
      party: 'investor',
      amount: '847018.32',
      currency: 'EUR',
      fxRate: '10.8026',
    }),
    422,
  );
  // EUR 847,018.31 x 10.8026 = 9,149,999.995606, rounded half-even to the centime: 9,150,000.00.
  clock.set('2016-04-05T10:00:00Z');
  const restEuros = expectStatus(
    await investor.applicant!.post<Application>(`/v1/applications/${a}/contributions`, {
      party: 'investor',
      amount: '847018.31',
      currency: 'EUR',
      fxRate: '10.8026',
    }),
    201,
  ).body;
  expect(restEuros.contributions[1]).toMatchObject({ paidAmount: '847018.31', amount: '9150000.00' });
  expect(restEuros.funding.find((f: { party: string }) => f.party === 'investor')).toMatchObject({
    share: '20000000.00',
    contributed: '20000000.00',
    held: '20000000.00',
  });
  expect(await balanceOf(db, share(a, 'investor'))).toMatchObject({ balance: '20000000.00' });
  expect(await balanceOf(db, `programme:${code}:investor:source:EUR`)).toMatchObject({ balance: '1847018.31' });
  expect(await balanceOf(db, `programme:${code}:fx:EUR`)).toMatchObject({ balance: '-1847018.31' });
  expect(await balanceOf(db, `programme:${code}:fx:MAD`)).toMatchObject({ balance: '20000000.00' });
  // Fully paid in: nothing more is taken.
  expectStatus(
    await investor.applicant!.post(`/v1/applications/${a}/contributions`, {
      party: 'investor',
      amount: '0.01',
      currency: 'EUR',
      fxRate: '10.8026',
    }),
    422,
  );
  await expectTrialBalanced(db);

  // The tranche (one, 100%, M-3): never more than the project.
  expectStatus(
    await investor.applicant!.post(`/v1/applications/${a}/tranches`, {
      amount: '80000000.01',
      milestone: 'fonds propres libérés',
      evidence: [{ name: 'x.pdf' }],
    }),
    422,
  );
  // Paid on the bank's certificate of the equity (M-3), not on a name and a hash from the investor.
  const grantTranche = {
    amount: '80000000.00',
    milestone: 'fonds propres en devises libérés sur le compte en dirhams dédié',
  };
  expectDocumentsMissing(
    await investor.applicant!.post(`/v1/applications/${a}/tranches`, {
      ...grantTranche,
      evidence: [{ name: 'attestation-banque.pdf', sha256: 'b'.repeat(64) }],
    }),
    [['attestation-bancaire-apport', 'M-3']],
  );
  const certificateA = await certify(a, 'Karim Benali');
  const trancheA = expectStatus(
    await investor.applicant!.post<Tranche>(`/v1/applications/${a}/tranches`, {
      ...grantTranche,
      evidence: [{ documentId: certificateA.document.id }],
    }),
    201,
  ).body;
  expect(trancheA.evidence).toEqual([
    {
      documentId: certificateA.document.id,
      type: 'attestation-bancaire-apport',
      fileName: certificateA.document.fileName,
      sha256: certificateA.sha256,
    },
  ]);
  expect(trancheA).toMatchObject({ status: 'requested', approvers: ['grant', 'bank'], index: 0 });
  expectStatus(await state.approver!.post(`/v1/tranches/${trancheA.id}/approvals`, { decision: 'approve' }), 200);
  // The bank's credit is not paid in yet: the last approval cannot post, and nothing is written.
  const entriesBefore = await sql`SELECT count(*)::int AS n FROM journal_entries`;
  const missing = expectStatus(
    await bank.approver!.post(`/v1/tranches/${trancheA.id}/approvals`, { decision: 'approve' }),
    409,
  ).body;
  expect(missing).toMatchObject({ type: 'urn:cofund:problem:contribution-missing', party: 'bank' });
  expect((await sql`SELECT count(*)::int AS n FROM journal_entries`)[0]!.n).toBe(entriesBefore[0]!.n);
  expect(await balanceOf(db, pool)).toEqual({ balance: '10000000.00', held: '5000000.00' });
  expect((await auditor.auditor!.get(`/v1/tranches/${trancheA.id}`)).body).toMatchObject({
    status: 'requested',
    approvals: [{ party: 'grant' }],
  });

  // The bank's credit, recorded by the bank's own key -- not by the investor, not more than its share.
  expectStatus(
    await investor.applicant!.post(`/v1/applications/${a}/contributions`, { party: 'bank', amount: '55000000.00' }),
    403,
  );
  expectStatus(
    await bank.approver!.post(`/v1/applications/${a}/contributions`, { party: 'bank', amount: '55000000.01' }),
    422,
  );
  expectStatus(
    await bank.approver!.post(`/v1/applications/${a}/contributions`, { party: 'bank', amount: '55000000.00' }),
    201,
  );
  expect(await balanceOf(db, share(a, 'bank'))).toMatchObject({ balance: '55000000.00' });
  expect(await balanceOf(db, `programme:${code}:bank:source:MAD`)).toMatchObject({ balance: '55000000.00' });
  await expectTrialBalanced(db);

  const posted = expectStatus(
    await bank.approver!.post<Tranche>(`/v1/tranches/${trancheA.id}/approvals`, { decision: 'approve' }),
    200,
  ).body;
  expect(posted.status).toBe('posted');
  expect(posted.parts).toEqual([
    { party: 'investor', amount: '20000000.00' },
    { party: 'grant', amount: '5000000.00' },
    { party: 'bank', amount: '55000000.00' },
  ]);
  expect(await balanceOf(db, pool)).toEqual({ balance: '5000000.00', held: '0.00' });
  for (const [party, amount] of [
    ['investor', '20000000.00'],
    ['grant', '5000000.00'],
    ['bank', '55000000.00'],
  ] as const) {
    expect(await balanceOf(db, share(a, party))).toMatchObject({ balance: '0.00' });
    expect(await balanceOf(db, disbursed(a, party))).toMatchObject({ balance: amount });
  }
  const viewA = expectStatus(await auditor.auditor!.get<Application>(`/v1/applications/${a}`), 200).body;
  expect(viewA.disbursed).toBe('80000000.00');
  expect(viewA.reservations).toEqual([
    expect.objectContaining({ party: 'grant', captured: '5000000.00', remaining: '0.00', status: 'posted' }),
  ]);
  await expectTrialBalanced(db);
  // Nothing is left to disburse.
  expectStatus(
    await investor.applicant!.post(`/v1/applications/${a}/tranches`, {
      amount: '0.01',
      milestone: 'encore',
      evidence: [{ name: 'x.pdf' }],
    }),
    422,
  );

  const closedA = expectStatus(
    await state.programme_admin!.post<Application>(`/v1/applications/${a}/close`, { reason: 'programme réalisé' }),
    200,
  ).body;
  expect(closedA.status).toBe('closed');
  expect(await balanceOf(db, pool)).toEqual({ balance: '5000000.00', held: '0.00' });
  await expectTrialBalanced(db);

  // ---- Project B: a 40% stake; the grant is 10% of the investor's 40% of the total (M-3).
  clock.set('2016-04-05T11:00:00Z');
  const filedB = expectStatus(
    await partner.applicant!.post<Application>(`/v1/programmes/${programme.id}/applications`, {
      projectType: 'extension',
      title: 'Clinique de Fès, extension',
      totalCost: '30000000.00',
      currency: 'MAD',
      sector: 'health',
      investorStatus: 'mre',
      investorStakePercent: 40,
    }),
    201,
  ).body;
  expect(
    filedB.plan.shares.map((s: { party: string; amount: string; capped: boolean }) => [s.party, s.amount, s.capped]),
  ).toEqual([
    ['investor', '7500000.00', false],
    ['grant', '1200000.00', false],
    ['bank', '21300000.00', false],
  ]);
  const b = filedB.id;
  // The other investor's project is not the first investor's business.
  expectStatus(await investor.applicant!.get(`/v1/applications/${b}`), 404);
  expectStatus(await state.approver!.post(`/v1/applications/${b}/approvals`, { decision: 'approve' }), 200);
  expectStatus(await bank.approver!.post(`/v1/applications/${b}/approvals`, { decision: 'approve' }), 200);
  expect(await balanceOf(db, pool)).toEqual({ balance: '5000000.00', held: '1200000.00' });
  expectStatus(
    await partner.applicant!.post(`/v1/applications/${b}/contributions`, {
      party: 'investor',
      amount: '750000.00',
      currency: 'EUR',
      fxRate: '10.0000',
    }),
    201,
  );
  expectStatus(
    await bank.approver!.post(`/v1/applications/${b}/contributions`, { party: 'bank', amount: '21300000.00' }),
    201,
  );
  const certificateB = await certify(b, 'Nadia Alaoui');
  const trancheB = expectStatus(
    await partner.applicant!.post<Tranche>(`/v1/applications/${b}/tranches`, {
      amount: '30000000.00',
      milestone: 'fonds propres libérés',
      evidence: [{ documentId: certificateB.document.id }],
    }),
    201,
  ).body;
  expectStatus(await bank.approver!.post(`/v1/tranches/${trancheB.id}/approvals`, { decision: 'approve' }), 200);
  expectStatus(await state.approver!.post(`/v1/tranches/${trancheB.id}/approvals`, { decision: 'approve' }), 200);
  expect(await balanceOf(db, pool)).toEqual({ balance: '3800000.00', held: '0.00' });
  expect(await balanceOf(db, disbursed(b, 'grant'))).toMatchObject({ balance: '1200000.00' });
  expect(await balanceOf(db, `programme:${code}:fx:EUR`)).toMatchObject({ balance: '-2597018.31' });
  expect(await balanceOf(db, `programme:${code}:fx:MAD`)).toMatchObject({ balance: '27500000.00' });
  await expectTrialBalanced(db);

  // ---- Project C: real-estate development is excluded (M-5); nothing is filed.
  const applicationsBefore = (await sql`SELECT count(*)::int AS n FROM applications`)[0]!.n;
  const refused = expectStatus(
    await investor.applicant!.post<IneligibleProblem>(`/v1/programmes/${programme.id}/applications`, {
      projectType: 'creation',
      title: 'Résidence Marina',
      totalCost: '12000000.00',
      currency: 'MAD',
      sector: 'real-estate',
      investorStatus: 'mre',
    }),
    422,
  ).body;
  expect(refused.type).toBe('urn:cofund:problem:ineligible');
  expect(refused.failures).toEqual([expect.objectContaining({ rule: 'M-5' })]);
  expect((await sql`SELECT count(*)::int AS n FROM applications`)[0]!.n).toBe(applicationsBefore);

  // ---- M-6: A's investor disinvests in 2020, within 5 years of 2016-04-05: the grant goes back to its pool.
  clock.set('2020-06-01T09:00:00Z');
  expectStatus(await bank.approver!.post(`/v1/applications/${a}/clawback`, { reason: 'cession des parts' }), 403);
  expectStatus(await investor.applicant!.post(`/v1/applications/${a}/clawback`, { reason: 'cession des parts' }), 403);
  const clawedA = expectStatus(
    await state.programme_admin!.post<Application>(`/v1/applications/${a}/clawback`, {
      reason: "cession des parts de l'investisseur",
    }),
    200,
  ).body;
  expect(clawedA.status).toBe('closed');
  expect(clawedA.outcome!.clawback).toMatchObject({ rule: 'M-6', party: 'grant', recovered: '5000000.00' });
  expect(await balanceOf(db, pool)).toEqual({ balance: '8800000.00', held: '0.00' });
  expect(await balanceOf(db, disbursed(a, 'grant'))).toMatchObject({ balance: '0.00' });
  // The investor's and the bank's money are not the grant's to claw back.
  expect(await balanceOf(db, disbursed(a, 'investor'))).toMatchObject({ balance: '20000000.00' });
  expect(await balanceOf(db, disbursed(a, 'bank'))).toMatchObject({ balance: '55000000.00' });
  await expectTrialBalanced(db);
  // Once is enough.
  expectStatus(await state.programme_admin!.post(`/v1/applications/${a}/clawback`, { reason: 'encore' }), 409);

  // B's equity was released on 2016-04-05 too: its window closed on 2021-04-05.
  clock.set('2021-04-06T09:00:00Z');
  const late = expectStatus(
    await state.programme_admin!.post<Problem>(`/v1/applications/${b}/clawback`, { reason: 'cession des parts' }),
    409,
  ).body;
  expect(late).toMatchObject({ type: 'urn:cofund:problem:clawback-window-closed' });
  expect(late.detail).toContain('2021-04-05');
  expect(await balanceOf(db, pool)).toEqual({ balance: '8800000.00', held: '0.00' });
  expect(await balanceOf(db, disbursed(b, 'grant'))).toMatchObject({ balance: '1200000.00' });
  await expectTrialBalanced(db);

  // A's statement and decision letter list the certificate behind its tranche with the hash of the
  // bytes the bank sent.
  const listed = await documentsListed(app, auditor.tokens.auditor!, a);
  for (const documents of [listed.statement, listed.letter]) {
    expect(documents.map((d) => [d.step, d.trancheIndex, d.type, d.rule, d.documentId, d.sha256])).toEqual([
      ['tranche', 0, 'attestation-bancaire-apport', 'M-3', certificateA.document.id, certificateA.sha256],
    ]);
  }

  // The books verify; the audit log tells A's story.
  await sealPending(db);
  expect(await verifyChain(db)).toMatchObject({ ok: true, unsealed: 0, balanceMismatches: [] });
  const audit = await sql`SELECT action FROM audit_log WHERE resource_id = ${a} ORDER BY id`;
  expect(audit.map((row) => row.action)).toEqual([
    'application.filed',
    'application.approved-by',
    'application.approved-by',
    'application.commitments-reserved',
    'application.contribution-recorded',
    'application.contribution-recorded',
    'application.contribution-recorded',
    'application.closed',
    'application.clawed-back',
  ]);
  return { programmeId: programme.id, a, b };
}
