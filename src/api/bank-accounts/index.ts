import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './bank-accounts.handlers';
import * as routes from './bank-accounts.routes';

export const bankAccountsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.registerBankAccount, handlers.registerBankAccount)
  .openapi(routes.getBankAccount, handlers.getBankAccount)
  .openapi(routes.listProgrammeBankAccounts, handlers.listProgrammeBankAccounts)
  .openapi(routes.saveCsvMapping, handlers.saveCsvMapping)
  .openapi(routes.importStatement, handlers.importStatement);
