import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { problemResponse } from '../problem';
import { validationHook } from '../validation';
import * as handlers from './documents.handlers';
import * as routes from './documents.routes';

export const documentsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

// Streamed both ways: documented from ./documents.routes, routed without zod-openapi's body parsing.
documentsRouter.openAPIRegistry.registerPath(routes.uploadDocument);
documentsRouter.openAPIRegistry.registerPath(routes.downloadDocument);
documentsRouter.post('/v1/applications/:id/documents', handlers.uploadDocument);
documentsRouter.get('/v1/documents/:id', handlers.downloadDocument);

documentsRouter.openapi(routes.listDocuments, handlers.listDocuments);
documentsRouter.openapi(routes.getDocument, handlers.getDocument);
documentsRouter.openapi(routes.withdrawDocument, handlers.withdrawDocument);
// Evidence is never removed: say what to do instead of a bare 405.
documentsRouter.delete('/v1/documents/:id', (c) =>
  problemResponse(
    c,
    405,
    'document-not-deletable',
    'Documents are never deleted; withdraw one with POST /v1/documents/{id}/withdrawal.',
    {},
    { allow: 'GET, HEAD' },
  ),
);
