import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './tranches.handlers';
import * as routes from './tranches.routes';

export const tranchesRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.requestTranche, handlers.requestTranche)
  .openapi(routes.getTranche, handlers.getTranche)
  .openapi(routes.decideTranche, handlers.decideTranche);
