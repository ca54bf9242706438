import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import type { AuditRecord, Page, Problem, Programme } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectNothingChanged, footprint } from '../support/footprint';
import { balanceOf, expectStatus, organisation } from '../support/workflow';
import { infrastructure } from '../workflow/fixtures';

/**
 * Issue "hardening", High: one tenant bound other tenants' organisations to its programme and
 * booked money in their names. A party is now bound only by its own organisation (accepting an
 * invitation, or having opened the programme itself), no money moves in an unbound party's name,
 * pools are funded by the organisation playing them only, codes are reserved by the platform
 * administrator, and administrators are governments, banks or guarantee funds.
 */
let database: TestDatabase;
let app: App;
type Org = Awaited<ReturnType<typeof organisation>>;
let attacker: Org;
let federal: Org;
let state: Org;
let municipal: Org;
let club: Org;
const admin = () => client(app, ADMIN_TOKEN);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  attacker = await organisation(app, 'A self-appointed government', 'government', ['programme_admin', 'approver']);
  federal = await organisation(app, 'Secretaría de Bienestar', 'government', ['programme_admin', 'approver']);
  state = await organisation(app, 'Gobierno de Zacatecas', 'government', ['programme_admin', 'approver']);
  municipal = await organisation(app, 'Municipio de Jerez', 'government', ['programme_admin', 'approver']);
  club = await organisation(app, 'Club Zacatecano', 'association', ['applicant']);
});
afterAll(() => database.close());

const programmeBody = (code: string, parties = { federal: federal.id, state: state.id, municipal: municipal.id }) => ({
  code,
  name: `Tres por Uno ${code}`,
  ruleSet: 'tres-por-uno',
  currency: 'MXN',
  parties,
});

const reserve = async (organisationId: string, code: string) =>
  expectStatus(await admin().post(`/v1/organisations/${organisationId}/programme-codes`, { code }), 201);

/** A programme its organisation's programme_admin key opens, under a code reserved for it first. */
async function openedBy(org: Org, code: string) {
  await reserve(org.id, code);
  return expectStatus(await org.programme_admin!.post<Programme>('/v1/programmes', programmeBody(code)), 201).body;
}

describe('the reported attack: a programme_admin names other organisations and funds their pools', () => {
  it('invites them instead of binding them, and books nothing in their name until they accept', async () => {
    const opened = await openedBy(attacker, 'attack');
    expect(opened.administrator).toBe(attacker.id);
    expect(opened.status).toBe('awaiting-parties');
    expect(opened.invitations.map((i) => [i.party, i.status])).toEqual([
      ['federal', 'invited'],
      ['state', 'invited'],
      ['municipal', 'invited'],
    ]);
    // No pool or source exists in their name yet, so none of them "sees it as its own".
    expect(opened.pools).toEqual([]);
    expect(await balanceOf(database.db, 'programme:attack:federal:source:MXN')).toEqual({
      balance: '0.00',
      held: '0.00',
    });

    const budgets = `/v1/programmes/${opened.id}/budgets`;
    const refused = await expectNothingChanged(database.sql, undefined, () =>
      attacker.programme_admin!.post<Problem>(budgets, { party: 'federal', amount: '999999999999999999.99' }),
    );
    expectStatus(refused, 409);
    expect(refused.body).toMatchObject({ type: 'urn:cofund:problem:party-not-accepted', party: 'federal' });
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    // Not even the invited organisation funds a pool before it has accepted.
    expectStatus(await federal.programme_admin!.post(budgets, { party: 'federal', amount: '1.00' }), 409);
    // Nor can anyone file an application into a programme whose parties have not all accepted.
    const early = await expectNothingChanged(database.sql, undefined, () =>
      club.applicant!.post<Problem>(`/v1/programmes/${opened.id}/applications`, infrastructure()),
    );
    expectStatus(early, 409);
    expect(early.body.type).toBe('urn:cofund:problem:parties-not-accepted');
  });

  it('never lets the self-appointed administrator fund a pool another plays, even once bound', async () => {
    const opened = await openedBy(attacker, 'attack-accepted');
    for (const [party, org] of [
      ['federal', federal],
      ['state', state],
      ['municipal', municipal],
    ] as const)
      expectStatus(await org.programme_admin!.post(`/v1/programmes/${opened.id}/parties/${party}/acceptance`, {}), 200);
    const budgets = `/v1/programmes/${opened.id}/budgets`;
    for (const party of ['federal', 'state', 'municipal']) {
      const refused = await expectNothingChanged(database.sql, undefined, () =>
        attacker.programme_admin!.post<Problem>(budgets, { party, amount: '1000.00' }),
      );
      expectStatus(refused, 403);
    }
    // Nor does one funder fund another's pool.
    expectStatus(await state.programme_admin!.post(budgets, { party: 'federal', amount: '1.00' }), 403);
    // The organisation playing the party funds its own.
    const funded = expectStatus(
      await federal.programme_admin!.post<{ pool: { balance: string } }>(budgets, {
        party: 'federal',
        amount: '1000.00',
      }),
      201,
    ).body;
    expect(funded.pool.balance).toBe('1000.00');
    const [source] = await database.sql`
      SELECT c.owner_organisation_id AS owner FROM ledger_accounts a JOIN chart_accounts c ON c.account_id = a.id
      WHERE a.code = 'programme:attack-accepted:federal:source:MXN'`;
    expect(source!.owner).toBe(federal.id);
  });
});

describe('accepting, declining, inviting again', () => {
  it('binds a party only by its own organisation, audited, and never changes an accepted one', async () => {
    const opened = expectStatus(await admin().post<Programme>('/v1/programmes', programmeBody('consent')), 201).body;
    const acceptance = (party: string) => `/v1/programmes/${opened.id}/parties/${party}/acceptance`;

    // Another organisation, the administrator, or another role of the invitee cannot accept for it.
    for (const [who, status] of [
      [state.programme_admin!, 403],
      [attacker.programme_admin!, 403],
      [admin(), 403],
      [federal.approver!, 403],
    ] as const) {
      const refused = await expectNothingChanged(database.sql, undefined, () => who.post(acceptance('federal'), {}));
      expectStatus(refused, status);
    }
    const unknownParty = await federal.programme_admin!.post<Problem>(acceptance('club'), {});
    expectStatus(unknownParty, 422);
    expect(unknownParty.body.errors).toEqual([expect.objectContaining({ field: 'path.party' })]);

    const before = await footprint(database.sql);
    const accepted = expectStatus(
      await federal.programme_admin!.post<Programme>(acceptance('federal'), { comment: 'Convenio 2026-01' }),
      200,
    ).body;
    const after = await footprint(database.sql);
    expect(after.acceptedParties).toBe(before.acceptedParties + 1);
    expect(after.accounts).toBe(before.accounts + 2); // its pool and its source, owned by it
    expect(after.audit).toBe(before.audit + 1);
    expect(accepted.invitations.find((i) => i.party === 'federal')).toMatchObject({ status: 'accepted' });
    expect(accepted.status).toBe('awaiting-parties');

    const again = await expectNothingChanged(database.sql, undefined, () =>
      federal.programme_admin!.post<Problem>(acceptance('federal'), {}),
    );
    expectStatus(again, 409);
    expect(again.body.type).toBe('urn:cofund:problem:party-already-accepted');
    // The manager cannot hand an accepted party to someone else; the database refuses it too.
    const reassign = await expectNothingChanged(database.sql, undefined, () =>
      admin().post<Problem>(`/v1/programmes/${opened.id}/parties/federal/invitation`, { organisationId: attacker.id }),
    );
    expectStatus(reassign, 409);
    await expect(
      database.sql`UPDATE programme_parties SET organisation_id = ${attacker.id}
                   WHERE programme_id = ${opened.id} AND party = 'federal'`,
    ).rejects.toThrow(/accepted by its organisation and is bound/);
    await expect(
      database.sql`DELETE FROM programme_parties WHERE programme_id = ${opened.id} AND party = 'federal'`,
    ).rejects.toThrow(/bound/);

    // The state declines; the manager invites another government, which accepts.
    const declined = expectStatus(
      await state.programme_admin!.post<Programme>(`/v1/programmes/${opened.id}/parties/state/refusal`, {
        reason: 'Sin presupuesto este año',
      }),
      200,
    ).body;
    expect(declined.invitations.find((i) => i.party === 'state')?.status).toBe('declined');
    expectStatus(await state.programme_admin!.post(acceptance('state'), {}), 409);
    const other = await organisation(app, 'Gobierno de Jalisco', 'government', ['programme_admin']);
    // Only the programme's manager invites.
    expectStatus(
      await federal.programme_admin!.post(`/v1/programmes/${opened.id}/parties/state/invitation`, {
        organisationId: other.id,
      }),
      403,
    );
    expectStatus(
      await admin().post(`/v1/programmes/${opened.id}/parties/state/invitation`, { organisationId: other.id }),
      200,
    );
    expectStatus(await other.programme_admin!.post(acceptance('state'), {}), 200);
    const open = expectStatus(await municipal.programme_admin!.post<Programme>(acceptance('municipal'), {}), 200).body;
    expect(open.status).toBe('open');
    expect(open.parties).toEqual({ federal: federal.id, state: other.id, municipal: municipal.id });

    const log = expectStatus(
      await admin().get<Page<AuditRecord>>(`/v1/audit-log?resourceType=programme&resourceId=${opened.id}&limit=100`),
      200,
    ).body;
    expect(log.items.map((record) => record.action).reverse()).toEqual([
      'programme.created',
      'programme.party-accepted',
      'programme.party-declined',
      'programme.party-invited',
      'programme.party-accepted',
      'programme.party-accepted',
    ]);
    expect(log.items.at(-2)).toMatchObject({ organisationId: federal.id, details: { comment: 'Convenio 2026-01' } });
  });

  it("binds the creator's own organisation at once; lists invitations an organisation has not answered", async () => {
    const opened = await openedBy(federal, 'own-party');
    expect(opened.invitations.map((i) => [i.party, i.status])).toEqual([
      ['federal', 'accepted'],
      ['state', 'invited'],
      ['municipal', 'invited'],
    ]);
    expect(opened.pools!.map((pool) => pool.party)).toEqual(['federal']);
    const pending = expectStatus(
      await state.programme_admin!.get<Page<Programme>>('/v1/programmes?invitation=pending&limit=100'),
      200,
    ).body;
    expect(pending.items.map((p) => p.code)).toContain('own-party');
    const none = expectStatus(
      await federal.programme_admin!.get<Page<Programme>>('/v1/programmes?invitation=pending&limit=100'),
      200,
    ).body;
    expect(none.items.map((p) => p.code)).not.toContain('own-party');
  });
});

describe('programme codes and administrators', () => {
  it('lets a programme_admin key open a programme only under a code reserved for its organisation', async () => {
    const squat = await expectNothingChanged(database.sql, undefined, () =>
      attacker.programme_admin!.post<Problem>('/v1/programmes', programmeBody('tres-por-uno-zacatecas')),
    );
    expectStatus(squat, 403);
    expect(squat.body).toMatchObject({ type: 'urn:cofund:problem:code-not-reserved' });
    expect(squat.body.errors).toEqual([expect.objectContaining({ field: 'body.code' })]);

    await reserve(state.id, 'tres-por-uno-zacatecas');
    // Reserved for the state: nobody else takes it, not even the platform administrator for another.
    expectStatus(
      await expectNothingChanged(database.sql, undefined, () =>
        attacker.programme_admin!.post('/v1/programmes', programmeBody('tres-por-uno-zacatecas')),
      ),
      403,
    );
    expectStatus(
      await expectNothingChanged(database.sql, undefined, () =>
        admin().post('/v1/programmes', { ...programmeBody('tres-por-uno-zacatecas'), administrator: attacker.id }),
      ),
      409,
    );
    expectStatus(
      await admin().post('/v1/organisations/' + attacker.id + '/programme-codes', { code: 'tres-por-uno-zacatecas' }),
      409,
    );
    expectStatus(await state.programme_admin!.post('/v1/programmes', programmeBody('tres-por-uno-zacatecas')), 201);
    const listed = expectStatus(
      await state.programme_admin!.get<{ items: Array<{ code: string; programmeId: string | null }> }>(
        `/v1/organisations/${state.id}/programme-codes`,
      ),
      200,
    ).body;
    expect(listed.items).toEqual([
      expect.objectContaining({ code: 'tres-por-uno-zacatecas', programmeId: expect.any(String) }),
    ]);
    // Only the administrator reserves; another organisation's codes are not visible.
    expectStatus(
      await state.programme_admin!.post(`/v1/organisations/${state.id}/programme-codes`, { code: 'mine' }),
      403,
    );
    expectStatus(await attacker.programme_admin!.get(`/v1/organisations/${state.id}/programme-codes`), 404);
  });

  it('refuses an administrator that may not administer; names unknown and invisible organisations alike', async () => {
    const association = await organisation(app, 'An association', 'association', ['applicant']);
    const asAdministrator = await expectNothingChanged(database.sql, undefined, () =>
      admin().post<Problem>('/v1/programmes', { ...programmeBody('by-an-association'), administrator: association.id }),
    );
    expectStatus(asAdministrator, 422);
    expect(asAdministrator.body.errors).toEqual([
      {
        field: 'body.administrator',
        message:
          `no organisation ${association.id} of kind government, guarantee_fund, bank ` +
          '(unknown, or of another kind)',
      },
    ]);
    expectStatus(
      await admin().post(`/v1/organisations/${association.id}/programme-codes`, { code: 'by-an-association' }),
      422,
    );

    // A programme_admin key naming a real association and a random id as parties learns nothing
    // that tells them apart.
    await reserve(attacker.id, 'probe');
    const random = '00000000-0000-4000-8000-000000000001';
    const probe = await expectNothingChanged(database.sql, undefined, () =>
      attacker.programme_admin!.post<Problem>(
        '/v1/programmes',
        programmeBody('probe', { federal: association.id, state: random, municipal: municipal.id }),
      ),
    );
    expectStatus(probe, 422);
    const messages = Object.fromEntries(probe.body.errors!.map((e) => [e.field, e.message]));
    expect(messages['body.parties.federal']!.replace(association.id, 'ID')).toBe(
      messages['body.parties.state']!.replace(random, 'ID'),
    );
    expect(Object.keys(messages)).toEqual(['body.parties.federal', 'body.parties.state']);
  });
});
