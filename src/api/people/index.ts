import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import * as handlers from './people.handlers';
import * as routes from './people.routes';

export const peopleRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.inviteUser, handlers.inviteUser)
  .openapi(routes.listUsers, handlers.listUsers)
  .openapi(routes.reinviteUser, handlers.reinviteUser);
