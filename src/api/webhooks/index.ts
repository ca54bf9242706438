import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './webhooks.handlers';
import * as routes from './webhooks.routes';

export const webhooksRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.createWebhook, handlers.createWebhook)
  .openapi(routes.listWebhooks, handlers.listWebhooks)
  .openapi(routes.getWebhook, handlers.getWebhook)
  .openapi(routes.enableWebhook, handlers.enableWebhook)
  .openapi(routes.disableWebhook, handlers.disableWebhook)
  .openapi(routes.listWebhookDeliveries, handlers.listWebhookDeliveries)
  .openapi(routes.getWebhookDelivery, handlers.getWebhookDelivery)
  .openapi(routes.replayWebhookDelivery, handlers.replayWebhookDelivery);
