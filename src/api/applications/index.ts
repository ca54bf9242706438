import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './applications.handlers';
import * as routes from './applications.routes';

// Registered one statement at a time: a chain of this many typed routes is too much for the compiler.
export const applicationsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
// A filing with its papers (multipart/form-data) is streamed by hand; a JSON filing goes on to the typed route.
applicationsRouter.post('/v1/programmes/:id/applications', handlers.fileWithDocuments);
applicationsRouter.openapi(routes.fileApplication, handlers.fileApplication);
applicationsRouter.openapi(routes.listApplications, handlers.listApplications);
applicationsRouter.openapi(routes.getApplication, handlers.getApplication);
applicationsRouter.openapi(routes.applicationAccounts, handlers.applicationAccounts);
applicationsRouter.openapi(routes.decideApplication, handlers.decideApplication);
applicationsRouter.openapi(routes.recordContribution, handlers.recordContribution);
applicationsRouter.openapi(routes.refund, handlers.refund);
applicationsRouter.openapi(routes.cancel, handlers.cancel);
applicationsRouter.openapi(routes.close, handlers.close);
applicationsRouter.openapi(routes.clawback, handlers.clawback);
