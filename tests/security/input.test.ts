import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { AuditRecord, Organisation, Page, Problem } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import type { Reply } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectNothingChanged } from '../support/footprint';
import { expectStatus } from '../support/workflow';
import { type World, file, fundedProject, infrastructure, threeByOneProgramme } from '../workflow/fixtures';

/**
 * Issue "hardening", Medium and Low: bounded bodies and arrays, text that cannot be stored or that
 * disguises itself, instants and cursors PostgreSQL cannot hold, request ids, unsupported methods.
 * Each refusal is a 4xx problem+json naming the field, and changes no row of any table.
 */
let database: TestDatabase;
let app: App;
let world: World;
let filed: string;
let ready: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'hardening-input');
  filed = (await file(world)).id;
  ready = (await fundedProject(world)).id;
});
afterAll(() => database.close());

function expectProblem(reply: Reply, status: number, fields: string[]) {
  expectStatus(reply, status);
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  const problem = reply.body as Problem;
  if (fields.length > 0) expect([...new Set(problem.errors?.map((e) => e.field))]).toEqual(fields);
  return problem;
}

/** Every text field of every route that takes one, with a body that would otherwise succeed. */
const textFields = () =>
  [
    { field: 'name', send: (v: string) => world.admin.post('/v1/organisations', { name: v, kind: 'association' }) },
    {
      field: 'label',
      send: (v: string) =>
        world.admin.post(`/v1/organisations/${world.club.id}/api-keys`, { role: 'applicant', label: v }),
    },
    {
      field: 'name',
      send: (v: string) =>
        world.admin.post('/v1/programmes', {
          code: 'text-check',
          name: v,
          ruleSet: 'tres-por-uno',
          currency: 'MXN',
          parties: { federal: world.federal.id, state: world.state.id, municipal: world.municipal.id },
        }),
    },
    {
      field: 'memo',
      send: (v: string) =>
        world.federal.programme_admin!.post(`/v1/programmes/${world.programme.id}/budgets`, {
          party: 'federal',
          amount: '1.00',
          memo: v,
        }),
    },
    {
      field: 'title',
      send: (v: string) =>
        world.club.applicant!.post(`/v1/programmes/${world.programme.id}/applications`, {
          ...infrastructure(),
          title: v,
        }),
    },
    {
      field: 'location',
      send: (v: string) =>
        world.club.applicant!.post(`/v1/programmes/${world.programme.id}/applications`, {
          ...infrastructure(),
          location: v,
        }),
    },
    {
      field: 'comment',
      send: (v: string) =>
        world.federal.approver!.post(`/v1/applications/${filed}/approvals`, { decision: 'approve', comment: v }),
    },
    {
      field: 'milestone',
      send: (v: string) =>
        world.club.applicant!.post(`/v1/applications/${ready}/tranches`, {
          amount: '1.00',
          milestone: v,
          evidence: [{ name: 'a.pdf' }],
        }),
    },
    {
      field: 'evidence.0.name',
      send: (v: string) =>
        world.club.applicant!.post(`/v1/applications/${ready}/tranches`, {
          amount: '1.00',
          milestone: 'avance',
          evidence: [{ name: v }],
        }),
    },
    {
      field: 'reason',
      send: (v: string) => world.federal.programme_admin!.post(`/v1/applications/${ready}/refunds`, { reason: v }),
    },
  ] as const;

const BAD_TEXT: Array<[string, string]> = [
  ['NUL', 'Club\u0000Jerez'],
  ['a lone surrogate', 'Club \ud800 Jerez'],
  ['an ANSI escape', '\u001b[31mClub Jerez\u001b[0m'],
  ['a bidi override', 'ACME\u202egpj.exe'],
  ['a bidi isolate', 'Club \u2066Jerez\u2069'],
  ['only zero-width characters', '\u200b\u200c\u200d'],
  ['only spaces', '   \u00a0  '],
  ['a C1 control', 'Club\u0085Jerez'],
];

describe('text fields', () => {
  for (const route of textFields()) {
    it.each(BAD_TEXT)(`refuse ${route.field} with %s, naming it and writing nothing`, async (_, value) => {
      const reply = await expectNothingChanged(database.sql, ready, () => route.send(value));
      const problem = expectProblem(reply, 422, []);
      // The filing route names rule-level fields without the body prefix; every other route uses it.
      expect(problem.errors!.map((e) => e.field.replace(/^body\./, ''))).toContain(route.field);
    });
  }

  it('are stored in NFC, trimmed: "é" typed as e + combining accent is one name', async () => {
    const created = expectStatus(
      await world.admin.post<Organisation>('/v1/organisations', { name: '  Club Jere\u0301z  ', kind: 'association' }),
      201,
    ).body;
    expect(created.name).toBe('Club Jeréz');
    const [row] = await database.sql`SELECT name FROM organisations WHERE id = ${created.id}`;
    expect(row!.name).toBe('Club Jer\u00e9z');
  });

  it('let line breaks through in comments, and an Arabic name as it is', async () => {
    expectStatus(await world.admin.post('/v1/organisations', { name: 'جمعية المهاجرين', kind: 'association' }), 201);
    const reply = await world.otherClub.applicant!.post(`/v1/programmes/${world.programme.id}/applications`, {
      ...infrastructure(),
      title: 'Pozo de agua',
    });
    expectStatus(reply, 201);
    const id = (reply.body as { id: string }).id;
    expectStatus(
      await world.federal.approver!.post(`/v1/applications/${id}/approvals`, {
        decision: 'approve',
        comment: 'Visto bueno.\nSesión COVAM 2014-03.',
      }),
      200,
    );
  });
});

describe('bounded bodies and arrays', () => {
  it('refuses a body over 1 MB with 413 before reading it, announced or streamed', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), kind: 'association' });
    const announced = await expectNothingChanged(database.sql, undefined, () =>
      world.admin.post('/v1/organisations', huge),
    );
    expect(expectProblem(announced, 413, [])).toMatchObject({ type: 'urn:cofund:problem:body-too-large' });
    const streamed = await expectNothingChanged(database.sql, undefined, async () => {
      const bytes = new TextEncoder().encode(huge);
      const body = new ReadableStream({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
          controller.close();
        },
      });
      const response = await app.request('/v1/organisations', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      return { status: response.status, body: await response.json(), headers: response.headers };
    });
    expectProblem(streamed, 413, []);
  });

  it('bounds joiningParties and refuses a party twice', async () => {
    const community = (joiningParties: string[]) =>
      world.club.applicant!.post(`/v1/programmes/${world.programme.id}/applications`, {
        ...infrastructure('800000.00'),
        projectType: 'productive-community',
        beneficiaryFamilies: 12,
        joiningParties,
      });
    for (const parties of [Array<string>(1000).fill('state'), ['state', 'state']]) {
      const reply = await expectNothingChanged(database.sql, undefined, () => community(parties));
      const problem = expectProblem(reply, 422, []);
      expect(problem.errors!.map((e) => e.field.replace(/^body\./, ''))).toContain('joiningParties');
    }
  });

  it('bounds a tranche evidence list at 50 documents, each once', async () => {
    const tranche = (evidence: unknown[]) =>
      world.club.applicant!.post(`/v1/applications/${ready}/tranches`, {
        amount: '1.00',
        milestone: 'avance',
        evidence,
      });
    const many = Array.from({ length: 4000 }, (_, i) => ({ name: `doc-${i}.pdf` }));
    expectProblem(await expectNothingChanged(database.sql, ready, () => tranche(many)), 422, ['body.evidence']);
    expectProblem(
      await expectNothingChanged(database.sql, ready, () => tranche([{ name: 'a.pdf' }, { name: 'a.pdf' }])),
      422,
      ['body.evidence'],
    );
  });

  it('bounds the parties of a programme and names of a deep body, without a 500', async () => {
    const parties = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`p${i}`, world.federal.id]));
    const programme = await expectNothingChanged(database.sql, undefined, () =>
      world.admin.post('/v1/programmes', {
        code: 'many-parties',
        name: 'x',
        ruleSet: 'tres-por-uno',
        currency: 'MXN',
        parties,
      }),
    );
    expectProblem(programme, 422, ['body.parties']);
    // Deeper than any stack would follow, in a body under the cap.
    const depth = 50_000;
    const fields = JSON.stringify(infrastructure()).slice(0, -1);
    const deep = `${fields},"deep":${'{"deeper":'.repeat(depth)}"bottom"${'}'.repeat(depth)}}`;
    const nested = await expectNothingChanged(database.sql, undefined, () =>
      world.club.applicant!.post(`/v1/programmes/${world.programme.id}/applications`, deep),
    );
    expect([400, 422]).toContain(nested.status);
    expect(nested.headers.get('content-type')).toContain('application/problem+json');
  });
});

/** An opaque cursor of the (time, id) kind, as the API encodes them. */
const cursor = (at: string, id: unknown) => Buffer.from(JSON.stringify([at, id])).toString('base64url');
const UUID = '00000000-0000-4000-8000-000000000000';

describe('cursors and instants PostgreSQL cannot store', () => {
  const lists = ['/v1/organisations', '/v1/programmes', '/v1/applications'];
  const cursors: Array<[string, string]> = [
    ['a non-UUID id', cursor('2026-01-01T00:00:00.000Z', 'not-a-uuid')],
    ['an id that is a number', cursor('2026-01-01T00:00:00.000Z', 7)],
    ['year 0', cursor('0000-01-01T00:00:00.000Z', UUID)],
    ['year 275760', cursor('+275760-09-13T00:00:00.000Z', UUID)],
    ['year -271821', cursor('-271821-04-20T00:00:00.000Z', UUID)],
  ];
  for (const list of lists) {
    it.each(cursors)(`${list}: a cursor with %s is a 422 naming query.cursor`, async (_, value) => {
      const reply = await expectNothingChanged(database.sql, undefined, () =>
        world.admin.get(`${list}?cursor=${value}`),
      );
      expectProblem(reply, 422, ['query.cursor']);
    });
  }

  const instants = () => [
    [`/v1/accounts/${world.programme.pools![0]!.id}/balance?at=`, 'query.at'],
    ['/v1/ledger/trial-balance?at=', 'query.at'],
    ['/v1/ledger/entries?from=', 'query.from'],
    ['/v1/ledger/entries?to=', 'query.to'],
    ['/v1/audit-log?from=', 'query.from'],
    ['/v1/audit-log?to=', 'query.to'],
    [`/v1/statements/programmes/${world.programme.id}.json?from=`, 'query.from'],
    [`/v1/statements/programmes/${world.programme.id}.json?to=`, 'query.to'],
    [`/v1/statements/trial-balance.json?programme=${world.programme.id}&at=`, 'query.at'],
  ];
  for (const year of ['0000-01-01T00:00:00Z', '275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z']) {
    it(`${year} as an instant is a 422 naming its field on every route that takes one`, async () => {
      for (const [route, field] of instants()) {
        const reply = await expectNothingChanged(database.sql, undefined, () =>
          world.auditor.auditor!.get(`${route!}${encodeURIComponent(year)}`),
        );
        expectProblem(reply, 422, [field!]);
      }
    });
  }

  it('refuses a filing date of year 0, naming it', async () => {
    const reply = await expectNothingChanged(database.sql, undefined, () =>
      world.club.applicant!.post(`/v1/programmes/${world.programme.id}/applications`, {
        ...infrastructure(),
        filedAt: '0000-06-01T00:00:00Z',
      }),
    );
    const problem = expectProblem(reply, 422, []);
    expect(problem.errors!.map((e) => e.field.replace(/^body\./, ''))).toContain('filedAt');
  });
});

describe('X-Request-Id', () => {
  const withId = (id: string) =>
    app.request('/v1/organisations', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-type': 'application/json',
        'x-request-id': id,
      },
      body: JSON.stringify({ name: `Club ${id.length}`, kind: 'association' }),
    });

  it('replaces an id of any other shape with one of its own, in the answer and the audit log', async () => {
    const response = await withId('<script>alert(1)</script>');
    expect(response.status).toBe(201);
    const given = response.headers.get('x-request-id')!;
    expect(given).toMatch(/^[0-9a-f-]{36}$/);
    const created = (await response.json()) as { id: string };
    const log = expectStatus(
      await world.admin.get<Page<AuditRecord>>(`/v1/audit-log?resourceType=organisation&resourceId=${created.id}`),
      200,
    ).body;
    expect(log.items[0]!.requestId).toBe(given);
    const [{ scripts }] = (await database.sql`
      SELECT count(*)::int AS scripts FROM audit_log WHERE request_id LIKE '%<%'`) as unknown as [{ scripts: number }];
    expect(scripts).toBe(0);
  });

  it("keeps a tracing system's id of a safe shape", async () => {
    const response = await withId('trace-42.span_7');
    expect(response.headers.get('x-request-id')).toBe('trace-42.span_7');
    expect((await withId('x'.repeat(65))).headers.get('x-request-id')).not.toBe('x'.repeat(65));
  });
});

describe('methods', () => {
  it('answers 405 with Allow for a method a known path does not take, 404 for an unknown path', async () => {
    const refused = await expectNothingChanged(database.sql, undefined, async () => {
      const response = await app.request('/v1/programmes', { method: 'DELETE' });
      return { status: response.status, body: await response.json(), headers: response.headers };
    });
    expectProblem(refused, 405, []);
    expect(refused.headers.get('allow')!.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    const health = await app.request('/health', { method: 'PUT' });
    expect(health.status).toBe(405);
    expect(health.headers.get('allow')).toBe('GET, HEAD');
    const idPath = await app.request(`/v1/applications/${ready}`, { method: 'PATCH' });
    expect(idPath.status).toBe(405);
    const unknown = await app.request('/v1/nothing-here', {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(unknown.status).toBe(404);
  });
});
