import type { RouteHandler } from '@hono/zod-openapi';
import * as webhooks from '../../webhooks';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { decodeCursor, page } from '../pagination';
import { presented } from '../schemas';
import * as routes from './webhooks.routes';

const presentWebhook = (webhook: webhooks.Webhook) =>
  presented(routes.WebhookSchema, {
    id: webhook.id,
    organisationId: webhook.organisationId,
    url: webhook.url,
    events: webhook.eventTypes,
    status: webhook.status,
    disabledAt: webhook.disabledAt?.toISOString() ?? null,
    disabledReason: webhook.disabledReason,
    createdAt: webhook.createdAt.toISOString(),
  });

const presentDelivery = ({ delivery, eventType }: Omit<webhooks.DeliveryView, 'attempts'>) =>
  presented(routes.WebhookDeliverySchema, {
    id: delivery.id,
    webhookId: delivery.endpointId,
    eventId: delivery.eventId,
    eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
  });

const presentAttempt = (attempt: webhooks.DeliveryView['attempts'][number]) =>
  presented(routes.WebhookAttemptSchema, {
    at: attempt.attemptedAt.toISOString(),
    statusCode: attempt.statusCode,
    latencyMs: attempt.latencyMs,
    error: attempt.error,
    responseExcerpt: attempt.responseExcerpt,
  });

const presentWithAttempts = (view: webhooks.DeliveryView) =>
  presented(routes.DeliveryWithAttemptsSchema, {
    ...presentDelivery(view),
    attemptLog: view.attempts.map(presentAttempt),
  });

export const createWebhook: RouteHandler<typeof routes.createWebhook, AppEnv> = async (c) => {
  const settings = c.var.deps.webhooks ?? { allowLoopback: false };
  const { webhook, secret } = await webhooks.createWebhook(c.var.db, caller(c), settings, c.req.valid('json'));
  return c.json(presented(routes.CreatedWebhookSchema, { ...presentWebhook(webhook), secret }), 201);
};

export const listWebhooks: RouteHandler<typeof routes.listWebhooks, AppEnv> = async (c) => {
  const rows = await webhooks.listWebhooks(c.var.db, caller(c), c.req.valid('query').organisationId);
  return c.json({ items: rows.map(presentWebhook) }, 200);
};

export const getWebhook: RouteHandler<typeof routes.getWebhook, AppEnv> = async (c) =>
  c.json(presentWebhook(await webhooks.getWebhook(c.var.db, caller(c), c.req.valid('param').id)), 200);

const setStatus =
  (status: 'active' | 'disabled'): RouteHandler<typeof routes.enableWebhook, AppEnv> =>
  async (c) => {
    const webhook = await c.var.db.transaction((tx) =>
      webhooks.setWebhookStatus(tx, caller(c), c.req.valid('param').id, status),
    );
    return c.json(presentWebhook(webhook), 200);
  };

export const enableWebhook = setStatus('active');
export const disableWebhook = setStatus('disabled');

export const listWebhookDeliveries: RouteHandler<typeof routes.listWebhookDeliveries, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const rows = await webhooks.listDeliveries(c.var.db, caller(c), c.req.valid('param').id, limit, decodeCursor(cursor));
  const { items, nextCursor } = page(rows, limit, (row) => ({ at: row.delivery.createdAt, id: row.delivery.id }));
  return c.json({ items: items.map(presentDelivery), nextCursor }, 200);
};

export const getWebhookDelivery: RouteHandler<typeof routes.getWebhookDelivery, AppEnv> = async (c) =>
  c.json(presentWithAttempts(await webhooks.getDelivery(c.var.db, caller(c), c.req.valid('param').id)), 200);

export const replayWebhookDelivery: RouteHandler<typeof routes.replayWebhookDelivery, AppEnv> = async (c) => {
  const view = await c.var.db.transaction((tx) => webhooks.replayDelivery(tx, caller(c), c.req.valid('param').id));
  return c.json(presentWithAttempts(view), 202);
};
