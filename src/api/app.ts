import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { CofundError } from '../errors';
import type { AppDependencies, AppEnv } from './context';
import { accountsRouter } from './accounts';
import { auditRouter } from './audit';
import { bankAccountsRouter } from './bank-accounts';
import { healthRouter } from './health';
import { ledgerRouter } from './ledger';
import { docsRouter } from './docs';
import { requireBearer } from './middleware/authenticate';
import { createGuards, requestGuards } from './middleware/guards';
import { redactError } from './redact';
import { organisationsRouter } from './organisations';
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
  app.use('*', async (c, next) => {
    const { db, release } = deps.database.open(c);
    c.set('db', db);
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
  app.route('/', ruleSetsRouter);
  app.route('/', accountsRouter);
  app.route('/', ledgerRouter);
  app.route('/', auditRouter);
  app.route('/', programmesRouter);
  app.route('/', applicationsRouter);
  app.route('/', tranchesRouter);
  app.route('/', statementsRouter);
  app.route('/', bankAccountsRouter);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key issued to an organisation (cfk_...), or the platform administrator token.',
  });
  app.doc31('/openapi.json', openApiHeader);
  app.route('/', docsRouter(deps.apiReferenceScript));

  app.notFound((c) => problemResponse(c, 404, 'not-found', `No route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof CofundError) {
      return problemResponse(c, error.status, error.code, error.message, {
        ...(error.errors.length > 0 ? { errors: error.errors } : {}),
        ...error.extra,
      });
    }
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(c, error.status, 'bad-request', error.message || 'The request could not be read');
    }
    // Anything else is a bug: log it here (secrets and personal data redacted), tell the client nothing.
    const reference = c.var.requestId ?? crypto.randomUUID();
    console.error(`[cofund] unhandled error ${reference} on ${c.req.method} ${c.req.path}:`, redactError(error));
    return problemResponse(c, 500, 'internal', `An unexpected error occurred (reference ${reference}).`);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
