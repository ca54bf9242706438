import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Application, ApplicationSummary, IssuedApiKey, Page, Problem, Programme } from '../support/api';
import { createTestApp } from '../support/app';
import type { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus, openProgramme, organisation } from '../support/workflow';
import {
  type World,
  approve,
  expectNothingChanged,
  file,
  footprint,
  fundedProject,
  infrastructure,
  requestTranche,
  threeByOneProgramme,
} from './fixtures';

/**
 * Every workflow route, for every kind of caller: the wrong role gets 403, an organisation with the
 * right role but no part in the application gets 404 (its existence is not disclosed), auditors read
 * and never write, and a refused request changes nothing (row counts of the ledger, holds, audit
 * log, workflow tables, idempotency records, and the application's version). Then the right caller
 * is let through, so a 403 is never an accident of a bad request.
 */
let database: TestDatabase;
let app: App;
let world: World;
let investor: Awaited<ReturnType<typeof organisation>>;
/** An application just filed (no decision yet). */
let filed: string;
/** Filed, to be withdrawn by its club. */
let toWithdraw: string;
/** Approved, the club's share paid in, a tranche waiting for its approvals. */
let approved: string;
let pendingTranche: string;
/** Approved and paid in, no tranche asked for yet. */
let ready: string;
/** Approved, to be cancelled by a manager. */
let toCancel: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'authz');
  investor = await organisation(app, 'An investor', 'investor', ['applicant']);
  filed = (await file(world)).id;
  toWithdraw = (await file(world)).id;
  approved = (await fundedProject(world)).id;
  pendingTranche = (await requestTranche(world, approved, '1200000.00')).id;
  ready = (await fundedProject(world)).id;
  toCancel = (await file(world)).id;
  await approve(world, toCancel);
});
afterAll(() => database.close());

type Client = ReturnType<typeof client>;
const callers = (): Record<string, Client> => ({
  admin: world.admin,
  club: world.club.applicant!,
  otherClub: world.otherClub.applicant!,
  investor: investor.applicant!,
  federalApprover: world.federal.approver!,
  federalAdmin: world.federal.programme_admin!,
  stateAdmin: world.state.programme_admin!,
  outsiderApprover: world.outsider.approver!,
  outsiderAdmin: world.outsider.programme_admin!,
  auditor: world.auditor.auditor!,
});
type Caller = keyof ReturnType<typeof callers>;

interface RouteCase {
  route: string;
  method: 'GET' | 'POST';
  path: () => string;
  body?: () => unknown;
  /** The application whose version must not move when refused. */
  application?: () => string;
  refused: Partial<Record<Caller, 403 | 404>>;
  /** Callers let through, with the status they get (a 409 still proves authorization passed). */
  allowed: Partial<Record<Caller, number>>;
}

let codes = 0;
const newProgramme = () => ({
  code: `authz-new-${++codes}`,
  name: 'Another programme',
  ruleSet: 'tres-por-uno',
  currency: 'MXN',
  parties: { federal: world.federal.id, state: world.state.id, municipal: world.municipal.id },
});
const reason = { reason: 'revisión' };

/** A step for the programme's managers: refused to every other role, unseen (404) outside the project. */
const forManagersOnly: RouteCase['refused'] = {
  admin: 403,
  club: 403,
  otherClub: 404,
  federalApprover: 403,
  auditor: 403,
  outsiderApprover: 404,
  outsiderAdmin: 404,
};

const cases: RouteCase[] = [
  {
    route: 'POST /v1/programmes',
    method: 'POST',
    path: () => '/v1/programmes',
    body: newProgramme,
    // A programme_admin key opens programmes only under a code reserved for its organisation
    // (403 code-not-reserved: tests/security/party-binding.test.ts).
    refused: { club: 403, investor: 403, federalApprover: 403, auditor: 403 },
    allowed: { admin: 201 },
  },
  {
    route: 'POST /v1/programmes/{id}/budgets',
    method: 'POST',
    path: () => `/v1/programmes/${world.programme.id}/budgets`,
    body: () => ({ party: 'federal', amount: '1.00' }),
    refused: { admin: 403, club: 403, federalApprover: 403, auditor: 403, stateAdmin: 403, outsiderAdmin: 403 },
    allowed: { federalAdmin: 201 },
  },
  {
    route: 'POST /v1/programmes/{id}/applications',
    method: 'POST',
    path: () => `/v1/programmes/${world.programme.id}/applications`,
    body: () => infrastructure(),
    refused: { admin: 403, investor: 403, federalApprover: 403, federalAdmin: 403, auditor: 403 },
    allowed: { otherClub: 201 },
  },
  {
    route: 'GET /v1/applications/{id}',
    method: 'GET',
    path: () => `/v1/applications/${filed}`,
    refused: { otherClub: 404, investor: 404, outsiderApprover: 404, outsiderAdmin: 404 },
    allowed: { club: 200, federalApprover: 200, federalAdmin: 200, stateAdmin: 200, auditor: 200, admin: 200 },
  },
  {
    route: 'GET /v1/applications/{id}/accounts',
    method: 'GET',
    path: () => `/v1/applications/${filed}/accounts`,
    refused: { otherClub: 404, investor: 404, outsiderApprover: 404, outsiderAdmin: 404 },
    allowed: { club: 200, federalApprover: 200, auditor: 200, admin: 200 },
  },
  {
    route: 'POST /v1/applications/{id}/approvals',
    method: 'POST',
    path: () => `/v1/applications/${filed}/approvals`,
    body: () => ({ decision: 'approve' }),
    application: () => filed,
    refused: { admin: 403, club: 403, otherClub: 403, federalAdmin: 403, auditor: 403, outsiderApprover: 404 },
    allowed: { federalApprover: 200 },
  },
  {
    route: 'POST /v1/applications/{id}/contributions',
    method: 'POST',
    path: () => `/v1/applications/${filed}/contributions`,
    body: () => ({ party: 'club', amount: '1000.00' }),
    application: () => filed,
    refused: {
      admin: 403,
      otherClub: 404,
      federalApprover: 403,
      federalAdmin: 403,
      auditor: 403,
      outsiderApprover: 404,
    },
    allowed: { club: 201 },
  },
  {
    route: 'POST /v1/applications/{id}/tranches',
    method: 'POST',
    path: () => `/v1/applications/${ready}/tranches`,
    body: () => ({ amount: '1200000.00', milestone: 'convenio firmado', evidence: [{ name: 'convenio.pdf' }] }),
    application: () => ready,
    refused: {
      admin: 403,
      otherClub: 404,
      federalApprover: 403,
      federalAdmin: 403,
      auditor: 403,
      outsiderApprover: 403,
    },
    allowed: { club: 201 },
  },
  {
    route: 'GET /v1/tranches/{id}',
    method: 'GET',
    path: () => `/v1/tranches/${pendingTranche}`,
    refused: { otherClub: 404, investor: 404, outsiderApprover: 404, outsiderAdmin: 404 },
    allowed: { club: 200, federalApprover: 200, auditor: 200, admin: 200 },
  },
  {
    route: 'POST /v1/tranches/{id}/approvals',
    method: 'POST',
    path: () => `/v1/tranches/${pendingTranche}/approvals`,
    body: () => ({ decision: 'approve' }),
    application: () => approved,
    refused: { admin: 403, club: 403, otherClub: 403, federalAdmin: 403, auditor: 403, outsiderApprover: 404 },
    allowed: { federalApprover: 200 },
  },
  {
    route: 'POST /v1/applications/{id}/refunds',
    method: 'POST',
    path: () => `/v1/applications/${approved}/refunds`,
    body: () => ({ amount: '1.00', reason: 'sobrante' }),
    application: () => approved,
    refused: forManagersOnly,
    allowed: { federalAdmin: 200 },
  },
  {
    route: 'POST /v1/applications/{id}/cancel (approved: managers only)',
    method: 'POST',
    path: () => `/v1/applications/${toCancel}/cancel`,
    body: () => reason,
    application: () => toCancel,
    refused: forManagersOnly,
    allowed: { stateAdmin: 200 },
  },
  {
    route: 'POST /v1/applications/{id}/cancel (filed: its club may withdraw it)',
    method: 'POST',
    path: () => `/v1/applications/${toWithdraw}/cancel`,
    body: () => reason,
    application: () => toWithdraw,
    refused: { admin: 403, otherClub: 404, federalApprover: 403, auditor: 403, outsiderAdmin: 404 },
    allowed: { club: 200 },
  },
  {
    route: 'POST /v1/applications/{id}/close',
    method: 'POST',
    path: () => `/v1/applications/${ready}/close`,
    body: () => reason,
    application: () => ready,
    refused: forManagersOnly,
    // Authorized, then refused on the merits: money is still in the project.
    allowed: { federalAdmin: 409 },
  },
  {
    route: 'POST /v1/applications/{id}/clawback',
    method: 'POST',
    path: () => `/v1/applications/${approved}/clawback`,
    body: () => reason,
    application: () => approved,
    refused: forManagersOnly,
    // Tres por Uno has no clawback: authorized, then refused on the merits.
    allowed: { federalAdmin: 409 },
  },
];

const call = (caller: Client, route: RouteCase) =>
  route.method === 'GET' ? caller.get(route.path()) : caller.post(route.path(), route.body?.());

describe.each(cases)('$route', (route) => {
  it.each(Object.entries(route.refused) as Array<[Caller, 403 | 404]>)(
    'refuses %s with %i, changing nothing',
    async (name, status) => {
      const reply = await expectNothingChanged(database.sql, route.application?.(), () =>
        call(callers()[name]!, route),
      );
      expectStatus(reply, status);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body).toMatchObject({
        status,
        type: status === 404 ? 'urn:cofund:problem:not-found' : 'urn:cofund:problem:forbidden',
      });
      expect(JSON.stringify(reply.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
    },
  );

  it.each(Object.entries(route.allowed) as Array<[Caller, number]>)('lets %s through (%i)', async (name, status) => {
    const before = await footprint(database.sql, route.application?.());
    const reply = expectStatus(await call(callers()[name]!, route), status);
    if (route.method === 'POST' && status < 300) {
      // The same request from the right caller does change the books or the workflow.
      expect(await footprint(database.sql, route.application?.())).not.toEqual(before);
    }
    if (status === 409)
      expect((reply.body as Problem).type).toMatch(
        /^urn:cofund:problem:(accounts-not-zero|tranche-pending|no-clawback)$/,
      );
  });
});

describe('existence is not disclosed', () => {
  const routes: Array<[string, (id: string) => string, 'GET' | 'POST', unknown]> = [
    ['GET /v1/applications/{id}', (id) => `/v1/applications/${id}`, 'GET', undefined],
    ['GET /v1/applications/{id}/accounts', (id) => `/v1/applications/${id}/accounts`, 'GET', undefined],
    [
      'POST /v1/applications/{id}/contributions',
      (id) => `/v1/applications/${id}/contributions`,
      'POST',
      { party: 'club', amount: '1.00' },
    ],
    [
      'POST /v1/applications/{id}/tranches',
      (id) => `/v1/applications/${id}/tranches`,
      'POST',
      { amount: '1.00', milestone: 'm', evidence: [{ name: 'x' }] },
    ],
    ['POST /v1/applications/{id}/refunds', (id) => `/v1/applications/${id}/refunds`, 'POST', reason],
  ];
  it.each(routes)(
    "%s: another organisation's application answers exactly like an id that does not exist",
    async (_, path, method, body) => {
      const who =
        method === 'GET' || path('x').includes('tranches') || path('x').includes('contributions')
          ? world.otherClub.applicant!
          : world.outsider.programme_admin!;
      const unknown = crypto.randomUUID();
      const send = (id: string) => (method === 'GET' ? who.get<Problem>(path(id)) : who.post<Problem>(path(id), body));
      const [theirs, missing] = [await send(approved), await send(unknown)];
      expect(theirs.status).toBe(404);
      expect(missing.status).toBe(404);
      expect({ ...theirs.body, detail: theirs.body.detail.replace(approved, 'ID') }).toEqual({
        ...missing.body,
        detail: missing.body.detail.replace(unknown, 'ID'),
      });
    },
  );

  it("a tranche of another organisation's application answers like a tranche that does not exist", async () => {
    const unknown = crypto.randomUUID();
    for (const send of [
      (id: string) => world.otherClub.applicant!.get<Problem>(`/v1/tranches/${id}`),
      (id: string) => world.outsider.approver!.post<Problem>(`/v1/tranches/${id}/approvals`, { decision: 'approve' }),
    ]) {
      const [theirs, missing] = [await send(pendingTranche), await send(unknown)];
      expect([theirs.status, missing.status]).toEqual([404, 404]);
      expect(theirs.body.detail.replace(pendingTranche, 'ID')).toBe(missing.body.detail.replace(unknown, 'ID'));
    }
  });

  it('a wrong role is refused before any lookup: the same 403 for a real id and an unknown one', async () => {
    const real = await world.auditor.auditor!.post(`/v1/applications/${approved}/approvals`, { decision: 'approve' });
    const unknown = await world.auditor.auditor!.post(`/v1/applications/${crypto.randomUUID()}/approvals`, {
      decision: 'approve',
    });
    expect([real.status, unknown.status]).toEqual([403, 403]);
    expect(real.body).toEqual(unknown.body);
  });

  it('maker-checker: an association holding an approver key still cannot approve its own application', async () => {
    const issued = expectStatus(
      await world.admin.post<IssuedApiKey>(`/v1/organisations/${world.otherClub.id}/api-keys`, { role: 'approver' }),
      201,
    ).body;
    const own = (await file(world, world.otherClub)).id;
    const reply = await expectNothingChanged(database.sql, own, () =>
      world.otherClub.applicant!.as(issued.key).post<Problem>(`/v1/applications/${own}/approvals`, {
        decision: 'approve',
      }),
    );
    expectStatus(reply, 403);
    expect(reply.body.detail).toContain('maker-checker');
  });

  it("programmes are public, their books are not: pools only for the programme's parties and auditors", async () => {
    const path = `/v1/programmes/${world.programme.id}`;
    expect((await world.outsider.approver!.get<Programme>(path)).body.pools).toBeNull();
    expect((await world.club.applicant!.get<Programme>(path)).body.pools).toBeNull();
    expect((await world.auditor.auditor!.get<Programme>(path)).body.pools).toHaveLength(3);
    expect((await world.federal.approver!.get<Programme>(path)).body.pools).toHaveLength(3);
  });
});

describe('who sees which applications in lists', () => {
  it("lists each caller's own, its programmes', or (auditors, the administrator) all", async () => {
    const ids = async (caller: Client) => {
      const reply = expectStatus(
        await caller.get<Page<ApplicationSummary>>(`/v1/applications?programme=${world.programme.id}&limit=100`),
        200,
      ).body;
      return new Set<string>(reply.items.map((item) => item.id));
    };
    const all = await ids(world.auditor.auditor!);
    for (const id of [filed, approved, ready, toCancel, toWithdraw]) expect(all.has(id)).toBe(true);
    expect(await ids(world.admin)).toEqual(all);
    expect(await ids(world.federal.approver!)).toEqual(all);
    const theirs = await ids(world.otherClub.applicant!);
    for (const id of [filed, approved, ready, toCancel, toWithdraw]) expect(theirs.has(id)).toBe(false);
    expect((await ids(world.club.applicant!)).has(filed)).toBe(true);
    expect(await ids(world.outsider.approver!)).toEqual(new Set());
    expect(await ids(investor.applicant!)).toEqual(new Set());
  });
});

describe('a programme with a named administrator', () => {
  it('is settled by the administrator alone; each pool is funded by the organisation playing it only', async () => {
    const agency = await organisation(app, 'Programme agency', 'government', ['programme_admin']);
    expectStatus(
      await world.admin.post(`/v1/organisations/${agency.id}/programme-codes`, { code: 'authz-administered' }),
      201,
    );
    const opened = await openProgramme(
      app,
      {
        code: 'authz-administered',
        name: 'Administered 3x1',
        ruleSet: 'tres-por-uno',
        currency: 'MXN',
        parties: { federal: world.federal.id, state: world.state.id, municipal: world.municipal.id },
      },
      [world.federal, world.state, world.municipal],
      agency.programme_admin,
    );
    expect(opened.administrator).toBe(agency.id);
    // A programme_admin key opens programmes of its own organisation only.
    const elsewhere = await expectNothingChanged(database.sql, undefined, () =>
      world.federal.programme_admin!.post<Problem>('/v1/programmes', { ...newProgramme(), administrator: agency.id }),
    );
    expectStatus(elsewhere, 422);
    expect(elsewhere.body.errors).toEqual([expect.objectContaining({ field: 'body.administrator' })]);

    const budgets = `/v1/programmes/${opened.id}/budgets`;
    // Whose money it is stays true: the administrator funds no pool, each government its own.
    for (const party of ['federal', 'state', 'municipal']) {
      const refused = await expectNothingChanged(database.sql, undefined, () =>
        agency.programme_admin!.post(budgets, { party, amount: '5000000.00' }),
      );
      expectStatus(refused, 403);
      expectStatus(
        await world.governments[party as 'state'].programme_admin!.post(budgets, { party, amount: '5000000.00' }),
        201,
      );
    }
    const project = expectStatus(
      await world.club.applicant!.post<Application>(`/v1/programmes/${opened.id}/applications`, infrastructure()),
      201,
    ).body;
    for (const org of [world.federal, world.state, world.municipal])
      expectStatus(await org.approver!.post(`/v1/applications/${project.id}/approvals`, { decision: 'approve' }), 200);
    const refused = await expectNothingChanged(database.sql, project.id, () =>
      world.federal.programme_admin!.post(`/v1/applications/${project.id}/cancel`, reason),
    );
    expectStatus(refused, 403);
    const cancelled = expectStatus(
      await agency.programme_admin!.post<Application>(`/v1/applications/${project.id}/cancel`, reason),
      200,
    ).body;
    expect(cancelled.status).toBe('cancelled');
  });
});
