import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './ledger.handlers';
import * as routes from './ledger.routes';

export const ledgerRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.listEntries, handlers.listEntries)
  .openapi(routes.trialBalance, handlers.trialBalance)
  .openapi(routes.verify, handlers.verify);
