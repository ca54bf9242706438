import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema, NameSchema, PageQuerySchema, bearerSecurity, errorResponses, json } from '../schemas';

export const ORGANISATION_KINDS = [
  'association',
  'federation',
  'investor',
  'government',
  'bank',
  'guarantee_fund',
  'auditor',
] as const;
export const KEY_ROLES = ['applicant', 'approver', 'programme_admin', 'auditor'] as const;

export const OrganisationSchema = z
  .object({ id: z.uuid(), name: z.string(), kind: z.enum(ORGANISATION_KINDS), createdAt: z.iso.datetime() })
  .openapi('Organisation');

export const NewOrganisationSchema = z
  .object({
    name: NameSchema,
    kind: z.enum(ORGANISATION_KINDS, { error: `one of ${ORGANISATION_KINDS.join(', ')}` }),
  })
  .strict()
  .openapi('NewOrganisation');

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    role: z.enum(KEY_ROLES),
    label: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the key, to recognise it' }),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi('ApiKey');

export const IssuedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: 'The key itself. Shown once, stored only as a hash: keep it now.' }),
}).openapi('IssuedApiKey');

export const NewApiKeySchema = z
  .object({
    role: z.enum(KEY_ROLES, { error: `one of ${KEY_ROLES.join(', ')}` }),
    label: NameSchema.optional(),
  })
  .strict()
  .openapi('NewApiKey');

const tags = ['Organisations and keys'];

export const createOrganisation = createRoute({
  method: 'post',
  path: '/v1/organisations',
  operationId: 'createOrganisation',
  tags,
  summary: 'Register an organisation (administrator)',
  security: bearerSecurity,
  request: { body: { content: { 'application/json': { schema: NewOrganisationSchema } }, required: true } },
  responses: { 201: json(OrganisationSchema, 'Registered'), ...errorResponses },
});

export const listOrganisations = createRoute({
  method: 'get',
  path: '/v1/organisations',
  operationId: 'listOrganisations',
  tags,
  summary: 'Organisations: all for administrators and auditors, your own otherwise',
  security: bearerSecurity,
  request: { query: PageQuerySchema },
  responses: {
    200: json(
      z.object({ items: z.array(OrganisationSchema), nextCursor: z.string().nullable() }),
      'A page, newest first',
    ),
    ...errorResponses,
  },
});

export const getOrganisation = createRoute({
  method: 'get',
  path: '/v1/organisations/{id}',
  operationId: 'getOrganisation',
  tags,
  summary: 'One organisation',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(OrganisationSchema, 'The organisation'), ...errorResponses },
});

export const issueApiKey = createRoute({
  method: 'post',
  path: '/v1/organisations/{id}/api-keys',
  operationId: 'issueApiKey',
  tags,
  summary: 'Issue an API key with a role (administrator); the key is returned once',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    body: { content: { 'application/json': { schema: NewApiKeySchema } }, required: true },
  },
  responses: { 201: json(IssuedApiKeySchema, 'Issued'), ...errorResponses },
});

export const listApiKeys = createRoute({
  method: 'get',
  path: '/v1/organisations/{id}/api-keys',
  operationId: 'listApiKeys',
  tags,
  summary: "An organisation's keys, without their secrets (administrator)",
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(z.object({ items: z.array(ApiKeySchema) }), 'Keys, newest first'), ...errorResponses },
});

export const revokeApiKey = createRoute({
  method: 'post',
  path: '/v1/api-keys/{id}/revoke',
  operationId: 'revokeApiKey',
  tags,
  summary: 'Revoke a key at once (administrator)',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(ApiKeySchema, 'Revoked'), ...errorResponses },
});
