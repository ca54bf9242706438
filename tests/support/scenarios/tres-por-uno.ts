import type { Sql } from 'postgres';
import { expect } from 'vitest';
import type { Schema } from '../../../clients/typescript/src/index';
import type { Database } from '../../../src/db';
import { sealPending, verifyChain } from '../../../src/ledger';
import { ADMIN_TOKEN } from '../app';
import { HIDALGO_APPLICATION } from '../../../tools/samples';
import { type Transport, clientOver } from '../client';
import {
  documentsListed,
  downloadDocument,
  expectDocumentsMissing,
  fileWithPapers,
  samplePdf,
  sha256,
  uploadDocument,
} from '../documents';
import { balanceOf, expectData, expectProblem, expectTrialBalanced, organisation } from '../workflow';

/**
 * A whole Tres por Uno project, from the domain file: infrastructure, MXN 2,400,000.00 in four
 * equal shares (3x1-1, 3x1-4) under the 2013 rules, the club paying part of its share in dollars,
 * two tranches (3x1-8), the unspent money returned (3x1-9) and the project closed. Every balance is
 * checked after every step. The programme requires the rules' papers: each is a real PDF uploaded
 * (multipart/form-data) at the step that needs it, after the step was refused without it, and the
 * statement and the decision letter list them with the SHA-256 of the bytes sent. It talks HTTP
 * only (the app in process, or the Worker in workerd, whose store is R2), through the generated
 * client (clients/typescript): every call names its operation's path in the OpenAPI document and
 * its bodies are typed by it. It reads the ledger of the same database to check the money.
 */
export async function tresPorUnoProject(app: Transport, db: Database, sql: Sql, code: string) {
  const admin = clientOver(app, ADMIN_TOKEN);
  const club = await organisation(app, 'Club Zacatecano de Los Angeles', 'association', ['applicant']);
  const federal = await organisation(app, 'SEDESOL', 'government', ['approver', 'programme_admin']);
  const state = await organisation(app, 'Gobierno de Zacatecas', 'government', ['approver', 'programme_admin']);
  const municipal = await organisation(app, 'Municipio de Jerez', 'government', ['approver', 'programme_admin']);
  const auditor = await organisation(app, 'Auditoría Superior', 'auditor', ['auditor']);
  const applicant = club.applicant!.api;
  const byId = (id: string) => ({ path: { id } });

  // The administrator invites the three governments; each binds itself by accepting, and no money
  // moves in a party's name before that.
  const invited = expectData(
    await admin.POST('/v1/programmes', {
      body: {
        code,
        name: 'Tres por Uno Zacatecas 2014',
        ruleSet: 'tres-por-uno',
        currency: 'MXN',
        parties: { federal: federal.id, state: state.id, municipal: municipal.id },
        requireDocuments: true,
      },
    }),
    201,
  );
  expect(invited.status).toBe('awaiting-parties');
  expect(invited.requireDocuments).toBe(true);
  expect(invited.pools).toEqual([]);
  const early = expectProblem(
    await federal.programme_admin!.api.POST('/v1/programmes/{id}/budgets', {
      params: byId(invited.id),
      body: { party: 'federal', amount: '1.00' },
    }),
    409,
  );
  expect(early.type).toBe('urn:cofund:problem:party-not-accepted');
  let programme = invited;
  for (const [party, org] of [
    ['federal', federal],
    ['state', state],
    ['municipal', municipal],
  ] as const) {
    programme = expectData(
      await org.programme_admin!.api.POST('/v1/programmes/{id}/parties/{party}/acceptance', {
        params: { path: { id: invited.id, party } },
        body: { comment: 'Convenio firmado' },
      }),
      200,
    );
  }
  expect(programme.status).toBe('open');
  const pool = (party: string) => `programme:${code}:${party}:pool`;

  // Budgets: each government funds its own pool.
  for (const [party, org] of [
    ['federal', federal],
    ['state', state],
    ['municipal', municipal],
  ] as const) {
    const funded = expectData(
      await org.programme_admin!.api.POST('/v1/programmes/{id}/budgets', {
        params: byId(programme.id),
        body: { party, amount: '5000000.00' },
      }),
      201,
    );
    expect(funded.pool.balance).toBe('5000000.00');
  }
  // Nobody funds another party's pool.
  expectProblem(
    await state.programme_admin!.api.POST('/v1/programmes/{id}/budgets', {
      params: byId(programme.id),
      body: { party: 'federal', amount: '1.00' },
    }),
    403,
  );
  await expectTrialBalanced(db);

  // The papers, as the club and the governments would scan them; the server's hashes must be these.
  const papers = {
    'toma-de-nota': await samplePdf('Toma de Nota', ['Club Zacatecano de Los Angeles', 'Consulado de México']),
    'expediente-tecnico': await samplePdf('Expediente técnico', ['Pavimentación de la calle Hidalgo, Jerez']),
    'convenio-de-concertacion': await samplePdf('Convenio de Concertación', ['SEDESOL, Zacatecas, Jerez, el club']),
    'informe-de-avance': await samplePdf('Informe de avance físico-financiero', ['Primera ministración']),
    'acta-de-entrega-recepcion': await samplePdf('Acta de entrega-recepción', ['Calle Hidalgo, Jerez']),
  };
  const clubToken = club.tokens.applicant!;
  const upload = async (type: keyof typeof papers) => {
    const uploaded = await uploadDocument(app, clubToken, id, { type, bytes: papers[type] });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body).toMatchObject({ type, sha256: sha256(papers[type]), size: papers[type].length });
    return uploaded.body;
  };

  // Filing: refused without the club's Toma de Nota (3x1-5), filed with it; the plan is four shares
  // of 600,000.00 under the 2013 rules.
  expectDocumentsMissing(
    await applicant.POST('/v1/programmes/{id}/applications', { params: byId(programme.id), body: HIDALGO_APPLICATION }),
    [['toma-de-nota', '3x1-5']],
  );
  const filing = await fileWithPapers(app, clubToken, programme.id, HIDALGO_APPLICATION, {
    'toma-de-nota': papers['toma-de-nota'],
  });
  expect(filing.status, JSON.stringify(filing.body)).toBe(201);
  const filed = filing.body;
  expect(filed.status).toBe('filed');
  expect(filed.ruleVersion).toBe('2013');
  // The application documents its plan as an object; it is the plan the rules made (contract "A plan").
  const plan = filed.plan as unknown as Schema<'Plan'>;
  expect(plan.shares.map((s) => [s.party, s.amount])).toEqual([
    ['club', '600000.00'],
    ['federal', '600000.00'],
    ['state', '600000.00'],
    ['municipal', '600000.00'],
  ]);
  const id = filed.id;
  const application = byId(id);
  const share = (party: string) => `application:${id}:${party}:share`;
  const disbursed = (party: string) => `application:${id}:${party}:disbursed`;
  const decide = (org: typeof federal, body: Schema<'Decision'>) =>
    org.approver!.api.POST('/v1/applications/{id}/approvals', { params: application, body });

  // A public work is approved on its technical file (3x1-6): refused until the club uploads it.
  expectDocumentsMissing(await decide(federal, { decision: 'approve' }), [['expediente-tecnico', '3x1-6']]);
  await upload('expediente-tecnico');

  // The club cannot approve its own project; the approvers approve for their own party only.
  expectProblem(
    await applicant.POST('/v1/applications/{id}/approvals', { params: application, body: { decision: 'approve' } }),
    403,
  );
  expectProblem(await decide(federal, { decision: 'approve', party: 'state' }), 403);
  expectData(await decide(federal, { decision: 'approve', comment: 'COVAM 2014-03' }), 200);
  expectProblem(await decide(federal, { decision: 'approve' }), 409);
  expectData(await decide(state, { decision: 'approve' }), 200);
  // Nothing is reserved until every required party has approved.
  expect(await balanceOf(db, pool('federal'))).toEqual({ balance: '5000000.00', held: '0.00' });
  const approved = expectData(await decide(municipal, { decision: 'approve' }), 200);
  expect(approved.status).toBe('approved');
  expect(approved.reservations).toHaveLength(3);
  for (const party of ['federal', 'state', 'municipal']) {
    expect(await balanceOf(db, pool(party))).toEqual({ balance: '5000000.00', held: '600000.00' });
  }

  // The club pays USD 40,000.00 at 12.9500 (= MXN 518,000.00) and MXN 82,000.00.
  const contribute = (body: Schema<'NewContribution'>) =>
    applicant.POST('/v1/applications/{id}/contributions', { params: application, body });
  const inDollars = expectData(
    await contribute({ party: 'club', amount: '40000.00', currency: 'USD', fxRate: '12.9500' }),
    201,
  );
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
  expectProblem(await contribute({ party: 'club', amount: '82000.01' }), 422);
  expectData(await contribute({ party: 'club', amount: '82000.00' }), 201);
  expect(await balanceOf(db, share('club'))).toMatchObject({ balance: '600000.00' });
  await expectTrialBalanced(db);

  // Tranche 1: 50% (3x1-8), 1,200,000.00, 300,000.00 from each party.
  const requestTranche = (body: Schema<'NewTranche'>) =>
    applicant.POST('/v1/applications/{id}/tranches', { params: application, body });
  const approveTranche = (org: typeof federal, tranche: string) =>
    org.approver!.api.POST('/v1/tranches/{id}/approvals', { params: byId(tranche), body: { decision: 'approve' } });
  // It is paid on the signed agreement: a name and a hash from the client are not the paper.
  const firstTranche = { amount: '1200000.00', milestone: 'Convenio de Concertación firmado' };
  expectDocumentsMissing(
    await requestTranche({ ...firstTranche, evidence: [{ name: 'convenio.pdf', sha256: 'a'.repeat(64) }] }),
    [['convenio-de-concertacion', '3x1-8']],
  );
  const agreement = await upload('convenio-de-concertacion');
  const first = expectData(await requestTranche({ ...firstTranche, evidence: [{ documentId: agreement.id }] }), 201);
  expect(first.approvers).toEqual(['federal', 'state', 'municipal']);
  expect(first.evidence).toEqual([
    {
      documentId: agreement.id,
      type: 'convenio-de-concertacion',
      fileName: agreement.fileName,
      sha256: sha256(papers['convenio-de-concertacion']),
    },
  ]);
  // Running ahead of the schedule is refused while tranche 1 waits.
  const pending = expectProblem(
    await requestTranche({ amount: '1.00', milestone: 'x', evidence: [{ name: 'x' }] }),
    409,
  );
  expect(pending.type).toBe('urn:cofund:problem:tranche-pending');
  for (const org of [federal, state, municipal]) expectData(await approveTranche(org, first.id), 200);
  const posted = expectData(await auditor.auditor!.api.GET('/v1/tranches/{id}', { params: byId(first.id) }), 200);
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

  // Tranche 2: the work came in under budget, 1,000,000.00, 250,000.00 each, on the progress report.
  const secondTranche = { amount: '1000000.00', milestone: 'Informe de avance físico-financiero' };
  expectDocumentsMissing(await requestTranche({ ...secondTranche, evidence: [{ name: 'fotos de la obra' }] }), [
    ['informe-de-avance', '3x1-8'],
  ]);
  const report = await upload('informe-de-avance');
  const second = expectData(await requestTranche({ ...secondTranche, evidence: [{ documentId: report.id }] }), 201);
  expect(second.evidence).toEqual([
    {
      documentId: report.id,
      type: 'informe-de-avance',
      fileName: report.fileName,
      sha256: sha256(papers['informe-de-avance']),
    },
  ]);
  for (const org of [federal, state, municipal]) expectData(await approveTranche(org, second.id), 200);
  for (const party of ['federal', 'state', 'municipal']) {
    expect(await balanceOf(db, pool(party))).toEqual({ balance: '4450000.00', held: '50000.00' });
  }
  expect(await balanceOf(db, share('club'))).toMatchObject({ balance: '50000.00' });

  // Closing needs the handover certificate (3x1-9) and the project's accounts at zero: the club's
  // unspent 50,000.00 goes back first.
  const manager = federal.programme_admin!.api;
  expectDocumentsMissing(await manager.POST('/v1/applications/{id}/close', { params: application, body: {} }), [
    ['acta-de-entrega-recepcion', '3x1-9'],
  ]);
  const handover = await upload('acta-de-entrega-recepcion');
  const notYet = expectProblem(
    await manager.POST('/v1/applications/{id}/close', { params: application, body: {} }),
    409,
  );
  expect(notYet).toMatchObject({
    type: 'urn:cofund:problem:accounts-not-zero',
    accounts: [{ party: 'club', balance: '50000.00' }],
  });
  // Settling is for the programme's managers, not the platform administrator nor the applicant.
  const refund = { params: application, body: { reason: 'obra terminada' } };
  expectProblem(await admin.POST('/v1/applications/{id}/refunds', refund), 403);
  expectProblem(await applicant.POST('/v1/applications/{id}/refunds', refund), 403);
  // No administrator organisation: the public funders manage the programme together.
  const afterRefund = expectData(
    await manager.POST('/v1/applications/{id}/refunds', {
      params: application,
      body: { reason: 'obra terminada bajo presupuesto' },
    }),
    200,
  );
  expect(afterRefund.funding.find((f) => f.party === 'club')!.held).toBe('0.00');
  expect(await balanceOf(db, `programme:${code}:club:source:MXN`)).toMatchObject({ balance: '32000.00' });
  const closed = expectData(
    await manager.POST('/v1/applications/{id}/close', { params: application, body: { reason: 'entrega-recepción' } }),
    200,
  );
  expect(closed.status).toBe('closed');
  // The reservations' unused 50,000.00 went back to each pool.
  for (const party of ['federal', 'state', 'municipal']) {
    expect(await balanceOf(db, pool(party))).toEqual({ balance: '4450000.00', held: '0.00' });
    expect(await balanceOf(db, share(party))).toMatchObject({ balance: '0.00' });
    expect(await balanceOf(db, disbursed(party))).toMatchObject({ balance: '550000.00' });
  }
  expect(await balanceOf(db, disbursed('club'))).toMatchObject({ balance: '550000.00' });
  await expectTrialBalanced(db);

  // The statement and the decision letter list the paper behind each step with the hash of the bytes
  // the club sent; the auditor downloads one and gets those bytes.
  const byStep = [
    ['filing', null, 'toma-de-nota', '3x1-5'],
    ['approval', null, 'expediente-tecnico', '3x1-6'],
    ['tranche', 0, 'convenio-de-concertacion', '3x1-8'],
    ['tranche', 1, 'informe-de-avance', '3x1-8'],
    ['close', null, 'acta-de-entrega-recepcion', '3x1-9'],
  ] as const;
  const listed = await documentsListed(app, auditor.tokens.auditor!, id);
  for (const documents of [listed.statement, listed.letter]) {
    expect(documents.map((d) => [d.step, d.trancheIndex, d.type, d.rule, d.sha256])).toEqual(
      byStep.map(([step, index, type, rule]) => [step, index, type, rule, sha256(papers[type])]),
    );
  }
  const downloaded = await downloadDocument(app, auditor.tokens.auditor!, handover.id);
  expect(downloaded.response.headers.get('x-content-sha256')).toBe(sha256(papers['acta-de-entrega-recepcion']));
  expect(sha256(downloaded.bytes)).toBe(sha256(papers['acta-de-entrega-recepcion']));

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
