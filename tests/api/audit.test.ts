import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRouter } from '../../src/api/audit';
import type { AuditRecord, Page, Problem } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { organisationWithKey } from '../support/keys';
import type { OpenApiDocument } from '../support/openapi';

type Organisation = Awaited<ReturnType<typeof organisationWithKey>>;

let database: TestDatabase;
let admin: ReturnType<typeof client>;
let auditor: Organisation;
let strangers: Organisation[];
let club: Organisation;
let betweenOrganisations: Date;

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((error) => error.field).sort();
const auditRows = async () =>
  ((await database.db.execute(sql`SELECT count(*)::int AS count FROM audit_log`)) as unknown as [{ count: number }])[0]
    .count;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = client(await createTestApp(database.db), ADMIN_TOKEN);
  auditor = await organisationWithKey(admin, 'auditor', 'auditor', 'Auditoría Superior');
  club = await organisationWithKey(admin, 'association', 'applicant', 'Club Jerez');
  await pause();
  betweenOrganisations = new Date();
  await pause();
  strangers = [
    await organisationWithKey(admin, 'federation', 'applicant'),
    await organisationWithKey(admin, 'government', 'approver'),
    await organisationWithKey(admin, 'bank', 'programme_admin'),
  ];
});
afterAll(() => database.close());

describe('GET /v1/audit-log', () => {
  it('gives auditors who did what, when, with which key, newest first', async () => {
    const reply = await auditor.as.get<Page<AuditRecord>>('/v1/audit-log?limit=100');
    expect(reply.status).toBe(200);
    expect(reply.body.items).toHaveLength(await auditRows());
    const ids = reply.body.items.map((record) => BigInt(record.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    const created = reply.body.items.find(
      (record) => record.action === 'organisation.created' && record.resourceId === club.id,
    )!;
    expect(created).toMatchObject({
      actorKind: 'admin',
      organisationId: null,
      apiKeyId: null,
      resourceType: 'organisation',
      details: { name: 'Club Jerez', kind: 'association' },
    });
    expect(new Date(created.at).toISOString()).toBe(created.at);
    expect(created.requestId).toEqual(expect.any(String));
    expect((await admin.get('/v1/audit-log')).status).toBe(200);
  });

  it('filters by resource and by time: from inclusive, to exclusive', async () => {
    const clubRecords = await auditor.as.get<Page<AuditRecord>>(
      `/v1/audit-log?resourceType=organisation&resourceId=${club.id}`,
    );
    expect(clubRecords.body.items.map((record) => record.action)).toEqual(['organisation.created']);
    const keys = await auditor.as.get<Page<AuditRecord>>('/v1/audit-log?resourceType=api-key&limit=100');
    expect(keys.body.items.length).toBe(5);
    expect(keys.body.items.every((record) => record.action === 'api-key.issued')).toBe(true);

    const before = await auditor.as.get<Page<AuditRecord>>(
      `/v1/audit-log?to=${betweenOrganisations.toISOString()}&limit=100`,
    );
    const after = await auditor.as.get<Page<AuditRecord>>(
      `/v1/audit-log?from=${betweenOrganisations.toISOString()}&limit=100`,
    );
    expect(before.body.items.map((record) => record.resourceId)).toContain(club.id);
    expect(after.body.items.map((record) => record.resourceId)).not.toContain(club.id);
    expect(before.body.items.length + after.body.items.length).toBe(await auditRows());
  });

  it('pages with an opaque cursor, never repeating or skipping a record', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } =
        await auditor.as.get(`/v1/audit-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((record) => record.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(await auditRows());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('403 for keys that are not auditors, even about their own organisation; 401 without a key', async () => {
    for (const stranger of [...strangers, club]) {
      const reply = await stranger.as.get<Problem>(`/v1/audit-log?resourceType=organisation&resourceId=${stranger.id}`);
      expect(reply.status).toBe(403);
      expect(reply.body.type).toBe('urn:cofund:problem:forbidden');
    }
    expect((await admin.as('').get('/v1/audit-log')).status).toBe(401);
  });

  it('422 naming each invalid query field, and reading writes nothing', async () => {
    const rows = await auditRows();
    const cases: Array<[string, string[]]> = [
      ['limit=abc', ['query.limit']],
      ['limit=1000', ['query.limit']],
      ['from=yesterday', ['query.from']],
      ['to=2026-02-30T00:00:00Z', ['query.to']],
      ['resourceType=', ['query.resourceType']],
      ['cursor=%%%', ['query.cursor']],
      [`cursor=${btoa('seq:99999999999999999999')}`, ['query.cursor']],
      [`from=${betweenOrganisations.toISOString()}&to=2000-01-01T00:00:00Z`, ['query.to']],
    ];
    for (const [query, expected] of cases) {
      const reply = await auditor.as.get<Problem>(`/v1/audit-log?${query}`);
      expect(reply.status, query).toBe(422);
      expect(fields(reply.body), query).toEqual(expected);
    }
    expect(await auditRows()).toBe(rows);
  });

  it('is documented', () => {
    const document = auditRouter.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'audit', version: '1' },
    }) as OpenApiDocument;
    expect(document.paths['/v1/audit-log']!.get!.parameters.map((p) => p.name).sort()).toEqual([
      'cursor',
      'from',
      'limit',
      'resourceId',
      'resourceType',
      'to',
    ]);
    expect(document.components.schemas.AuditRecord!.required).toEqual(
      expect.arrayContaining(['id', 'at', 'actorKind', 'action', 'resourceType', 'resourceId']),
    );
  });
});
