import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Application, Document, Problem, Programme, Tranche } from '../support/api';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  expectDocumentsMissing,
  fileWithPapers as fileApplicationWithPapers,
  samplePdf,
  uploadDocument,
} from '../support/documents';
import { expectNothingChanged } from '../support/footprint';
import { expectStatus, openProgramme, organisation } from '../support/workflow';
import { readPdf } from '../statements/support/pdf-text';

/*
 * The papers the rule files require at each step (docs/documents.md, "Required by the rules"): a
 * programme with requireDocuments refuses each step until they are there; one without (the contract's
 * default) refuses nothing and lists what is missing.
 */

let database: TestDatabase;
let app: App;
let club: Awaited<ReturnType<typeof organisation>>;
let government: Awaited<ReturnType<typeof organisation>>;
let enforced: Programme;
let advisory: Programme;

const PUBLIC_PARTIES = ['federal', 'state', 'municipal'] as const;
const WORKS = {
  projectType: 'infrastructure',
  title: 'Pozo de agua',
  totalCost: '400000.00',
  currency: 'MXN',
  filedAt: '2015-06-01',
  registration: { validFrom: '2015-01-01', validTo: '2030-12-31' },
};

type ChecklistItem = { type: string; rule: string; step: string; missing: boolean; documentIds: string[] };

const documentRows = async () => (await database.sql`SELECT count(*)::int AS n FROM documents`)[0]!.n as number;

/** A refused step: 409 documents-missing naming each type and its rule, and nothing written, not even a document. */
async function expectMissing(act: () => Promise<{ status: number; body: unknown }>, missing: [string, string][]) {
  const documents = await documentRows();
  expectDocumentsMissing(await expectNothingChanged(database.sql, undefined, act), missing);
  expect(await documentRows()).toBe(documents);
}

async function upload(applicationId: string, type: string): Promise<Document> {
  const bytes = await samplePdf(`${type} ${applicationId}`, ['Club Michoacano de Chicago']);
  return expectStatus(await uploadDocument(app, club.tokens.applicant!, applicationId, { type, bytes }), 201).body;
}

/** A filing with one paper per type. */
async function fileWithPapers(programmeId: string, types: readonly string[]) {
  const papers = Object.fromEntries(
    await Promise.all(types.map(async (type) => [type, await samplePdf(`${type} filed`)])),
  );
  return fileApplicationWithPapers(app, club.tokens.applicant!, programmeId, WORKS, papers);
}

const approve = (id: string, party: string) =>
  government.approver!.post<Application>(`/v1/applications/${id}/approvals`, { decision: 'approve', party });
const askTranche = (id: string, amount: string, evidence: Record<string, unknown>[]) =>
  club.applicant!.post<Tranche>(`/v1/applications/${id}/tranches`, { amount, milestone: 'avance', evidence });
const close = (id: string) => government.programme_admin!.post<Application>(`/v1/applications/${id}/close`, {});
const checklist = async (id: string) =>
  expectStatus(
    await club.applicant!.get<{
      items: Document[];
      required: ChecklistItem[];
      missing: ChecklistItem[];
      enforced: boolean;
    }>(`/v1/applications/${id}/documents`),
    200,
  ).body;

async function approveTranche(trancheId: string) {
  let tranche: Tranche | undefined;
  for (const party of PUBLIC_PARTIES) {
    tranche = expectStatus(
      await government.approver!.post<Tranche>(`/v1/tranches/${trancheId}/approvals`, { decision: 'approve', party }),
      200,
    ).body;
  }
  expect(tranche!.status).toBe('posted');
}

async function fund(programme: Programme) {
  for (const party of PUBLIC_PARTIES) {
    expectStatus(
      await government.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, { party, amount: '1000000.00' }),
      201,
    );
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  club = await organisation(app, 'Club Michoacano de Chicago', 'association', ['applicant']);
  government = await organisation(app, 'Gobierno de Michoacán', 'government', ['approver', 'programme_admin']);
  const programme = (code: string, extra: Record<string, unknown>) =>
    openProgramme(
      app,
      {
        code,
        name: code,
        ruleSet: 'tres-por-uno',
        currency: 'MXN',
        parties: { federal: government.id, state: government.id, municipal: government.id },
        ...extra,
      },
      [government],
    );
  enforced = await programme('3x1-papers', { requireDocuments: true });
  advisory = await programme('3x1-advisory', {});
  await fund(enforced);
  await fund(advisory);
});
afterAll(() => database.close());

describe('a programme that requires documents', () => {
  let id: string;
  it('is opted into at creation; the default stays advisory', () => {
    expect(enforced.requireDocuments).toBe(true);
    expect(advisory.requireDocuments).toBe(false);
  });

  it('refuses a filing without the Toma de Nota (3x1-5), and files it with the paper sent along', async () => {
    await expectMissing(
      () => club.applicant!.post(`/v1/programmes/${enforced.id}/applications`, WORKS),
      [['toma-de-nota', '3x1-5']],
    );
    const filed = expectStatus(await fileWithPapers(enforced.id, ['toma-de-nota']), 201).body;
    id = filed.id;
    const listed = await checklist(id);
    expect(listed.enforced).toBe(true);
    expect(listed.items.map((document) => document.type)).toEqual(['toma-de-nota']);
    expect(listed.required.find((item) => item.type === 'toma-de-nota')).toMatchObject({
      rule: '3x1-5',
      step: 'filing',
      missing: false,
      documentIds: [listed.items[0]!.id],
    });
    expect(listed.missing.map((item) => item.type)).toEqual([
      'convenio-de-concertacion',
      'acta-de-entrega-recepcion',
      'expediente-tecnico',
    ]);
  });

  it('refuses approving without the technical file (3x1-6)', async () => {
    await expectMissing(() => approve(id, 'federal'), [['expediente-tecnico', '3x1-6']]);
    await upload(id, 'expediente-tecnico');
    for (const party of PUBLIC_PARTIES) expectStatus(await approve(id, party), 200);
    expect(expectStatus(await club.applicant!.get<Application>(`/v1/applications/${id}`), 200).body.status).toBe(
      'approved',
    );
    expectStatus(
      await club.applicant!.post(`/v1/applications/${id}/contributions`, { party: 'club', amount: '100000.00' }),
      201,
    );
  });

  it('refuses the first tranche without the agreement cited, then the second without a progress report', async () => {
    await expectMissing(
      () => askTranche(id, '200000.00', [{ name: 'convenio.pdf' }]),
      [['convenio-de-concertacion', '3x1-8']],
    );
    const agreement = await upload(id, 'convenio-de-concertacion');
    const first = expectStatus(await askTranche(id, '200000.00', [{ documentId: agreement.id }]), 201).body;
    expect(first.evidence).toEqual([
      {
        documentId: agreement.id,
        type: 'convenio-de-concertacion',
        fileName: agreement.fileName,
        sha256: agreement.sha256,
      },
    ]);
    await approveTranche(first.id);

    // Each tranche brings its own papers: the agreement is the first one's.
    const reused = expectStatus(await askTranche(id, '200000.00', [{ documentId: agreement.id }]), 422)
      .body as unknown as Problem;
    expect(JSON.stringify(reused)).toContain('body.evidence.0.documentId');
    await expectMissing(
      () => askTranche(id, '200000.00', [{ name: 'fotos de la obra' }]),
      [['informe-de-avance', '3x1-8']],
    );
    expect((await checklist(id)).missing.map((item) => item.type)).toEqual([
      'informe-de-avance',
      'acta-de-entrega-recepcion',
    ]);
    const report = await upload(id, 'informe-de-avance');
    const second = expectStatus(
      await askTranche(id, '200000.00', [{ documentId: report.id }, { name: 'fotos de la obra' }]),
      201,
    ).body;
    expect(second.evidence).toEqual([
      { documentId: report.id, type: 'informe-de-avance', fileName: report.fileName, sha256: report.sha256 },
      { name: 'fotos de la obra' },
    ]);
    await approveTranche(second.id);
  });

  it('refuses closing without the handover certificate (3x1-9); a withdrawn one does not count', async () => {
    await expectMissing(() => close(id), [['acta-de-entrega-recepcion', '3x1-9']]);
    const withdrawn = await upload(id, 'acta-de-entrega-recepcion');
    expectStatus(await club.applicant!.post(`/v1/documents/${withdrawn.id}/withdrawal`, { reason: 'sin firmas' }), 200);
    await expectMissing(() => close(id), [['acta-de-entrega-recepcion', '3x1-9']]);
    await upload(id, 'acta-de-entrega-recepcion');
    expect(expectStatus(await close(id), 200).body.status).toBe('closed');
    expect((await checklist(id)).missing).toEqual([]);
  });
  it('has its statement and decision letter list the documents behind each step, with their SHA-256', async () => {
    const { items } = await checklist(id);
    const current = items.filter((document) => document.current);
    const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${club.tokens.applicant}` } });
    const expected = [
      ['filing', null, 'toma-de-nota', '3x1-5'],
      ['approval', null, 'expediente-tecnico', '3x1-6'],
      ['tranche', 0, 'convenio-de-concertacion', '3x1-8'],
      ['tranche', 1, 'informe-de-avance', '3x1-8'],
      ['close', null, 'acta-de-entrega-recepcion', '3x1-9'],
    ];
    type Listed = {
      step: string;
      trancheIndex: number | null;
      type: string;
      rule: string;
      sha256: string;
      documentId: string;
    };
    const shown = (documents: Listed[]) => documents.map((d) => [d.step, d.trancheIndex, d.type, d.rule]);
    const hashOf = (documentId: string) => current.find((document) => document.id === documentId)!.sha256;

    const statement = (await (await get(`/v1/statements/applications/${id}.json`)).json()) as { documents: Listed[] };
    expect(shown(statement.documents)).toEqual(expected);
    for (const document of statement.documents) expect(document.sha256).toBe(hashOf(document.documentId));
    const letter = (await (await get(`/v1/applications/${id}/decision-letter.json`)).json()) as { documents: Listed[] };
    expect(shown(letter.documents)).toEqual(expected);

    const csv = await (await get(`/v1/statements/applications/${id}.csv`)).text();
    const documentLines = csv.split('\r\n').filter((line) => line.startsWith('document,'));
    expect(documentLines).toHaveLength(5);
    for (const document of statement.documents) expect(csv).toContain(document.sha256);

    for (const path of [
      `/v1/statements/applications/${id}.pdf?locale=es-MX`,
      `/v1/applications/${id}/decision-letter.pdf?locale=es-MX`,
    ]) {
      const response = await get(path);
      expect(response.status).toBe(200);
      const text = (await readPdf(new Uint8Array(await response.arrayBuffer())))
        .flatMap((page) => page.lines)
        .join('\n');
      expect(text).toContain('Documentos de cada etapa');
      expect(text).toContain('ministración 2');
      for (const document of statement.documents) expect(text).toContain(document.sha256);
    }
  });
});

describe('a programme that does not require documents (the default)', () => {
  it('takes every step without a paper, and its checklist says what the rules would want', async () => {
    const filed = expectStatus(
      await club.applicant!.post<Application>(`/v1/programmes/${advisory.id}/applications`, WORKS),
      201,
    ).body;
    const id = filed.id;
    const listed = await checklist(id);
    expect(listed.enforced).toBe(false);
    expect(listed.items).toEqual([]);
    expect(listed.missing.map((item) => [item.type, item.rule])).toEqual([
      ['toma-de-nota', '3x1-5'],
      ['convenio-de-concertacion', '3x1-8'],
      ['acta-de-entrega-recepcion', '3x1-9'],
      ['expediente-tecnico', '3x1-6'],
    ]);
    for (const party of PUBLIC_PARTIES) expectStatus(await approve(id, party), 200);
    expectStatus(
      await club.applicant!.post(`/v1/applications/${id}/contributions`, { party: 'club', amount: '100000.00' }),
      201,
    );
    // A cited document is one of this application's, named alone.
    for (const evidence of [
      [{ documentId: '00000000-0000-4000-8000-00000000d0c5' }],
      [{ documentId: '00000000-0000-4000-8000-00000000d0c5', name: 'convenio.pdf' }],
    ]) {
      const refused = await expectNothingChanged(database.sql, id, () => askTranche(id, '1.00', evidence));
      expect(JSON.stringify(expectStatus(refused, 422).body)).toContain('body.evidence.0.documentId');
    }
    const tranche = expectStatus(
      await askTranche(id, '200000.00', [{ name: 'convenio.pdf', sha256: 'a'.repeat(64) }]),
      201,
    ).body;
    // Evidence as clients have always sent it is kept as sent.
    expect(tranche.evidence).toEqual([{ name: 'convenio.pdf', sha256: 'a'.repeat(64) }]);
    await approveTranche(tranche.id);
    await approveTranche(expectStatus(await askTranche(id, '200000.00', [{ name: 'informe.pdf' }]), 201).body.id);
    expect(expectStatus(await close(id), 200).body.status).toBe('closed');
  });
});

describe('the what-if plan', () => {
  it('lists the documents each step will need, with their rules', async () => {
    const { plan, localized } = expectStatus(
      await club.applicant!.post<{
        plan: { documents: { rule: string; type: string; step: string; says: string }[] };
        localized: { documents: string[] };
      }>('/v1/rule-sets/tres-por-uno/plan', WORKS),
      200,
    ).body;
    expect(plan.documents.map(({ rule, type, step }) => [rule, type, step])).toEqual([
      ['3x1-5', 'toma-de-nota', 'filing'],
      ['3x1-8', 'convenio-de-concertacion', 'tranche'],
      ['3x1-8', 'informe-de-avance', 'tranche'],
      ['3x1-9', 'acta-de-entrega-recepcion', 'close'],
      ['3x1-6', 'expediente-tecnico', 'approval'],
    ]);
    expect(localized.documents).toHaveLength(5);
    expect(plan.documents[0]!.says).toBe(
      "to file: the club's Toma de Nota, its registration by the consulate (toma-de-nota)",
    );
  });
});
