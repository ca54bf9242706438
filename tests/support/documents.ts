import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { expect } from 'vitest';
import type { Application, Document } from './api';
import type { Reply, Transport } from './client';
import { expectStatus, openProgramme, organisation } from './workflow';

/** A real, small PDF (pdfkit), different for each title: what a club would scan and upload. */
export function samplePdf(title: string, lines: readonly string[] = []): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'LETTER', info: { Title: title, CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
    pdf.fontSize(16).text(title);
    for (const line of lines) pdf.fontSize(11).text(line);
    pdf.end();
  });
}

/** The SHA-256 a test computes from the bytes it sent, to compare with the server's. */
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The 8 bytes of the PNG signature and a little more: a PNG as sniffing sees it. */
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);

export interface UploadInput {
  type: string;
  bytes: Uint8Array;
  fileName?: string;
  /** The part's Content-Type; default application/pdf. */
  contentType?: string;
  note?: string;
  supersedes?: string;
  trancheId?: string;
  contributionId?: string;
  approvalId?: string;
  refundEntryId?: string;
}

export const uploadForm = (input: UploadInput): FormData => {
  const form = new FormData();
  form.set('type', input.type);
  for (const field of ['note', 'supersedes', 'trancheId', 'contributionId', 'approvalId', 'refundEntryId'] as const) {
    const value = input[field];
    if (value !== undefined) form.set(field, value);
  }
  form.set(
    'file',
    new Blob([input.bytes], { type: input.contentType ?? 'application/pdf' }),
    input.fileName ?? `${input.type}.pdf`,
  );
  return form;
};

/** POST /v1/applications/{id}/documents as multipart/form-data with `token`. */
export async function uploadDocument(
  app: Transport,
  token: string,
  applicationId: string,
  input: UploadInput,
): Promise<Reply<Document>> {
  const response = await app.request(`/v1/applications/${applicationId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: uploadForm(input),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** GET /v1/documents/{id}: the bytes and the response. */
export async function downloadDocument(app: Transport, token: string, documentId: string) {
  const response = await app.request(`/v1/documents/${documentId}`, {
    method: 'GET',
    headers: { authorization: `Bearer ${token}` },
  });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** POST /v1/programmes/{id}/applications as multipart/form-data: the application and one paper per type. */
export async function fileWithPapers(
  app: Transport,
  token: string,
  programmeId: string,
  application: object,
  papers: Record<string, Uint8Array>,
): Promise<Reply<Application>> {
  const form = new FormData();
  form.set('application', JSON.stringify(application));
  for (const [type, bytes] of Object.entries(papers)) {
    form.append(type, new Blob([bytes], { type: 'application/pdf' }), `${type}.pdf`);
  }
  const response = await app.request(`/v1/programmes/${programmeId}/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Application, headers: response.headers };
}

/**
 * A step refused for its papers: 409 documents-missing naming each missing [type, rule id], in its
 * fields and its detail. Takes a reply of tests/support/client or of the generated client.
 */
export function expectDocumentsMissing(
  reply: { status: number; body: unknown } | { response: Response; error?: unknown },
  missing: ReadonlyArray<readonly [type: string, rule: string]>,
): void {
  const [status, problem] = 'response' in reply ? [reply.response.status, reply.error] : [reply.status, reply.body];
  expect(status, JSON.stringify(problem, null, 2)).toBe(409);
  const refused = problem as { type: string; detail: string; missing: Array<{ type: string; rule: string }> };
  expect(refused.type).toBe('urn:cofund:problem:documents-missing');
  expect(refused.missing.map(({ type, rule }) => [type, rule])).toEqual(missing);
  for (const [type, rule] of missing) expect(refused.detail).toContain(`${type} (${rule})`);
}

/** A document as the application statement and the decision letter list it. */
export interface ListedDocument {
  step: string;
  trancheIndex: number | null;
  type: string;
  rule: string | null;
  sha256: string;
  documentId: string;
}

/** The documents the application's statement (JSON) and its decision letter (JSON) list, as `token` sees them. */
export async function documentsListed(app: Transport, token: string, applicationId: string) {
  const read = async (path: string) => {
    const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, path).toBe(200);
    return ((await response.json()) as { documents: ListedDocument[] }).documents;
  };
  return {
    statement: await read(`/v1/statements/applications/${applicationId}.json`),
    letter: await read(`/v1/applications/${applicationId}/decision-letter.json`),
  };
}

/** A club and one government playing all three public parties, and the club's filed 3x1 application. */
export async function filedApplication(app: Transport, code: string) {
  const club = await organisation(app, `Club de ${code}`, 'association', ['applicant']);
  const government = await organisation(app, `Gobierno de ${code}`, 'government', ['approver', 'programme_admin']);
  const programme = await openProgramme(
    app,
    {
      code,
      name: code,
      ruleSet: 'tres-por-uno',
      currency: 'MXN',
      parties: { federal: government.id, state: government.id, municipal: government.id },
    },
    [government],
  );
  const application = expectStatus(
    await club.applicant!.post<Application>(`/v1/programmes/${programme.id}/applications`, {
      projectType: 'infrastructure',
      title: 'Pozo de agua',
      totalCost: '400000.00',
      currency: 'MXN',
      filedAt: '2015-06-01',
      registration: { validFrom: '2015-01-01', validTo: '2030-12-31' },
    }),
    201,
  ).body;
  return { club, government, application };
}

/**
 * One government playing the three public parties of a 3x1 programme that requires its papers, each
 * party's budget funded with 900,000.00 MXN: where the portal's forms with files are tried.
 */
export async function fundedProgrammeWithPapers(app: Transport, code: string) {
  const government = await organisation(app, 'Gobierno de Zacatecas', 'government', ['approver', 'programme_admin']);
  const programme = await openProgramme(
    app,
    {
      code,
      name: 'Tres por Uno Zacatecas 2014',
      ruleSet: 'tres-por-uno',
      currency: 'MXN',
      parties: { federal: government.id, state: government.id, municipal: government.id },
      requireDocuments: true,
    },
    [government],
  );
  for (const party of ['federal', 'state', 'municipal']) {
    expectStatus(
      await government.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, { party, amount: '900000.00' }),
      201,
    );
  }
  return { government, programme };
}
