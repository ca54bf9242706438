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
  .openapi(routes.importStatement, handlers.importStatement)
  .openapi(routes.runMatching, handlers.runMatching)
  .openapi(routes.openItems, handlers.openItems)
  .openapi(routes.matchByHand, handlers.matchByHand)
  .openapi(routes.undoMatch, handlers.undoMatch)
  .openapi(routes.postLineEntry, handlers.postLineEntry)
  .openapi(routes.getReconciliation, handlers.getReconciliation)
  // The report as a file: `reconciliation.{json,csv,pdf}` in one segment (documented on the route above).
  .get('/v1/bank-accounts/:id/:file{reconciliation\\.(?:json|csv|pdf)}', handlers.reconciliationFile);
