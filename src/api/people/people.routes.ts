import { createRoute, z } from '@hono/zod-openapi';
import { LOCALES } from '../../i18n';
import { KEY_ROLES } from '../organisations/organisations.routes';
import { IdParamSchema, NameSchema, bearerSecurity, errorResponses, json } from '../schemas';

export const UserSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(KEY_ROLES),
    locale: z.enum(LOCALES).nullable(),
    secondFactor: z.boolean().openapi({ description: 'Whether an authenticator app is enrolled' }),
    invitationPending: z.boolean().optional(),
    createdAt: z.iso.datetime(),
  })
  .openapi('User');

export const InvitedUserSchema = UserSchema.extend({
  invitationUrl: z.string().openapi({
    description: 'The one-time link (72 hours) that sets the password. Shown once: send it to the person.',
  }),
  invitationExpiresAt: z.iso.datetime(),
}).openapi('InvitedUser');

export const NewUserSchema = z
  .object({
    email: z.email({ error: 'must be an e-mail address' }).max(320, 'must be at most 320 characters'),
    name: NameSchema,
    role: z.enum(KEY_ROLES, { error: `one of ${KEY_ROLES.join(', ')}` }),
    locale: z.enum(LOCALES, { error: `one of ${LOCALES.join(', ')}` }).optional(),
  })
  .strict()
  .openapi('NewUser');

const tags = ['People'];

export const inviteUser = createRoute({
  method: 'post',
  path: '/v1/organisations/{id}/users',
  operationId: 'invitePerson',
  tags,
  summary: "Invite a person (administrator, or the organisation's programme_admin)",
  description: 'Returns the one-time link that sets their password, valid 72 hours.',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    body: { content: { 'application/json': { schema: NewUserSchema } }, required: true },
  },
  responses: { 201: json(InvitedUserSchema, 'Invited'), ...errorResponses },
});

export const listUsers = createRoute({
  method: 'get',
  path: '/v1/organisations/{id}/users',
  operationId: 'listPeople',
  tags,
  summary: "An organisation's people (administrator, or the organisation's programme_admin)",
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(z.object({ items: z.array(UserSchema) }), 'People, newest first'), ...errorResponses },
});

export const reinviteUser = createRoute({
  method: 'post',
  path: '/v1/users/{id}/invitation',
  operationId: 'reissueInvitation',
  tags,
  summary: 'A fresh invitation link; earlier unused links stop working',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 201: json(InvitedUserSchema, 'Invited again'), ...errorResponses },
});
