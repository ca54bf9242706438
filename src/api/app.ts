import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { databaseOutage } from '../db/faults';
import { CofundError } from '../errors';
import { LedgerError } from '../ledger';
import type { AppDependencies, AppEnv } from './context';
import { accountsRouter } from './accounts';
import { auditRouter } from './audit';
import { bankAccountsRouter } from './bank-accounts';
import { healthRouter } from './health';
import { ledgerRouter } from './ledger';
import { docsRouter } from './docs';
import { documentsRouter } from './documents';
import { eventsRouter } from './events';
import { webhooksRouter } from './webhooks';
import { ledgerStatus } from './ledger-errors';
import { requireBearer } from './middleware/authenticate';
import { deadline, DEFAULT_DEADLINES, RETRY_AFTER_SECONDS } from './middleware/deadline';
import { createGuards, requestGuards } from './middleware/guards';
import { redactError } from './redact';
import { organisationsRouter } from './organisations';
import { peopleRouter } from './people';
import { portalRouter } from '../portal';
import { programmesRouter } from './programmes';
import { applicationsRouter } from './applications';
import { tranchesRouter } from './tranches';
import { problemResponse } from './problem';
import { ruleSetsRouter } from './rule-sets';
import { statementsRouter } from './statements';
import { validationHook } from './validation';

export const API_VERSION = '0.1.0';

/** The document's own fields; its operations come from the routes. docs/integrating.md explains them. */
const openApiHeader = {
  openapi: '3.1.0',
  info: {
    title: 'cofund API',
    version: API_VERSION,
    description:
      'Diaspora matching-grant and co-investment funds: declarative co-funding rules applied to project ' +
      'applications, every movement of money recorded in a double-entry ledger.',
    // No licence has been granted for cofund yet (package.json: UNLICENSED); the document says so.
    license: { name: 'Proprietary, all rights reserved', identifier: 'LicenseRef-cofund-proprietary' },
  },
  // Relative: every deployment serves its API at the origin that serves this document.
  servers: [{ url: '/', description: 'The server that serves this document' }],
};

/** The one Hono app, whatever the runtime: Node and Workers entry points only supply dependencies. */
export function createApp(deps: AppDependencies) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', requestGuards(app, createGuards(deps.limits)));
  app.use('*', deadline({ ...DEFAULT_DEADLINES, ...deps.deadlines }));
  app.use('*', async (c, next) => {
    const { db, release } = deps.database.open(c);
    c.set('db', db);
    c.set('reportsDb', deps.reportsDb ?? db);
    c.set('deps', deps);
    try {
      await next();
    } finally {
      await release();
    }
    c.header('x-request-id', c.var.requestId);
  });
  app.use('/v1/*', requireBearer);

  app.route('/', healthRouter);
  app.route('/', organisationsRouter);
  app.route('/', peopleRouter);
  app.route('/', ruleSetsRouter);
  app.route('/', accountsRouter);
  app.route('/', ledgerRouter);
  app.route('/', auditRouter);
  app.route('/', programmesRouter);
  app.route('/', applicationsRouter);
  app.route('/', tranchesRouter);
  app.route('/', statementsRouter);
  app.route('/', bankAccountsRouter);
  app.route('/', documentsRouter);
  app.route('/', eventsRouter);
  app.route('/', webhooksRouter);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key issued to an organisation (cfk_...), or the platform administrator token.',
  });
  app.doc31('/openapi.json', openApiHeader);
  app.route('/', docsRouter(deps.apiReferenceScript));
  app.route('/', portalRouter);

  app.notFound((c) => problemResponse(c, 404, 'not-found', `No route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof CofundError || (error instanceof LedgerError && ledgerStatus(error) < 500)) {
      const [status, extra] =
        error instanceof CofundError ? [error.status, error.extra] : [ledgerStatus(error), error.details];
      return problemResponse(c, status, error.code, error.message, {
        ...(error.errors.length > 0 ? { errors: error.errors } : {}),
        ...extra,
      });
    }
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(c, error.status, 'bad-request', error.message || 'The request could not be read');
    }
    const outage = databaseOutage(error);
    if (outage) {
      // Not a bug: one line, no stack, no query parameters.
      const reference = c.var.requestId ?? crypto.randomUUID();
      console.error(`[cofund] database unavailable (${outage}) on ${c.req.method} ${c.req.path}, request ${reference}`);
      return problemResponse(
        c,
        503,
        'database-unavailable',
        'The database is not available right now. If this request moves money its outcome is unknown: retry it ' +
          'with the same Idempotency-Key, which applies it once or replays it.',
        {},
        { 'retry-after': String(RETRY_AFTER_SECONDS) },
      );
    }
    // Anything else is a bug: log it here (secrets and personal data redacted), tell the client nothing.
    const reference = c.var.requestId ?? crypto.randomUUID();
    console.error(`[cofund] unhandled error ${reference} on ${c.req.method} ${c.req.path}:`, redactError(error));
    return problemResponse(c, 500, 'internal', `An unexpected error occurred (reference ${reference}).`);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
