import { createRoute, z } from '@hono/zod-openapi';
import { instantQuery } from '../instants';
import { PageQuerySchema, bearerSecurity, errorResponses, json, safeText } from '../schemas';

export const AuditRecordSchema = z
  .object({
    id: z.string().openapi({ example: '317' }),
    at: z.iso.datetime(),
    actorKind: z.string().openapi({ description: 'admin, or the role of the key used', example: 'approver' }),
    organisationId: z.uuid().nullable(),
    apiKeyId: z.uuid().nullable(),
    userId: z.uuid().nullable().openapi({ description: 'The person who acted, when signed in to the portal' }),
    action: z.string().openapi({ example: 'application.filed' }),
    resourceType: z.string().openapi({ example: 'application' }),
    resourceId: z.string(),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable().openapi({ description: 'The x-request-id of the request that made the change' }),
  })
  .openapi('AuditRecord');

export const listAuditLog = createRoute({
  method: 'get',
  path: '/v1/audit-log',
  operationId: 'listAuditRecords',
  tags: ['Audit'],
  summary: 'Who did what, when, with which key: every state change, newest first',
  description: 'Administrator and auditors only (403 for other keys). `from` is inclusive, `to` exclusive.',
  security: bearerSecurity,
  request: {
    query: PageQuerySchema.extend({
      resourceType: safeText(100)
        .optional()
        .openapi({ param: { name: 'resourceType', in: 'query' }, example: 'application' }),
      resourceId: safeText(200)
        .optional()
        .openapi({ param: { name: 'resourceId', in: 'query' } }),
      from: instantQuery('from', 'Recorded at or after this instant'),
      to: instantQuery('to', 'Recorded before this instant'),
    }),
  },
  responses: {
    200: json(
      z.object({ items: z.array(AuditRecordSchema), nextCursor: z.string().nullable() }),
      'A page, newest first',
    ),
    ...errorResponses,
  },
});
