import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './rule-sets.handlers';
import * as routes from './rule-sets.routes';

export const ruleSetsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.listRuleSets, handlers.listRuleSets)
  .openapi(routes.getRuleSet, handlers.getRuleSet)
  .openapi(routes.planWhatIf, handlers.planWhatIf);
