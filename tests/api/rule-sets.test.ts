import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleSetsRouter } from '../../src/api/rule-sets';
import { Decimal } from '../../src/money';
import type { Eligible, IneligibleProblem, Problem, RuleSet, RuleSetSummary } from '../support/api';
import { ADMIN_TOKEN, createTestApp, loadShippedRules } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { organisationWithKey } from '../support/keys';
import type { OpenApiDocument } from '../support/openapi';
import { omit } from '../support/omit';

let database: TestDatabase;
let admin: ReturnType<typeof client>;
let applicant: Awaited<ReturnType<typeof organisationWithKey>>;
/** The app's clock: tests move it to see which rule version is in force. */
let now = new Date('2014-05-02T16:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  admin = client(await createTestApp(database.db, { clock: () => now }), ADMIN_TOKEN);
  applicant = await organisationWithKey(admin, 'association', 'applicant', 'Club Jerez');
});
afterAll(() => database.close());

const paving = {
  projectType: 'infrastructure',
  title: 'Paving of the main street',
  totalCost: '2400000.00',
  currency: 'MXN',
  filedAt: '2014-05-02T10:00:00-06:00',
  registration: { validFrom: '2014-01-01', validTo: '2015-12-31' },
  beneficiaryFamilies: 40,
};

/** Rows of every table a filing or a payment would write: a what-if must leave them all alone. */
async function writtenRows() {
  const [row] = (await database.db.execute(sql`
    SELECT (SELECT count(*) FROM applications)::int AS applications,
           (SELECT count(*) FROM journal_entries)::int AS entries,
           (SELECT count(*) FROM ledger_holds)::int AS holds, (SELECT count(*) FROM audit_log)::int AS audit,
           (SELECT count(*) FROM idempotent_requests)::int AS idempotent`)) as unknown as Array<Record<string, number>>;
  return row!;
}

const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((error) => error.field).sort();

describe('GET /v1/rule-sets', () => {
  it('lists every loaded rule set with the version in force and its hash, for any key', async () => {
    const catalog = await loadShippedRules();
    const reply = await applicant.as.get<{ items: RuleSetSummary[] }>('/v1/rule-sets');
    expect(reply.status).toBe(200);
    const ids = reply.body.items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining(['tres-por-uno', 'zacatecas-2x1', 'mdm-invest']));
    expect(ids).toEqual([...new Set(catalog.list().map((version) => version.id))]);

    const tresPorUno = reply.body.items.find((item) => item.id === 'tres-por-uno')!;
    const inForce = catalog.versionAt('tres-por-uno', now)!;
    expect(tresPorUno).toMatchObject({ name: inForce.name, version: inForce.version, hash: inForce.hash });
    expect(tresPorUno.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(tresPorUno.versions.map((v) => v.version)).toEqual(
      catalog.get('tres-por-uno').versions.map((v) => v.version),
    );
    expect(tresPorUno.versions[0]).toEqual({
      version: catalog.get('tres-por-uno').versions[0]!.version,
      validFrom: catalog.get('tres-por-uno').versions[0]!.validFrom,
      validTo: catalog.get('tres-por-uno').versions[0]!.validTo,
      hash: catalog.get('tres-por-uno').versions[0]!.hash,
      currency: 'MXN',
      projectTypes: Object.keys(catalog.get('tres-por-uno').versions[0]!.projectTypes),
      language: 'en',
      locales: ['en', 'es-MX'],
    });

    for (const token of [
      ADMIN_TOKEN,
      (await organisationWithKey(admin, 'auditor', 'auditor')).key,
      (await organisationWithKey(admin, 'bank', 'approver')).key,
    ]) {
      expect((await admin.as(token).get('/v1/rule-sets')).status).toBe(200);
    }
  });

  it('says null when no version is in force on the day', async () => {
    const before = now;
    now = new Date('1990-01-01T00:00:00Z');
    try {
      const reply = await applicant.as.get<{ items: RuleSetSummary[] }>('/v1/rule-sets');
      for (const item of reply.body.items) expect(item).toMatchObject({ version: null, hash: null });
    } finally {
      now = before;
    }
  });

  it('refuses calls without a valid key', async () => {
    const missing = await admin.as('').get('/v1/rule-sets');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect((await admin.as('cfk_unknown').get('/v1/rule-sets')).status).toBe(401);
  });
});

describe('GET /v1/rule-sets/{id}', () => {
  it('describes every version: parties with their funding and the applicant, project types, approvals', async () => {
    const reply = await applicant.as.get<RuleSet>('/v1/rule-sets/mdm-invest');
    expect(reply.status).toBe(200);
    const catalog = await loadShippedRules();
    expect(reply.body.versions).toHaveLength(catalog.get('mdm-invest').versions.length);
    const latest = reply.body.versions[reply.body.versions.length - 1]!;
    const parties = Object.fromEntries(
      latest.parties.map((p: { party: string; funding: string; applicant: boolean }) => [
        p.party,
        [p.funding, p.applicant],
      ]),
    );
    expect(parties).toMatchObject({
      investor: ['contribution', true],
      grant: ['budget', false],
      bank: ['credit', false],
    });
    expect(latest.projectTypes.map((t: { projectType: string }) => t.projectType).sort()).toEqual([
      'creation',
      'extension',
    ]);
    expect(latest.file).toMatch(/^rules\/mdm-invest\/.+\.yaml$/);
    expect(latest).toMatchObject({ language: 'en', locales: ['en', 'fr-MA'] });
    expect(latest.texts['parties.bank.name']).toEqual({ en: 'lending bank', 'fr-MA': 'banque prêteuse' });
    expect(latest.texts['projectTypes.creation.name']).toEqual({
      en: 'business creation',
      'fr-MA': "création d'entreprise",
    });
    expect(latest.hash).toBe(catalog.get('mdm-invest').versions.at(-1)!.hash);
    expect(latest.requiredApprovals).not.toContain('investor');
    const tranchePercents = latest.tranches.reduce(
      (sum: Decimal, t: { percent: string }) => sum.plus(t.percent),
      new Decimal(0),
    );
    expect(tranchePercents.equals(100)).toBe(true);
  });

  it('404 for an unknown rule set, 422 naming the id when it cannot be one', async () => {
    const unknown = await applicant.as.get<Problem>('/v1/rule-sets/cuatro-por-uno');
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('urn:cofund:problem:not-found');
    const invalid = await applicant.as.get<Problem>('/v1/rule-sets/Tres_Por_Uno');
    expect(invalid.status).toBe(422);
    expect(fields(invalid.body)).toEqual(['path.id']);
    expect((await admin.as('').get('/v1/rule-sets/tres-por-uno')).status).toBe(401);
  });
});

describe('POST /v1/rule-sets/{id}/plan', () => {
  it('gives the plan of an eligible application, without an Idempotency-Key, and files nothing', async () => {
    const before = await writtenRows();
    const reply = await applicant.as.post<Eligible>('/v1/rule-sets/tres-por-uno/plan', paving, {
      'idempotency-key': null,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.eligible).toBe(true);
    const { plan } = reply.body;
    const catalog = await loadShippedRules();
    expect(plan).toMatchObject({
      ruleSet: 'tres-por-uno',
      ruleVersion: '2013',
      ruleHash: catalog.versionAt('tres-por-uno', '2014-05-02')!.hash,
    });
    expect(plan.total).toBe('2400000.00');
    const shares = Object.fromEntries(plan.shares.map((s: { party: string; amount: string }) => [s.party, s.amount]));
    expect(shares).toEqual({ club: '600000.00', federal: '600000.00', state: '600000.00', municipal: '600000.00' });
    const sum = plan.shares.reduce(
      (total: Decimal, s: { amount: string }) => total.plus(s.amount),
      new Decimal(plan.unallocated),
    );
    expect(sum.equals(plan.total)).toBe(true);
    expect(plan.requiredApprovals).not.toContain('club');
    expect(plan.trace.length).toBeGreaterThan(0);
    expect(await writtenRows()).toEqual(before);
  });

  it('chooses the version by filedAt, and by the clock when filedAt is absent', async () => {
    const undated = omit(paving, 'filedAt');
    const before = now;
    now = new Date('2014-07-01T12:00:00Z');
    try {
      const reply = await applicant.as.post<Eligible>('/v1/rule-sets/tres-por-uno/plan', undated);
      expect(reply.status).toBe(200);
      expect(reply.body.plan.filedOn).toBe('2014-07-01');
    } finally {
      now = before;
    }
  });

  it('422 of type ineligible with every failed rule, and the rules that judged it', async () => {
    const before = await writtenRows();
    const expired = { ...paving, registration: { validFrom: '2012-01-01', validTo: '2013-12-31' } };
    const reply = await applicant.as.post<IneligibleProblem>('/v1/rule-sets/tres-por-uno/plan', expired);
    expect(reply.status).toBe(422);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({
      type: 'urn:cofund:problem:ineligible',
      status: 422,
      ruleSet: 'tres-por-uno',
      ruleVersion: '2013',
    });
    expect(reply.body.ruleHash).toMatch(/^[0-9a-f]{64}$/);
    expect(reply.body.failures!.map((f) => f.rule)).toContain('3x1-5');
    expect(reply.body.failures![0]!.says).toEqual(expect.any(String));
    expect(reply.body.detail).toContain('3x1-5');
    expect(Array.isArray(reply.body.trace)).toBe(true);
    expect(await writtenRows()).toEqual(before);
  });

  it("gives the plan's texts in the reader's locale: ?locale=, else Accept-Language, else English", async () => {
    const spanish = await applicant.as.post<Eligible>('/v1/rule-sets/tres-por-uno/plan?locale=es-MX', paving, {
      'accept-language': 'fr-MA',
    });
    expect(spanish.status).toBe(200);
    expect(spanish.headers.get('vary')).toContain('Accept-Language');
    const { plan, localized } = spanish.body;
    expect(localized).toMatchObject({
      locale: 'es-MX',
      fallbackLocale: null,
      projectType: 'infraestructura social',
      parties: { club: 'club de migrantes', federal: 'gobierno federal (SEDESOL)' },
      milestones: ['a la firma del Convenio de Concertación (primera ministración)', expect.any(String)],
    });
    expect(localized.trace).toHaveLength(plan.trace.length);
    expect(localized.trace.map((finding) => finding.text)).toContain(
      'club de migrantes aporta el 25% de la totalidad del costo: $600,000.00',
    );
    // `says` keeps its English sentence, whatever the reader's locale.
    expect(plan.trace.map((finding) => finding.says)).toContain('club pays 25% of the total cost: MXN 600,000.00');
    expect(plan.trace.find((finding) => finding.rule === '3x1-5')).toMatchObject({
      field: 'registration',
      message: { id: 'eligibility.met' },
    });

    const french = await applicant.as.post<Eligible>('/v1/rule-sets/tres-por-uno/plan', paving, {
      'accept-language': 'de-DE, fr;q=0.8, es;q=0.5',
    });
    expect(french.body.localized).toMatchObject({
      locale: 'fr-MA',
      fallbackLocale: 'en',
      parties: { state: 'state government' },
    });
    const english = await applicant.as.post<Eligible>('/v1/rule-sets/tres-por-uno/plan', paving);
    expect(english.body.localized).toMatchObject({
      locale: 'en',
      fallbackLocale: null,
      projectType: 'social infrastructure',
    });

    const unknown = await applicant.as.post<Problem>('/v1/rule-sets/tres-por-uno/plan?locale=de', paving);
    expect(unknown.status).toBe(422);
    expect(fields(unknown.body)).toEqual(['query.locale']);
  });

  it('a refusal names each failed rule and its field in the reader locale', async () => {
    const expired = { ...paving, registration: { validFrom: '2012-01-01', validTo: '2013-12-31' } };
    const reply = await applicant.as.post<IneligibleProblem>('/v1/rule-sets/tres-por-uno/plan', expired, {
      'accept-language': 'es-MX,es;q=0.9,en;q=0.8',
    });
    expect(reply.status).toBe(422);
    expect(reply.body.localized).toMatchObject({ locale: 'es-MX', fallbackLocale: null });
    expect(reply.body.localized!.failures).toEqual([
      {
        rule: '3x1-5',
        field: 'registration',
        text:
          'la Toma de Nota del club debe estar vigente en la fecha de presentación: no se cumple (Toma de Nota ' +
          'del club va del 1 ene 2012 al 31 dic 2013, lo que no cubre la fecha de presentación, 2 may 2014)',
      },
    ]);
  });

  it('ineligible when no version was in force on the filing date', async () => {
    const reply = await applicant.as.post<IneligibleProblem>('/v1/rule-sets/tres-por-uno/plan', {
      ...paving,
      filedAt: '1995-03-01',
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ type: 'urn:cofund:problem:ineligible', ruleVersion: null, ruleHash: null });
    expect(reply.body.failures![0]!.rule).toBe('in-force');
  });

  it('422 naming each field the rules cannot read', async () => {
    const before = await writtenRows();
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ ...paving, totalCost: 2400000 }, ['body.totalCost']],
      [{ ...paving, totalCost: '2400000.001' }, ['body.totalCost']],
      [{ ...paving, totalCost: '2.4e6' }, ['body.totalCost']],
      [{ ...paving, totalCost: '-10.00' }, ['body.totalCost']],
      [{ ...paving, currency: 'XYZ' }, ['body.currency']],
      [{ ...paving, currency: 'USD' }, ['body.currency']],
      [{ ...paving, projectType: 'stadium' }, ['body.projectType']],
      [{ ...paving, beneficiaryFamilies: 'forty' }, ['body.beneficiaryFamilies']],
      [{ ...paving, favouriteColour: 'green' }, ['body.favouriteColour']],
      [{ title: 'nothing else' }, ['body.currency', 'body.projectType', 'body.totalCost']],
    ];
    for (const [body, expected] of cases) {
      const reply = await applicant.as.post<Problem>('/v1/rule-sets/tres-por-uno/plan', body);
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(reply.body.type).toBe('urn:cofund:problem:validation-failed');
      expect(fields(reply.body), JSON.stringify(reply.body)).toEqual(expected);
    }
    const malformed = await applicant.as.post('/v1/rule-sets/tres-por-uno/plan', '{"projectType": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe('application/problem+json');
    expect(await writtenRows()).toEqual(before);
  });

  it('404 for an unknown rule set, 401 without a key', async () => {
    const unknown = await applicant.as.post<Problem>('/v1/rule-sets/cuatro-por-uno/plan', paving);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('cuatro-por-uno');
    expect((await admin.as('').post('/v1/rule-sets/tres-por-uno/plan', paving)).status).toBe(401);
  });

  it('is documented in the OpenAPI document, with the application fields and the plan', async () => {
    // The router's own document: what this resource contributes to /openapi.json.
    const document = ruleSetsRouter.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'rule sets', version: '1' },
    }) as OpenApiDocument;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/rule-sets', '/v1/rule-sets/{id}', '/v1/rule-sets/{id}/plan']),
    );
    expect(document.components.schemas.ApplicationFields!.required).toEqual(
      expect.arrayContaining(['projectType', 'totalCost', 'currency']),
    );
    expect(Object.keys(document.components.schemas.Plan!.properties!)).toEqual(
      expect.arrayContaining([
        'ruleSet',
        'ruleVersion',
        'ruleHash',
        'total',
        'currency',
        'shares',
        'unallocated',
        'tranches',
        'requiredApprovals',
        'trace',
      ]),
    );
  });
});
