import { createRoute, z } from '@hono/zod-openapi';
import { EVENT_TYPES } from '../../events';
import { IdParamSchema, PageQuerySchema, UuidSchema, bearerSecurity, errorResponses, json } from '../schemas';

const tags = ['Webhooks'];

export const WebhookSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    url: z.url(),
    events: z.array(z.enum(EVENT_TYPES)).openapi({ description: 'The event types it receives' }),
    status: z.enum(['active', 'disabled']),
    disabledAt: z.iso.datetime().nullable(),
    disabledReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('Webhook');

export const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().openapi({
    description: 'The signing secret (whsec_ + base64), shown once: keep it now.',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  }),
}).openapi('CreatedWebhook');

const NewWebhookSchema = z
  .object({
    url: z.string().max(2000).openapi({ example: 'https://bank.example.org/cofund/webhooks' }),
    events: z.array(z.enum(EVENT_TYPES)).min(1).max(EVENT_TYPES.length),
    organisationId: UuidSchema.optional().openapi({
      description: "Whose webhook: the key's own organisation when omitted; the administrator must name one",
    }),
  })
  .openapi('NewWebhook');

export const WebhookAttemptSchema = z
  .object({
    at: z.iso.datetime(),
    statusCode: z.number().int().nullable().openapi({ description: 'Null when no answer came' }),
    latencyMs: z.number().int(),
    error: z.string().nullable().openapi({ example: 'timeout after 10000 ms' }),
    responseExcerpt: z.string().openapi({ description: "The start of the receiver's answer" }),
  })
  .openapi('WebhookAttempt');

export const WebhookDeliverySchema = z
  .object({
    id: z.uuid(),
    webhookId: z.uuid(),
    eventId: z.uuid().openapi({ description: 'Also the webhook-id header of every attempt' }),
    eventType: z.enum(EVENT_TYPES),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int().openapi({ description: 'Attempts in the current schedule (a replay starts a new one)' }),
    nextAttemptAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('WebhookDelivery');

export const DeliveryWithAttemptsSchema = WebhookDeliverySchema.extend({
  attemptLog: z.array(WebhookAttemptSchema),
}).openapi('WebhookDeliveryWithAttempts');

export const createWebhook = createRoute({
  method: 'post',
  path: '/v1/webhooks',
  operationId: 'createWebhook',
  tags,
  summary: 'Subscribe an endpoint to event types; the signing secret is returned once',
  description:
    'The organisation itself (any role but auditor) or the administrator. https only; URLs of loopback, ' +
    'private or link-local addresses are refused. It receives the events published from now on that the ' +
    'organisation may see (docs/events.md). 503 `webhooks-not-configured` while the server has no ' +
    'COFUND_SECRET_KEY to seal the secret with.',
  security: bearerSecurity,
  request: { body: { content: { 'application/json': { schema: NewWebhookSchema } }, required: true } },
  responses: { 201: json(CreatedWebhookSchema, 'Subscribed'), ...errorResponses },
});

export const listWebhooks = createRoute({
  method: 'get',
  path: '/v1/webhooks',
  operationId: 'listWebhooks',
  tags,
  summary: "The caller's organisation's webhooks, without their secrets",
  description: "The administrator and auditors see every organisation's, or the one named by `organisationId`.",
  security: bearerSecurity,
  request: {
    query: z.object({
      organisationId: UuidSchema.optional().openapi({ param: { name: 'organisationId', in: 'query' } }),
    }),
  },
  responses: {
    200: json(z.object({ items: z.array(WebhookSchema) }), 'Webhooks, newest first'),
    ...errorResponses,
  },
});

export const getWebhook = createRoute({
  method: 'get',
  path: '/v1/webhooks/{id}',
  operationId: 'getWebhook',
  tags,
  summary: 'A webhook, without its secret',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(WebhookSchema, 'The webhook'), ...errorResponses },
});

const statusRoute = (operationId: string, path: string, summary: string) =>
  createRoute({
    method: 'post',
    path,
    operationId,
    tags,
    summary,
    security: bearerSecurity,
    request: { params: IdParamSchema },
    responses: { 200: json(WebhookSchema, 'The webhook as it now is'), ...errorResponses },
  });

export const enableWebhook = statusRoute(
  'enableWebhook',
  '/v1/webhooks/{id}/enable',
  'Turn a webhook back on: what waited meanwhile is sent, with a fresh schedule of retries',
);

export const disableWebhook = statusRoute(
  'disableWebhook',
  '/v1/webhooks/{id}/disable',
  'Turn a webhook off: its deliveries wait until it is turned back on',
);

export const listWebhookDeliveries = createRoute({
  method: 'get',
  path: '/v1/webhooks/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags,
  summary: "A webhook's deliveries, newest first",
  security: bearerSecurity,
  request: { params: IdParamSchema, query: PageQuerySchema },
  responses: {
    200: json(
      z.object({ items: z.array(WebhookDeliverySchema), nextCursor: z.string().nullable() }),
      'A page, newest first',
    ),
    ...errorResponses,
  },
});

export const getWebhookDelivery = createRoute({
  method: 'get',
  path: '/v1/webhook-deliveries/{id}',
  operationId: 'getWebhookDelivery',
  tags,
  summary: 'A delivery and every attempt at it: status, latency, the start of the answer',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(DeliveryWithAttemptsSchema, 'The delivery'), ...errorResponses },
});

export const replayWebhookDelivery = createRoute({
  method: 'post',
  path: '/v1/webhook-deliveries/{id}/replay',
  operationId: 'replayWebhookDelivery',
  tags,
  summary: 'Send a delivery again (delivered or failed), with the same webhook-id',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 202: json(DeliveryWithAttemptsSchema, 'Due now'), ...errorResponses },
});
