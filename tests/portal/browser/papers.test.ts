import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/api/app';
import type { Programme } from '../../support/api';
import { ADMIN_TOKEN, createTestApp } from '../../support/app';
import { seriousViolations } from '../../support/axe';
import { arriveByInvitation, launchChromium, screenshot, serveApp, type ServedApp } from '../../support/browser';
import { client } from '../../support/client';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { fundedProgrammeWithPapers, samplePdf } from '../../support/documents';
import { invite } from '../../support/people';
import { enrolAt } from '../../support/portal-tour';
import { expectStatus, organisation } from '../../support/workflow';

/*
 * The papers of each step in Chromium, with real small PDFs made by pdfkit: filing on a programme
 * that requires documents (the Toma de Nota, 3x1-5), an upload larger than the 1 MB body limit, a
 * post whose CSRF token is wrong, and the programme admin closing with the handover certificate (3x1-9).
 */

/** The 3x1 rules end in 2018: the app's clock is in 2014. */
const NOW = new Date('2014-03-03T17:00:00Z');

let database: TestDatabase;
let app: App;
let served: ServedApp;
let browser: Browser;
let programme: Programme;
let government: Awaited<ReturnType<typeof organisation>>;
let club: Page;
let staff: Page;
let applicationId: string;

const documents = async () =>
  (await database.sql`SELECT type, size::int AS size, organisation_id AS "organisationId"
    FROM documents ORDER BY created_at`) as unknown as { type: string; size: number; organisationId: string }[];

/** A PDF file on disk, as a person picks one in the file dialog: pdfkit's bytes, padded to `size`. */
async function pdfFile(name: string, title: string, size?: number): Promise<string> {
  const pdf = await samplePdf(title);
  const bytes = new Uint8Array(Math.max(size ?? 0, pdf.length));
  bytes.set(pdf);
  const file = path.join(tmpdir(), `cofund-${process.pid}-${name}`);
  writeFileSync(file, bytes);
  return file;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: () => NOW });
  served = await serveApp(app);
  browser = await launchChromium();
  ({ government, programme } = await fundedProgrammeWithPapers(app, 'zac-papers-chromium'));
  const admin = client(app, ADMIN_TOKEN);
  const clubOrg = await organisation(app, 'Club Jerezano de Chicago', 'association', []);
  const arrive = async (orgId: string, email: string, role: 'applicant' | 'programme_admin') =>
    arriveByInvitation(browser, served.baseUrl, await invite(admin, orgId, { email, role, locale: 'es-MX' }), {
      locale: 'es-MX',
    });
  club = await arrive(clubOrg.id, 'tesorero@example.org', 'applicant');
  staff = await arrive(government.id, 'cierre@example.org', 'programme_admin');
  await enrolAt(staff, NOW);
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await database?.close();
});

describe('papers in Chromium', () => {
  it('files with the Toma de Nota picked in the form; the application has that document', async () => {
    await club.goto(`/programmes/${programme.id}/apply`);
    await club.getByLabel('Título del proyecto').fill('Rehabilitación de la presa de Jerez');
    await club.locator('select[name="projectType"]').selectOption('infrastructure');
    await club.locator('input[name="totalCost"]').fill('800000.00');
    await club.locator('input[name="registration.validFrom"]').fill('2013-06-01');
    await club.locator('input[name="registration.validTo"]').fill('2030-12-31');
    // Without the paper: refused beside its field, nothing filed.
    await Promise.all([
      club.waitForLoadState('load'),
      club.getByRole('button', { name: 'Presentar la solicitud' }).click(),
    ]);
    await expect.poll(() => club.locator('#field-toma-de-nota-error').textContent()).toContain('3x1-5');
    expect(await documents()).toEqual([]);
    await club
      .getByLabel(/La Toma de Nota del club.*\(3x1-5\)/)
      .setInputFiles(await pdfFile('toma.pdf', 'Toma de Nota'));
    await screenshot(club, 'applicant-apply-papers.es-MX');
    expect(await seriousViolations(club)).toEqual([]);
    await Promise.all([
      club.waitForURL(/\/applications\/[0-9a-f-]{36}\?done=/),
      club.getByRole('button', { name: 'Presentar la solicitud' }).click(),
    ]);
    applicationId = /\/applications\/([0-9a-f-]{36})/.exec(club.url())![1]!;
    expect((await documents()).map((d) => d.type)).toEqual(['toma-de-nota']);
    expect(await club.locator('main').textContent()).toContain('toma.pdf');
  });

  it('uploads a 3 MB file through the application page', async () => {
    await club.goto(`/applications/${applicationId}`);
    await club.getByLabel('Tipo de documento').fill('expediente-tecnico');
    await club
      .getByLabel('Archivo', { exact: true })
      .setInputFiles(await pdfFile('expediente.pdf', 'Expediente', 3 * 1024 * 1024));
    await Promise.all([
      club.waitForURL(`**/applications/${applicationId}`),
      club.getByRole('button', { name: 'Cargar' }).click(),
    ]);
    expect((await documents()).find((d) => d.type === 'expediente-tecnico')?.size).toBe(3 * 1024 * 1024);
  });

  it('refuses an upload whose CSRF token is wrong, storing nothing', async () => {
    await club.goto(`/applications/${applicationId}`);
    const before = await documents();
    await club.evaluate('document.querySelector(\'form[action$="/documents"] input[name="_csrf"]\').value = "forged"');
    await club.getByLabel('Tipo de documento').fill('informe-de-avance');
    await club.getByLabel('Archivo', { exact: true }).setInputFiles(await pdfFile('informe.pdf', 'Informe'));
    const [response] = await Promise.all([
      club.waitForResponse((r) => r.request().method() === 'POST'),
      club.getByRole('button', { name: 'Cargar' }).click(),
    ]);
    expect(response.status()).toBe(403);
    expect(await documents()).toEqual(before);
  });

  it('closes with the handover certificate attached to the confirming post', async () => {
    for (const party of ['federal', 'state', 'municipal']) {
      expectStatus(
        await government.approver!.post(`/v1/applications/${applicationId}/approvals`, { decision: 'approve', party }),
        200,
      );
    }
    await staff.goto(`/manage/applications/${applicationId}/close/confirm?reason=obra+entregada`);
    await staff
      .getByLabel(/El acta de entrega-recepción.*\(3x1-9\)/)
      .setInputFiles(await pdfFile('acta.pdf', 'Acta de entrega-recepción'));
    await screenshot(staff, 'programme-admin-close-papers.es-MX');
    expect(await seriousViolations(staff)).toEqual([]);
    await Promise.all([
      staff.waitForURL(/\/manage\/applications\?done=/),
      staff.getByRole('button', { name: 'Confirmar: Cerrar' }).click(),
    ]);
    const acta = (await documents()).find((d) => d.type === 'acta-de-entrega-recepcion');
    expect(acta?.organisationId).toBe(government.id);
    const [row] = await database.sql`SELECT status FROM applications WHERE id = ${applicationId}`;
    expect(row!.status).toBe('closed');
  });
});
