import { createMiddleware } from 'hono/factory';
import { authenticate } from '../../auth';
import type { AppEnv } from '../context';
import { problemResponse } from '../problem';

/** Every /v1 call carries `Authorization: Bearer <key>`; the actor it names is set on the context. */
export const requireBearer = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    return problemResponse(
      c,
      401,
      'unauthenticated',
      'Send an API key as "Authorization: Bearer <key>".',
      {},
      { 'www-authenticate': 'Bearer' },
    );
  }
  const actor = await authenticate(c.var.db, match[1]!, c.var.deps.adminToken);
  if (!actor) {
    return problemResponse(
      c,
      401,
      'unauthenticated',
      'The API key is unknown or revoked.',
      {},
      { 'www-authenticate': 'Bearer' },
    );
  }
  c.set('actor', actor);
  await next();
});
