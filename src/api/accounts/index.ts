import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './accounts.handlers';
import * as routes from './accounts.routes';

export const accountsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.getAccount, handlers.getAccount)
  .openapi(routes.getBalance, handlers.getBalance);
