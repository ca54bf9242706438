/*
 * A small Tres por Uno project run through the HTTP API, to put real entries in a ledger for the
 * sample documents (`npm run sample:statement`), the statement bench and the statement tests:
 * three governments fund their pools, a hometown club files a MXN 2,400,000.00 infrastructure
 * project (four equal shares under the 2013 rules), every party approves, the club pays in (part
 * in dollars), two tranches are paid out, the unspent money goes back and the project is closed.
 * It calls the API through the generated client (clients/typescript), which gives each money-moving
 * call its Idempotency-Key. Any answer other than the expected status stops it with the problem the
 * API gave.
 */
import type { RequestBody } from '../clients/typescript/src/index';
import { type Transport, clientOver, expectAnswer } from './api-client';
import { HIDALGO_APPLICATION } from './samples';

export type { Transport };

/** Instants between the steps, for statement periods: every entry of a step is booked before the next mark. */
export interface ProjectMarks {
  start: Date;
  budgeted: Date;
  approved: Date;
  contributed: Date;
  firstTranche: Date;
  secondTranche: Date;
  closed: Date;
}

export interface SampleProject {
  programme: { id: string; code: string };
  applicationId: string;
  /**
   * API keys by role holder: the auditor, the club's applicant key, each government's approver and
   * programme_admin keys.
   */
  keys: {
    auditor: string;
    club: string;
    federal: { approver: string; admin: string };
    state: { approver: string; admin: string };
    municipal: { approver: string; admin: string };
  };
  organisations: Record<'club' | 'federal' | 'state' | 'municipal' | 'auditor', { id: string; name: string }>;
  marks: ProjectMarks;
}

/** A mark strictly after everything booked so far, even within the same millisecond. */
async function mark(): Promise<Date> {
  await new Promise((resolve) => setTimeout(resolve, 3));
  const instant = new Date();
  await new Promise((resolve) => setTimeout(resolve, 3));
  return instant;
}

export async function runSampleProject(app: Transport, adminToken: string, code: string): Promise<SampleProject> {
  const admin = clientOver(app, adminToken);
  const organisation = async (
    name: string,
    kind: RequestBody<'createOrganisation'>['kind'],
    roles: Array<RequestBody<'issueApiKey'>['role']>,
  ) => {
    const created = expectAnswer(await admin.POST('/v1/organisations', { body: { name, kind } }), 201, name);
    const keys: Record<string, string> = {};
    for (const role of roles) {
      const issued = await admin.POST('/v1/organisations/{id}/api-keys', {
        params: { path: { id: created.id } },
        body: { role },
      });
      keys[role] = expectAnswer(issued, 201, `${name}'s ${role} key`).key;
    }
    return { id: created.id, name, keys };
  };
  const start = await mark();
  const club = await organisation('Club Zacatecano de Los Ángeles', 'association', ['applicant']);
  const federal = await organisation('Secretaría de Bienestar', 'government', ['approver', 'programme_admin']);
  const state = await organisation('Gobierno del Estado de Zacatecas', 'government', ['approver', 'programme_admin']);
  const municipal = await organisation('Municipio de Jerez', 'government', ['approver', 'programme_admin']);
  const auditor = await organisation('Auditoría Superior de la Federación', 'auditor', ['auditor']);
  const governments = { federal, state, municipal };

  const created = await admin.POST('/v1/programmes', {
    body: {
      code,
      name: 'Tres por Uno Zacatecas 2014',
      ruleSet: 'tres-por-uno',
      currency: 'MXN',
      parties: { federal: federal.id, state: state.id, municipal: municipal.id },
    },
  });
  const programme = expectAnswer(created, 201, 'the programme');
  for (const [party, government] of Object.entries(governments)) {
    const ministry = clientOver(app, government.keys.programme_admin!);
    // Each government binds itself to its party before any money moves in its name.
    const accepted = await ministry.POST('/v1/programmes/{id}/parties/{party}/acceptance', {
      params: { path: { id: programme.id, party } },
      body: {},
    });
    expectAnswer(accepted, 200, `${party} accepting`);
    const funded = await ministry.POST('/v1/programmes/{id}/budgets', {
      params: { path: { id: programme.id } },
      body: { party, amount: '5000000.00' },
    });
    expectAnswer(funded, 201, `${party}'s budget`);
  }
  const budgeted = await mark();

  const applicant = clientOver(app, club.keys.applicant!);
  const filed = await applicant.POST('/v1/programmes/{id}/applications', {
    params: { path: { id: programme.id } },
    body: HIDALGO_APPLICATION,
  });
  const id = expectAnswer(filed, 201, 'the application').id;
  const application = { path: { id } };
  const comments = {
    federal: 'COVAM 2014-03: validado',
    state: 'Aprobado en sesión del 10 de marzo',
    municipal: 'Acta de cabildo 14/2014',
  };
  for (const [party, government] of Object.entries(governments)) {
    const decided = await clientOver(app, government.keys.approver!).POST('/v1/applications/{id}/approvals', {
      params: application,
      body: { decision: 'approve', comment: comments[party as keyof typeof comments] },
    });
    expectAnswer(decided, 200, `${party}'s approval`);
  }
  const approved = await mark();

  for (const contribution of [
    { party: 'club', amount: '40000.00', currency: 'USD', fxRate: '12.9500' },
    { party: 'club', amount: '82000.00' },
  ]) {
    const paid = await applicant.POST('/v1/applications/{id}/contributions', {
      params: application,
      body: contribution,
    });
    expectAnswer(paid, 201, "the club's contribution");
  }
  const contributed = await mark();

  const tranche = async (amount: string, milestone: string, evidence: string) => {
    const requested = await applicant.POST('/v1/applications/{id}/tranches', {
      params: application,
      body: { amount, milestone, evidence: [{ name: evidence }] },
    });
    const trancheId = expectAnswer(requested, 201, milestone).id;
    for (const [party, government] of Object.entries(governments)) {
      const decided = await clientOver(app, government.keys.approver!).POST('/v1/tranches/{id}/approvals', {
        params: { path: { id: trancheId } },
        body: { decision: 'approve' },
      });
      expectAnswer(decided, 200, `${party}'s approval of ${milestone}`);
    }
  };
  await tranche('1200000.00', 'Convenio de Concertación firmado', 'convenio.pdf');
  const firstTranche = await mark();
  await tranche('1000000.00', 'Acta de entrega-recepción', 'acta.pdf');
  const secondTranche = await mark();

  const manager = clientOver(app, federal.keys.programme_admin!);
  const refunded = await manager.POST('/v1/applications/{id}/refunds', {
    params: application,
    body: { reason: 'obra terminada bajo presupuesto' },
  });
  expectAnswer(refunded, 200, 'the refund');
  const closing = await manager.POST('/v1/applications/{id}/close', {
    params: application,
    body: { reason: 'entrega-recepción' },
  });
  expectAnswer(closing, 200, 'the closing');
  const closed = await mark();

  const pair = (government: typeof federal) => ({
    approver: government.keys.approver!,
    admin: government.keys.programme_admin!,
  });
  return {
    programme: { id: programme.id, code },
    applicationId: id,
    keys: {
      auditor: auditor.keys.auditor!,
      club: club.keys.applicant!,
      federal: pair(federal),
      state: pair(state),
      municipal: pair(municipal),
    },
    organisations: {
      club: { id: club.id, name: club.name },
      federal: { id: federal.id, name: federal.name },
      state: { id: state.id, name: state.name },
      municipal: { id: municipal.id, name: municipal.name },
      auditor: { id: auditor.id, name: auditor.name },
    },
    marks: { start, budgeted, approved, contributed, firstTranche, secondTranche, closed },
  };
}
