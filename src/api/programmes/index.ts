import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './programmes.handlers';
import * as routes from './programmes.routes';

export const programmesRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.createProgramme, handlers.createProgramme)
  .openapi(routes.listProgrammes, handlers.listProgrammes)
  .openapi(routes.getProgramme, handlers.getProgramme)
  .openapi(routes.fundBudget, handlers.fundBudget)
  .openapi(routes.acceptParty, handlers.acceptParty)
  .openapi(routes.declineParty, handlers.declineParty)
  .openapi(routes.inviteParty, handlers.inviteParty)
  .openapi(routes.reserveCode, handlers.reserveCode)
  .openapi(routes.listCodes, handlers.listCodes);
