import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './statements.handlers';
import { LETTER_FORMATS, STATEMENT_FORMATS, documentRoutes } from './statements.routes';

export const statementsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
for (const route of documentRoutes) statementsRouter.openAPIRegistry.registerPath(route);

// The path is `{id}.{format}` in one segment (see ./statements.routes): the handler splits it.
statementsRouter.get('/v1/statements/accounts/:file', handlers.statement('account'));
statementsRouter.get('/v1/statements/applications/:file', handlers.statement('application'));
statementsRouter.get('/v1/statements/programmes/:file', handlers.statement('programme'));
for (const format of STATEMENT_FORMATS)
  statementsRouter.get(`/v1/statements/trial-balance.${format}`, handlers.trialBalance(format));
for (const format of LETTER_FORMATS)
  statementsRouter.get(`/v1/applications/:id/decision-letter.${format}`, handlers.letter(format));
