/*
 * A small Tres por Uno project run through the HTTP API, to put real entries in a ledger for the
 * sample documents (`npm run sample:statement`), the statement bench and the statement tests:
 * three governments fund their pools, a hometown club files a MXN 2,400,000.00 infrastructure
 * project (four equal shares under the 2013 rules), every party approves, the club pays in (part
 * in dollars), two tranches are paid out, the unspent money goes back and the project is closed.
 * Any answer other than the expected status stops it with the problem the API gave.
 */

/** What answers HTTP requests: the app's own `request`, or fetch to a running server. */
export interface Transport {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

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

/** The answers this script reads: created resources, by id, and issued API keys. */
interface Created {
  id: string;
}
interface IssuedKey {
  key: string;
}

function caller(app: Transport, token: string) {
  return async <T = unknown>(method: 'GET' | 'POST', path: string, expected: number, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
    const response = await app.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== expected)
      throw new Error(`${method} ${path}: expected ${expected}, got ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
}

/** A mark strictly after everything booked so far, even within the same millisecond. */
async function mark(): Promise<Date> {
  await new Promise((resolve) => setTimeout(resolve, 3));
  const instant = new Date();
  await new Promise((resolve) => setTimeout(resolve, 3));
  return instant;
}

export async function runSampleProject(app: Transport, adminToken: string, code: string): Promise<SampleProject> {
  const admin = caller(app, adminToken);
  const organisation = async (name: string, kind: string, roles: string[]) => {
    const created = await admin<Created>('POST', '/v1/organisations', 201, { name, kind });
    const keys: Record<string, string> = {};
    for (const role of roles)
      keys[role] = (await admin<IssuedKey>('POST', `/v1/organisations/${created.id}/api-keys`, 201, { role })).key;
    return { id: created.id, name, keys };
  };
  const start = await mark();
  const club = await organisation('Club Zacatecano de Los Ángeles', 'association', ['applicant']);
  const federal = await organisation('Secretaría de Bienestar', 'government', ['approver', 'programme_admin']);
  const state = await organisation('Gobierno del Estado de Zacatecas', 'government', ['approver', 'programme_admin']);
  const municipal = await organisation('Municipio de Jerez', 'government', ['approver', 'programme_admin']);
  const auditor = await organisation('Auditoría Superior de la Federación', 'auditor', ['auditor']);
  const governments = { federal, state, municipal };

  const programme = await admin<Created>('POST', '/v1/programmes', 201, {
    code,
    name: 'Tres por Uno Zacatecas 2014',
    ruleSet: 'tres-por-uno',
    currency: 'MXN',
    parties: { federal: federal.id, state: state.id, municipal: municipal.id },
  });
  for (const [party, government] of Object.entries(governments)) {
    const ministry = caller(app, government.keys.programme_admin!);
    // Each government binds itself to its party before any money moves in its name.
    await ministry('POST', `/v1/programmes/${programme.id}/parties/${party}/acceptance`, 200, {});
    await ministry('POST', `/v1/programmes/${programme.id}/budgets`, 201, {
      party,
      amount: '5000000.00',
    });
  }
  const budgeted = await mark();

  const applicant = caller(app, club.keys.applicant!);
  const filed = await applicant<Created>('POST', `/v1/programmes/${programme.id}/applications`, 201, {
    projectType: 'infrastructure',
    title: 'Pavimentación de la calle Hidalgo',
    totalCost: '2400000.00',
    currency: 'MXN',
    location: 'Jerez, Zacatecas',
    filedAt: '2014-03-03',
    registration: { validFrom: '2013-06-01', validTo: '2030-12-31' },
  });
  const id = filed.id;
  const comments = {
    federal: 'COVAM 2014-03: validado',
    state: 'Aprobado en sesión del 10 de marzo',
    municipal: 'Acta de cabildo 14/2014',
  };
  for (const [party, government] of Object.entries(governments)) {
    await caller(app, government.keys.approver!)('POST', `/v1/applications/${id}/approvals`, 200, {
      decision: 'approve',
      comment: comments[party as keyof typeof comments],
    });
  }
  const approved = await mark();

  await applicant('POST', `/v1/applications/${id}/contributions`, 201, {
    party: 'club',
    amount: '40000.00',
    currency: 'USD',
    fxRate: '12.9500',
  });
  await applicant('POST', `/v1/applications/${id}/contributions`, 201, { party: 'club', amount: '82000.00' });
  const contributed = await mark();

  const tranche = async (amount: string, milestone: string, evidence: string) => {
    const requested = await applicant<Created>('POST', `/v1/applications/${id}/tranches`, 201, {
      amount,
      milestone,
      evidence: [{ name: evidence }],
    });
    for (const government of Object.values(governments)) {
      await caller(app, government.keys.approver!)('POST', `/v1/tranches/${requested.id}/approvals`, 200, {
        decision: 'approve',
      });
    }
  };
  await tranche('1200000.00', 'Convenio de Concertación firmado', 'convenio.pdf');
  const firstTranche = await mark();
  await tranche('1000000.00', 'Acta de entrega-recepción', 'acta.pdf');
  const secondTranche = await mark();

  const manager = caller(app, federal.keys.programme_admin!);
  await manager('POST', `/v1/applications/${id}/refunds`, 200, { reason: 'obra terminada bajo presupuesto' });
  await manager('POST', `/v1/applications/${id}/close`, 200, { reason: 'entrega-recepción' });
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
