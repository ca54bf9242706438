import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './audit.handlers';
import * as routes from './audit.routes';

export const auditRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  routes.listAuditLog,
  handlers.listAuditLog,
);
