import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { sweepOrphans } from '../../src/documents';
import type { Application, Document } from '../support/api';
import { createTestApp, testDocumentStore, testDocumentsRoot } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  PNG_BYTES,
  downloadDocument,
  filedApplication,
  samplePdf,
  uploadDocument,
  uploadForm,
} from '../support/documents';
import { expectStatus, organisation } from '../support/workflow';

let database: TestDatabase;
let app: App;
let club: Awaited<ReturnType<typeof organisation>>;
let federal: Awaited<ReturnType<typeof organisation>>;
let stranger: Awaited<ReturnType<typeof organisation>>;
let auditor: Awaited<ReturnType<typeof organisation>>;
let application: Application;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file in the store: staged and promoted. */
async function storedFiles(): Promise<string[]> {
  const files: string[] = [];
  for await (const object of testDocumentStore().list()) files.push(object.key);
  return files;
}
const documentRows = async () => (await database.sql`SELECT count(*)::int AS n FROM documents`)[0]!.n as number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { limits: { documentBytes: 64 * 1024 } });
  ({ club, government: federal, application } = await filedApplication(app, '3x1-documents'));
  stranger = await organisation(app, 'Club ajeno', 'association', ['applicant', 'approver']);
  auditor = await organisation(app, 'Auditoría Superior', 'auditor', ['auditor']);
});
afterAll(() => database.close());

describe('uploading and downloading a document', () => {
  it('stores a PDF with the server-computed hash and size, and streams it back byte for byte', async () => {
    const pdf = await samplePdf('Toma de Nota', ['Club Michoacano de Chicago', 'vigente 2015-2030']);
    const uploaded = expectStatus(
      await uploadDocument(app, club.tokens.applicant!, application.id, {
        type: 'toma-de-nota',
        bytes: pdf,
        fileName: 'Toma de Nota 2015 (Michoacán).pdf',
        note: 'registro consular',
      }),
      201,
    ).body;
    expect(uploaded).toMatchObject({
      applicationId: application.id,
      type: 'toma-de-nota',
      note: 'registro consular',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      version: 1,
      current: true,
      withdrawal: null,
      organisationId: club.id,
      fileName: 'Toma de Nota 2015 (Michoacán).pdf',
    });

    for (const token of [club.tokens.applicant!, federal.tokens.approver!, auditor.tokens.auditor!]) {
      const { response, bytes } = await downloadDocument(app, token, uploaded.id);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-length')).toBe(String(pdf.length));
      expect(response.headers.get('x-content-sha256')).toBe(sha256(pdf));
      expect(response.headers.get('repr-digest')).toBe(
        `sha-256=:${Buffer.from(sha256(pdf), 'hex').toString('base64')}:`,
      );
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="Toma de Nota 2015 (Michoac_n).pdf"; ` +
          `filename*=UTF-8''${encodeURIComponent('Toma de Nota 2015 (Michoacán).pdf')}`,
      );
      expect(sha256(bytes)).toBe(sha256(pdf));
    }
    const listed = expectStatus(
      await federal.approver!.get<{ items: Document[] }>(`/v1/applications/${application.id}/documents`),
      200,
    ).body;
    expect(listed.items.map((d) => d.id)).toContain(uploaded.id);
    const audit = await database.sql`SELECT action, details FROM audit_log WHERE resource_id = ${uploaded.id}`;
    expect(audit).toEqual([
      {
        action: 'document.uploaded',
        details: expect.objectContaining({ sha256: sha256(pdf), size: pdf.length, type: 'toma-de-nota' }),
      },
    ]);
  });

  it('recognises PNG and JPEG from their bytes, whatever the file is called', async () => {
    const png = expectStatus(
      await uploadDocument(app, club.tokens.applicant!, application.id, {
        type: 'photo',
        bytes: PNG_BYTES,
        fileName: 'obra',
        contentType: 'application/octet-stream',
      }),
      201,
    ).body;
    expect(png).toMatchObject({ contentType: 'image/png', fileName: 'obra' });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
    const sent = await uploadDocument(app, club.tokens.applicant!, application.id, {
      type: 'photo',
      bytes: jpeg,
      fileName: '',
      contentType: 'image/jpg',
    });
    expect(expectStatus(sent, 201).body).toMatchObject({ contentType: 'image/jpeg', fileName: 'document.jpg' });
  });
});

describe('refused uploads store nothing', () => {
  const refusals = [
    {
      what: 'a claimed type the bytes do not match',
      input: { type: 'toma-de-nota', bytes: PNG_BYTES, contentType: 'application/pdf' },
      status: 422,
      problem: 'content-type-mismatch',
    },
    {
      what: 'an empty file',
      input: { type: 'toma-de-nota', bytes: new Uint8Array(0) },
      status: 422,
      problem: 'empty-document',
    },
    {
      what: 'a format that is not accepted',
      input: { type: 'toma-de-nota', bytes: new TextEncoder().encode('just text'), contentType: 'text/plain' },
      status: 415,
      problem: 'unsupported-document-format',
    },
    {
      what: 'a file over the limit',
      input: { type: 'toma-de-nota', bytes: new Uint8Array(64 * 1024 + 1).fill(0x25) },
      status: 413,
      problem: 'document-too-large',
    },
    {
      what: 'a type that is not a document type',
      input: { type: 'Toma de Nota!', bytes: PNG_BYTES, contentType: 'image/png' },
      status: 422,
      problem: 'validation-failed',
    },
  ];
  for (const refusal of refusals) {
    it(`${refusal.what}: ${refusal.status} ${refusal.problem}`, async () => {
      const [rows, files] = [await documentRows(), await storedFiles()];
      const reply = await uploadDocument(app, club.tokens.applicant!, application.id, refusal.input);
      expectStatus(reply, refusal.status);
      expect(reply.body).toMatchObject({ type: `urn:cofund:problem:${refusal.problem}` });
      expect(await documentRows()).toBe(rows);
      expect(await storedFiles()).toEqual(files);
    });
  }

  it('a body streamed without a length is cut off at the limit (413) and leaves nothing staged', async () => {
    const files = await storedFiles();
    const form = new Response(uploadForm({ type: 'technical-file', bytes: new Uint8Array(200 * 1024).fill(0x25) }));
    const contentType = form.headers.get('content-type')!;
    const body = form.body!.pipeThrough(new TransformStream());
    const response = await app.request(`/v1/applications/${application.id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${club.tokens.applicant}`, 'content-type': contentType },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await storedFiles()).toEqual(files);
  });

  it('a declared Content-Length over the limit is refused before a byte is read', async () => {
    const response = await app.request(`/v1/applications/${application.id}/documents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${club.tokens.applicant}`,
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(10 * 1024 * 1024),
      },
      body: 'never read',
    });
    expect(response.status).toBe(413);
  });

  it('a body that is not multipart/form-data gets 415', async () => {
    const reply = await club.applicant!.post(`/v1/applications/${application.id}/documents`, { type: 'x' });
    expectStatus(reply, 415);
  });
});

describe('who may see and add documents', () => {
  it("another organisation's key gets the same 404 as for nothing, on every document route", async () => {
    const pdf = await samplePdf('Expediente técnico');
    const mine = expectStatus(
      await uploadDocument(app, club.tokens.applicant!, application.id, { type: 'technical-file', bytes: pdf }),
      201,
    ).body;
    const files = await storedFiles();
    const foreign = await uploadDocument(app, stranger.tokens.applicant!, application.id, {
      type: 'technical-file',
      bytes: pdf,
    });
    expectStatus(foreign, 404);
    expect(await storedFiles()).toEqual(files);
    for (const token of [stranger.tokens.applicant!, stranger.tokens.approver!]) {
      expect((await downloadDocument(app, token, mine.id)).response.status).toBe(404);
      const as = club.applicant!.as(token);
      expectStatus(await as.get(`/v1/documents/${mine.id}/metadata`), 404);
      expectStatus(await as.get(`/v1/applications/${application.id}/documents`), 404);
      expectStatus(await as.post(`/v1/documents/${mine.id}/withdrawal`, { reason: 'x' }), 404);
    }
    expect((await downloadDocument(app, club.tokens.applicant!, crypto.randomUUID())).response.status).toBe(404);
  });

  it('auditors read documents and never add or withdraw one', async () => {
    const pdf = await samplePdf('Informe de auditoría');
    expectStatus(
      await uploadDocument(app, auditor.tokens.auditor!, application.id, { type: 'audit-report', bytes: pdf }),
      403,
    );
    const listed = expectStatus(
      await auditor.auditor!.get<{ items: Document[] }>(`/v1/applications/${application.id}/documents`),
      200,
    ).body;
    expectStatus(await auditor.auditor!.post(`/v1/documents/${listed.items[0]!.id}/withdrawal`, { reason: 'x' }), 403);
  });
});

describe('documents are immutable', () => {
  it('a new version supersedes the old, which is kept; a version cannot be superseded twice', async () => {
    const first = await samplePdf('Convenio de concertación', ['borrador']);
    const second = await samplePdf('Convenio de concertación', ['firmado']);
    const v1 = expectStatus(
      await uploadDocument(app, club.tokens.applicant!, application.id, { type: 'signed-agreement', bytes: first }),
      201,
    ).body;
    const wrongType = await uploadDocument(app, club.tokens.applicant!, application.id, {
      type: 'technical-file',
      bytes: second,
      supersedes: v1.id,
    });
    expectStatus(wrongType, 422);
    const v2 = expectStatus(
      await uploadDocument(app, club.tokens.applicant!, application.id, {
        type: 'signed-agreement',
        bytes: second,
        supersedes: v1.id,
      }),
      201,
    ).body;
    expect(v2).toMatchObject({ version: 2, supersedes: v1.id, current: true });
    const old = expectStatus(await club.applicant!.get<Document>(`/v1/documents/${v1.id}/metadata`), 200).body;
    expect(old).toMatchObject({ version: 1, supersededBy: v2.id, current: false });
    expect(sha256((await downloadDocument(app, club.tokens.applicant!, v1.id)).bytes)).toBe(sha256(first));
    const again = await uploadDocument(app, club.tokens.applicant!, application.id, {
      type: 'signed-agreement',
      bytes: second,
      supersedes: v1.id,
    });
    expectStatus(again, 409);
    expect(again.body).toMatchObject({ type: 'urn:cofund:problem:already-superseded' });
  });

  it('deletion is refused by the API and by the database; withdrawal is an audited event', async () => {
    const pdf = await samplePdf('Foto de la obra');
    const document = expectStatus(
      await uploadDocument(app, club.tokens.applicant!, application.id, { type: 'photo', bytes: pdf }),
      201,
    ).body;
    const deleted = await app.request(`/v1/documents/${document.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${club.tokens.applicant}` },
    });
    expect(deleted.status).toBe(405);
    expect(await deleted.json()).toMatchObject({ type: 'urn:cofund:problem:document-not-deletable' });
    await expect(database.sql`DELETE FROM documents WHERE id = ${document.id}`).rejects.toThrow();
    await expect(database.sql`UPDATE documents SET note = 'changed' WHERE id = ${document.id}`).rejects.toThrow();

    // Only the uploader's organisation withdraws it.
    expectStatus(await federal.approver!.post(`/v1/documents/${document.id}/withdrawal`, { reason: 'x' }), 403);
    const withdrawn = expectStatus(
      await club.applicant!.post<Document>(`/v1/documents/${document.id}/withdrawal`, { reason: 'foto equivocada' }),
      200,
    ).body;
    expect(withdrawn).toMatchObject({
      current: false,
      withdrawal: { reason: 'foto equivocada', organisationId: club.id },
    });
    expectStatus(await club.applicant!.post(`/v1/documents/${document.id}/withdrawal`, { reason: 'otra vez' }), 409);
    // Still readable: auditors see what was filed and that it was withdrawn.
    expect((await downloadDocument(app, auditor.tokens.auditor!, document.id)).response.status).toBe(200);
    const audit = await database.sql`SELECT action FROM audit_log WHERE resource_id = ${document.id} ORDER BY id`;
    expect(audit.map((row) => row.action)).toEqual(['document.uploaded', 'document.withdrawn']);
    await expect(database.sql`DELETE FROM document_withdrawals WHERE document_id = ${document.id}`).rejects.toThrow();
  });
});

describe('a crash between the bytes and the commit', () => {
  it('leaves no row citing missing bytes; the sweep removes the orphan; the upload can be retried', async () => {
    const pdf = await samplePdf('Acta de entrega-recepción', ['crash test']);
    const address = sha256(pdf);
    const objectFile = path.join(testDocumentsRoot(), 'objects', address.slice(0, 2), address);
    // The transaction dies after the row and before the commit: the audit row of this upload fails.
    await database.sql.unsafe(`
      CREATE FUNCTION crash_upload() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'document.uploaded' AND NEW.details->>'sha256' = '${address}' THEN
          RAISE EXCEPTION 'simulated crash before commit';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER crash_upload BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION crash_upload();`);
    try {
      const crashed = await uploadDocument(app, club.tokens.applicant!, application.id, {
        type: 'handover-certificate',
        bytes: pdf,
      });
      expectStatus(crashed, 500);
    } finally {
      await database.sql.unsafe('DROP TRIGGER crash_upload ON audit_log; DROP FUNCTION crash_upload();');
    }
    expect(await database.sql`SELECT id FROM documents WHERE sha256 = ${address}`).toEqual([]);
    // The bytes reached their address first: an orphan, which no row cites.
    expect(await readdir(path.dirname(objectFile))).toContain(address);

    // Young orphans are left alone (an upload may still be on its way); old ones go.
    const cited = (await database.sql`SELECT DISTINCT sha256 FROM documents`).map((row) => row.sha256 as string);
    expect((await sweepOrphans(database.db, testDocumentStore())).removed).toEqual([]);
    const swept = await sweepOrphans(database.db, testDocumentStore(), { graceMs: 0 });
    expect(swept.removed).toEqual([path.join('objects', address.slice(0, 2), address)]);
    const left = (await storedFiles()).map((key) => path.basename(key));
    expect(left.sort()).toEqual([...new Set(cited)].sort());

    const retried = expectStatus(
      await uploadDocument(app, club.tokens.applicant!, application.id, { type: 'handover-certificate', bytes: pdf }),
      201,
    ).body;
    expect(sha256((await downloadDocument(app, club.tokens.applicant!, retried.id)).bytes)).toBe(address);
    expect((await sweepOrphans(database.db, testDocumentStore(), { graceMs: 0 })).removed).toEqual([]);
  });
});
