import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './organisations.handlers';
import * as routes from './organisations.routes';

export const organisationsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.createOrganisation, handlers.createOrganisation)
  .openapi(routes.listOrganisations, handlers.listOrganisations)
  .openapi(routes.getOrganisation, handlers.getOrganisation)
  .openapi(routes.issueApiKey, handlers.issueApiKey)
  .openapi(routes.listApiKeys, handlers.listApiKeys)
  .openapi(routes.revokeApiKey, handlers.revokeApiKey);
