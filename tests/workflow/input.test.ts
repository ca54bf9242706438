import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { Application, BudgetResult, Problem, Tranche } from '../support/api';
import { createTestApp } from '../support/app';
import type { Reply, client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { omit } from '../support/omit';
import { balanceOf, expectStatus } from '../support/workflow';
import {
  type World,
  expectNothingChanged,
  file,
  fundedProject,
  infrastructure,
  requestTranche,
  trancheAwaitingMunicipal,
  threeByOneProgramme,
} from './fixtures';

/**
 * Bad input on every workflow route: each answer is problem+json naming the offending field, with
 * no stack trace, and nothing changes. Then the Idempotency-Key rules of money-moving POSTs.
 */
let database: TestDatabase;
let app: App;
let world: World;
/** Filed by the club. */
let filed: string;
/** Approved and paid in by the club, no tranche yet. */
let ready: string;
/** Approved and paid in by the other club, a tranche waiting. */
let theirs: string;
let theirTranche: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'input');
  filed = (await file(world)).id;
  ready = (await fundedProject(world)).id;
  theirs = (await fundedProject(world, world.otherClub)).id;
  theirTranche = (await requestTranche(world, theirs, '1200000.00', world.otherClub)).id;
});
afterAll(() => database.close());

type Client = ReturnType<typeof client>;

/** A POST route with a body that would succeed, the caller allowed to send it, and its money field if any. */
interface PostRoute {
  route: string;
  caller: () => Client;
  path: (id?: string) => string;
  valid: () => Record<string, unknown>;
  money?: string;
  required: string;
  application?: () => string;
}

const programmeBody = () => ({
  code: 'input-new',
  name: 'New',
  ruleSet: 'tres-por-uno',
  currency: 'MXN',
  parties: { federal: world.federal.id, state: world.state.id, municipal: world.municipal.id },
});

const routes: PostRoute[] = [
  {
    route: 'POST /v1/programmes',
    caller: () => world.admin,
    path: () => '/v1/programmes',
    valid: programmeBody,
    required: 'code',
  },
  {
    route: 'POST /v1/programmes/{id}/budgets',
    caller: () => world.federal.programme_admin!,
    path: (id = world.programme.id) => `/v1/programmes/${id}/budgets`,
    valid: () => ({ party: 'federal', amount: '10.00' }),
    money: 'amount',
    required: 'party',
  },
  {
    route: 'POST /v1/programmes/{id}/applications',
    caller: () => world.club.applicant!,
    path: (id = world.programme.id) => `/v1/programmes/${id}/applications`,
    valid: () => infrastructure(),
    money: 'totalCost',
    required: 'projectType',
  },
  {
    route: 'POST /v1/applications/{id}/approvals',
    caller: () => world.federal.approver!,
    path: (id = filed) => `/v1/applications/${id}/approvals`,
    valid: () => ({ decision: 'approve' }),
    required: 'decision',
    application: () => filed,
  },
  {
    route: 'POST /v1/applications/{id}/contributions',
    caller: () => world.club.applicant!,
    path: (id = filed) => `/v1/applications/${id}/contributions`,
    valid: () => ({ party: 'club', amount: '100.00' }),
    money: 'amount',
    required: 'party',
    application: () => filed,
  },
  {
    route: 'POST /v1/applications/{id}/tranches',
    caller: () => world.club.applicant!,
    path: (id = ready) => `/v1/applications/${id}/tranches`,
    valid: () => ({ amount: '1000.00', milestone: 'convenio', evidence: [{ name: 'convenio.pdf' }] }),
    money: 'amount',
    required: 'milestone',
    application: () => ready,
  },
  {
    route: 'POST /v1/tranches/{id}/approvals',
    caller: () => world.federal.approver!,
    path: (id = theirTranche) => `/v1/tranches/${id}/approvals`,
    valid: () => ({ decision: 'approve' }),
    required: 'decision',
    application: () => theirs,
  },
  {
    route: 'POST /v1/applications/{id}/refunds',
    caller: () => world.federal.programme_admin!,
    path: (id = ready) => `/v1/applications/${id}/refunds`,
    valid: () => ({ amount: '1.00', reason: 'sobrante' }),
    money: 'amount',
    required: 'reason',
    application: () => ready,
  },
  {
    route: 'POST /v1/applications/{id}/cancel',
    caller: () => world.federal.programme_admin!,
    path: (id = ready) => `/v1/applications/${id}/cancel`,
    valid: () => ({ reason: 'x' }),
    required: 'reason',
    application: () => ready,
  },
  {
    route: 'POST /v1/applications/{id}/close',
    caller: () => world.federal.programme_admin!,
    path: (id = ready) => `/v1/applications/${id}/close`,
    valid: () => ({ reason: 'x' }),
    required: 'nothing',
    application: () => ready,
  },
  {
    route: 'POST /v1/applications/{id}/clawback',
    caller: () => world.federal.programme_admin!,
    path: (id = ready) => `/v1/applications/${id}/clawback`,
    valid: () => ({ reason: 'x' }),
    required: 'reason',
    application: () => ready,
  },
];

/** A refused request: problem+json, the status, every named field, no internals, nothing changed. */
async function expectRefused(
  send: () => Promise<Reply<Problem>>,
  status: number,
  fields: string[],
  application?: string,
) {
  const reply = await expectNothingChanged(database.sql, application, send);
  expectStatus(reply, status);
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  expect(reply.body).toMatchObject({
    type: expect.stringMatching(/^urn:cofund:problem:/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  if (fields.length > 0) expect(reply.body.errors!.map((e) => e.field)).toEqual(expect.arrayContaining(fields));
  const text = JSON.stringify(reply.body);
  expect(text).not.toMatch(/node_modules|\.ts:\d+|\bat [\w.<>]+ \(|stack/i);
  return reply;
}

const moneyRoutes = routes.filter((route) => route.money);
const badMoney: Array<[string, unknown]> = [
  ['a JSON number', 1000],
  ['a negative amount', '-100.00'],
  ['more decimals than the currency', '100.001'],
  ['fewer decimals than the currency', '100.5'],
  ['exponent form', '1e3'],
  ['thousands separators', '1,000.00'],
  ['an empty string', ''],
  ['null', null],
];

describe.each(moneyRoutes)('$route: bad money', (route) => {
  it.each(badMoney)('refuses %s with 422 naming the field', async (_, value) => {
    const body = { ...route.valid(), [route.money!]: value };
    await expectRefused(
      () => route.caller().post(route.path(), body),
      422,
      [`body.${route.money}`],
      route.application?.(),
    );
  });
});

describe.each(routes)('$route: malformed requests', (route) => {
  it('refuses a missing required field, naming it', async () => {
    if (route.required === 'nothing') {
      // Close takes no required field: an empty object is a valid request.
      expect(Object.keys(route.valid())).toEqual(['reason']);
      return;
    }
    const body = omit(route.valid(), route.required);
    await expectRefused(
      () => route.caller().post(route.path(), body),
      422,
      [`body.${route.required}`],
      route.application?.(),
    );
  });

  it('refuses an unknown field, naming it', async () => {
    await expectRefused(
      () => route.caller().post(route.path(), { ...route.valid(), surplus: 'x' }),
      422,
      ['body.surplus'],
      route.application?.(),
    );
  });

  it('refuses malformed JSON with 400', async () => {
    await expectRefused(() => route.caller().post(route.path(), '{"amount": "1.00",'), 400, [], route.application?.());
  });

  it('refuses a body that is not an object', async () => {
    await expectRefused(() => route.caller().post(route.path(), '["approve"]'), 422, ['body'], route.application?.());
  });

  if (route.route.includes('{id}')) {
    it('refuses a path id that is not a uuid with 422 naming path.id', async () => {
      await expectRefused(
        () => route.caller().post(route.path('not-a-uuid'), route.valid()),
        422,
        ['path.id'],
        route.application?.(),
      );
    });

    it('answers 404 for an unknown uuid', async () => {
      const reply = await expectRefused(
        () => route.caller().post(route.path(crypto.randomUUID()), route.valid()),
        404,
        [],
        route.application?.(),
      );
      expect(reply.body.type).toBe('urn:cofund:problem:not-found');
    });
  }
});

describe("someone else's id", () => {
  it("refuses the club on the other club's application and tranche with 404, changing nothing", async () => {
    const club = world.club.applicant!;
    const sends: Array<() => Promise<Reply<Problem>>> = [
      () => club.get(`/v1/applications/${theirs}`),
      () => club.get(`/v1/applications/${theirs}/accounts`),
      () => club.get(`/v1/tranches/${theirTranche}`),
      () => club.post(`/v1/applications/${theirs}/contributions`, { party: 'club', amount: '1.00' }),
      () =>
        club.post(`/v1/applications/${theirs}/tranches`, { amount: '1.00', milestone: 'm', evidence: [{ name: 'x' }] }),
      () => club.post(`/v1/applications/${theirs}/cancel`, { reason: 'x' }),
    ];
    for (const send of sends) {
      await expectRefused(send, 404, [], theirs);
    }
  });

  it('refuses GET routes a non-uuid id with 422 naming path.id', async () => {
    for (const path of [
      '/v1/applications/42',
      '/v1/applications/42/accounts',
      '/v1/tranches/42',
      '/v1/programmes/42',
    ]) {
      await expectRefused(() => world.auditor.auditor!.get(path), 422, ['path.id']);
    }
  });
});

describe('field rules beyond the schema', () => {
  const cases: Array<[string, () => Client, () => string, () => Record<string, unknown>, number, string]> = [
    [
      'programme: unknown rule set',
      () => world.admin,
      () => '/v1/programmes',
      () => ({ ...programmeBody(), ruleSet: 'tres-por-dos' }),
      422,
      'body.ruleSet',
    ],
    [
      "programme: currency not the rule set's",
      () => world.admin,
      () => '/v1/programmes',
      () => ({ ...programmeBody(), currency: 'USD' }),
      422,
      'body.currency',
    ],
    [
      'programme: a party played by the wrong kind',
      () => world.admin,
      () => '/v1/programmes',
      () => ({ ...programmeBody(), parties: { ...programmeBody().parties, federal: world.club.id } }),
      422,
      'body.parties.federal',
    ],
    [
      'programme: a party the rule set lacks',
      () => world.admin,
      () => '/v1/programmes',
      () => ({ ...programmeBody(), parties: { ...programmeBody().parties, bank: world.state.id } }),
      422,
      'body.parties.bank',
    ],
    [
      'programme: the applicant party bound',
      () => world.admin,
      () => '/v1/programmes',
      () => ({ ...programmeBody(), parties: { ...programmeBody().parties, club: world.club.id } }),
      422,
      'body.parties.club',
    ],
    [
      'programme: an unknown organisation',
      () => world.admin,
      () => '/v1/programmes',
      () => ({ ...programmeBody(), parties: { ...programmeBody().parties, state: crypto.randomUUID() } }),
      422,
      'body.parties.state',
    ],
    [
      'programme: a party id that is not a uuid',
      () => world.admin,
      () => '/v1/programmes',
      () => ({ ...programmeBody(), parties: { ...programmeBody().parties, state: 'gobierno' } }),
      422,
      'body.parties.state',
    ],
    [
      'programme: a code with capitals',
      () => world.admin,
      () => '/v1/programmes',
      () => ({ ...programmeBody(), code: 'Input' }),
      422,
      'body.code',
    ],
    [
      'budget: the applicant party',
      () => world.federal.programme_admin!,
      () => `/v1/programmes/${world.programme.id}/budgets`,
      () => ({ party: 'club', amount: '1.00' }),
      422,
      'body.party',
    ],
    [
      'filing: a filing date in the future',
      () => world.club.applicant!,
      () => `/v1/programmes/${world.programme.id}/applications`,
      () => ({ ...infrastructure(), filedAt: '2999-01-01' }),
      422,
      'body.filedAt',
    ],
    [
      'filing: another currency',
      () => world.club.applicant!,
      () => `/v1/programmes/${world.programme.id}/applications`,
      () => ({ ...infrastructure(), currency: 'USD' }),
      422,
      'body.currency',
    ],
    [
      'filing: an unknown project type',
      () => world.club.applicant!,
      () => `/v1/programmes/${world.programme.id}/applications`,
      () => ({ ...infrastructure(), projectType: 'stadium' }),
      422,
      'body.projectType',
    ],
    [
      'filing: a blank title',
      () => world.club.applicant!,
      () => `/v1/programmes/${world.programme.id}/applications`,
      () => ({ ...infrastructure(), title: '  ' }),
      422,
      'body.title',
    ],
    [
      'approval: a decision that is neither',
      () => world.federal.approver!,
      () => `/v1/applications/${filed}/approvals`,
      () => ({ decision: 'maybe' }),
      422,
      'body.decision',
    ],
    [
      'contribution: a budget party',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'federal', amount: '1.00' }),
      422,
      'body.party',
    ],
    [
      'contribution: a party not in the plan',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'bank', amount: '1.00' }),
      422,
      'body.party',
    ],
    [
      'contribution: dollars without a rate',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'club', amount: '1.00', currency: 'USD' }),
      422,
      'body.fxRate',
    ],
    [
      'contribution: a rate for pesos',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'club', amount: '1.00', fxRate: '1.0' }),
      422,
      'body.fxRate',
    ],
    [
      'contribution: a rate as a number',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'club', amount: '1.00', currency: 'USD', fxRate: 17.5 }),
      422,
      'body.fxRate',
    ],
    [
      'contribution: a zero rate',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'club', amount: '1.00', currency: 'USD', fxRate: '0' }),
      422,
      'body.fxRate',
    ],
    [
      'contribution: a rate in exponent form',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'club', amount: '1.00', currency: 'USD', fxRate: '1e1' }),
      422,
      'body.fxRate',
    ],
    [
      'contribution: a currency that is not ISO 4217',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'club', amount: '1.00', currency: 'usd', fxRate: '17.0' }),
      422,
      'body.currency',
    ],
    [
      'contribution: yen with cents',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'club', amount: '100.00', currency: 'JPY', fxRate: '0.1300' }),
      422,
      'body.amount',
    ],
    [
      'contribution: zero',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'club', amount: '0.00' }),
      422,
      'body.amount',
    ],
    [
      'contribution: converting to nothing',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'club', amount: '0.01', currency: 'USD', fxRate: '0.0001' }),
      422,
      'body.amount',
    ],
    [
      'contribution: more than the share',
      () => world.club.applicant!,
      () => `/v1/applications/${filed}/contributions`,
      () => ({ party: 'club', amount: '600000.01' }),
      422,
      'body.amount',
    ],
    [
      'tranche: zero',
      () => world.club.applicant!,
      () => `/v1/applications/${ready}/tranches`,
      () => ({ amount: '0.00', milestone: 'm', evidence: [{ name: 'x' }] }),
      422,
      'body.amount',
    ],
    [
      'tranche: no evidence',
      () => world.club.applicant!,
      () => `/v1/applications/${ready}/tranches`,
      () => ({ amount: '1.00', milestone: 'm', evidence: [] }),
      422,
      'body.evidence',
    ],
    [
      'tranche: a digest that is not SHA-256',
      () => world.club.applicant!,
      () => `/v1/applications/${ready}/tranches`,
      () => ({ amount: '1.00', milestone: 'm', evidence: [{ name: 'x', sha256: 'abc' }] }),
      422,
      'body.evidence.0.sha256',
    ],
    [
      'tranche: more than the project',
      () => world.club.applicant!,
      () => `/v1/applications/${ready}/tranches`,
      () => ({ amount: '2400000.01', milestone: 'm', evidence: [{ name: 'x' }] }),
      422,
      'body.amount',
    ],
    [
      'tranche: ahead of the schedule (3x1-8: 50% first)',
      () => world.club.applicant!,
      () => `/v1/applications/${ready}/tranches`,
      () => ({ amount: '1200000.01', milestone: 'm', evidence: [{ name: 'x' }] }),
      422,
      'body.amount',
    ],
    [
      'refund: more than is unspent',
      () => world.federal.programme_admin!,
      () => `/v1/applications/${ready}/refunds`,
      () => ({ amount: '600000.01', reason: 'x' }),
      422,
      'body.amount',
    ],
    [
      'refund: a blank reason',
      () => world.federal.programme_admin!,
      () => `/v1/applications/${ready}/refunds`,
      () => ({ reason: '   ' }),
      422,
      'body.reason',
    ],
  ];
  it.each(cases)('%s', async (_, caller, path, body, status, field) => {
    await expectRefused(() => caller().post(path(), body()), status, [field]);
  });
});

describe('Idempotency-Key', () => {
  const moneyMoving = routes.filter(
    (route) =>
      !['POST /v1/programmes', 'POST /v1/programmes/{id}/applications', 'POST /v1/applications/{id}/tranches'].includes(
        route.route,
      ),
  );

  it.each(moneyMoving.map((route) => [route.route, route] as const))(
    '%s: refused without one, naming header.Idempotency-Key',
    async (_, route) => {
      const reply = await expectRefused(
        () => route.caller().post(route.path(), route.valid(), { 'idempotency-key': null }),
        400,
        ['header.Idempotency-Key'],
        route.application?.(),
      );
      expect(reply.body.type).toBe('urn:cofund:problem:idempotency-key-required');
    },
  );

  it.each([
    ['empty', ''],
    ['longer than 200 characters', 'k'.repeat(201)],
  ])('refuses a key that is %s with the same 400', async (_, key) => {
    const reply = await expectRefused(
      () =>
        world.federal.programme_admin!.post(
          `/v1/programmes/${world.programme.id}/budgets`,
          { party: 'federal', amount: '1.00' },
          { 'idempotency-key': key },
        ),
      400,
      ['header.Idempotency-Key'],
    );
    expect(reply.body.type).toBe('urn:cofund:problem:idempotency-key-required');
  });

  it('a replay of a budget returns the same body, says so, and funds once', async () => {
    const pool = 'programme:input:federal:pool';
    const before = await balanceOf(database.db, pool);
    const key = crypto.randomUUID();
    const send = () =>
      world.federal.programme_admin!.post(
        `/v1/programmes/${world.programme.id}/budgets`,
        { party: 'federal', amount: '250.00' },
        { 'idempotency-key': key },
      );
    const first = expectStatus(await send(), 201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const replay = await expectNothingChanged(database.sql, undefined, send);
    expectStatus(replay, 201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(Number((await balanceOf(database.db, pool)).balance) - Number(before.balance)).toBe(250);
  });

  it('a replay of a contribution, of an approval and of a refund does nothing twice', async () => {
    const project = await file(world);
    const sends: Array<[number, (key: string) => Promise<Reply>]> = [
      [
        201,
        (key) =>
          world.club.applicant!.post(
            `/v1/applications/${project.id}/contributions`,
            { party: 'club', amount: '600000.00' },
            { 'idempotency-key': key },
          ),
      ],
      [
        200,
        (key) =>
          world.federal.approver!.post(
            `/v1/applications/${project.id}/approvals`,
            { decision: 'approve', comment: 'ok' },
            { 'idempotency-key': key },
          ),
      ],
      [
        200,
        (key) =>
          world.federal.programme_admin!.post(
            `/v1/applications/${project.id}/refunds`,
            { amount: '100.00', reason: 'x' },
            { 'idempotency-key': key },
          ),
      ],
    ];
    for (const [status, send] of sends) {
      const key = crypto.randomUUID();
      const first = expectStatus(await send(key), status);
      const replay = await expectNothingChanged(database.sql, project.id, () => send(key));
      expect(replay.status).toBe(status);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(first.body);
    }
    expect(await balanceOf(database.db, `application:${project.id}:club:share`)).toMatchObject({
      balance: '599900.00',
    });
  });

  it('a replay of the approval that posts a tranche posts it once', async () => {
    const { project, tranche } = await trancheAwaitingMunicipal(world);
    const key = crypto.randomUUID();
    const send = () =>
      world.municipal.approver!.post<Tranche>(
        `/v1/tranches/${tranche.id}/approvals`,
        { decision: 'approve' },
        { 'idempotency-key': key },
      );
    const first = expectStatus(await send(), 200);
    expect(first.body.status).toBe('posted');
    const replay = await expectNothingChanged(database.sql, project.id, send);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await balanceOf(database.db, `application:${project.id}:federal:disbursed`)).toMatchObject({
      balance: '300000.00',
    });
  });

  it('the same key with another body, or on another route, is a 422 and changes nothing', async () => {
    const key = crypto.randomUUID();
    const budgets = `/v1/programmes/${world.programme.id}/budgets`;
    expectStatus(
      await world.federal.programme_admin!.post(
        budgets,
        { party: 'federal', amount: '5.00' },
        { 'idempotency-key': key },
      ),
      201,
    );
    const otherBody = await expectRefused(
      () =>
        world.federal.programme_admin!.post(budgets, { party: 'federal', amount: '6.00' }, { 'idempotency-key': key }),
      422,
      ['header.Idempotency-Key'],
    );
    expect(otherBody.body.type).toBe('urn:cofund:problem:idempotency-key-reused');
    await expectRefused(
      () =>
        world.federal.programme_admin!.post(
          `/v1/applications/${ready}/refunds`,
          { amount: '5.00', reason: 'x' },
          { 'idempotency-key': key },
        ),
      422,
      ['header.Idempotency-Key'],
    );
  });

  it("keys are per API key: another key's identical key and body is a new request", async () => {
    const key = crypto.randomUUID();
    const budgets = `/v1/programmes/${world.programme.id}/budgets`;
    expectStatus(
      await world.federal.programme_admin!.post(
        budgets,
        { party: 'federal', amount: '7.00' },
        { 'idempotency-key': key },
      ),
      201,
    );
    const stateFunding = expectStatus(
      await world.state.programme_admin!.post<BudgetResult>(
        budgets,
        { party: 'state', amount: '7.00' },
        { 'idempotency-key': key },
      ),
      201,
    );
    expect(stateFunding.headers.get('idempotent-replayed')).toBeNull();
    expect(stateFunding.body.party).toBe('state');
  });

  it('a refused request is not remembered: once fixed, the same key goes through', async () => {
    const project = await file(world);
    const key = crypto.randomUUID();
    const url = `/v1/applications/${project.id}/contributions`;
    // Too much: refused, and the key is not spent on the refusal.
    expectStatus(
      await world.club.applicant!.post(url, { party: 'club', amount: '600000.01' }, { 'idempotency-key': key }),
      422,
    );
    expectStatus(
      await world.club.applicant!.post(url, { party: 'club', amount: '600000.00' }, { 'idempotency-key': key }),
      201,
    );
  });

  it('filing honours a key when one is sent: a replay files once', async () => {
    const key = crypto.randomUUID();
    const send = () =>
      world.club.applicant!.post<Application>(
        `/v1/programmes/${world.programme.id}/applications`,
        infrastructure('2400000.00', 'Una sola vez'),
        { 'idempotency-key': key },
      );
    const first = expectStatus(await send(), 201);
    const replay = await expectNothingChanged(database.sql, undefined, send);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });
});
