import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import { healthHandler, readyHandler } from './health.handlers';
import { health, ready } from './health.routes';

export const healthRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(health, healthHandler)
  .openapi(ready, readyHandler);
