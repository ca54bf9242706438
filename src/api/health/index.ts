import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import { healthHandler } from './health.handlers';
import { health } from './health.routes';

export const healthRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(health, healthHandler);
