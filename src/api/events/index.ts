import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './events.handlers';
import * as routes from './events.routes';

export const eventsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  routes.listEvents,
  handlers.listEvents,
);
