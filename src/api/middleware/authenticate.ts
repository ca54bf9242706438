import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { authenticate } from '../../auth';
import { activeSession } from '../../people/service';
import { SESSION_COOKIE } from '../../portal/session';
import type { AppEnv } from '../context';
import { problemResponse } from '../problem';

const unauthenticated = (c: Context<AppEnv>, detail: string) =>
  problemResponse(c, 401, 'unauthenticated', detail, {}, { 'www-authenticate': 'Bearer' });

/**
 * Every /v1 call carries `Authorization: Bearer <key>`; the actor it names is set on the context.
 * A client address with too many failed attempts in the window is refused (429) before any lookup,
 * valid key or not, until the window ends: guessing keys costs a window per few tries.
 */
export const requireBearer = createMiddleware<AppEnv>(async (c, next) => {
  const failures = c.var.guards.authFailures;
  const client = c.var.deps.clientAddress?.(c) ?? 'unknown';
  const wait = failures.retryAfter(client);
  if (wait > 0) {
    return problemResponse(
      c,
      429,
      'too-many-failed-authentications',
      `Too many failed authentications from this address; try again in ${wait} s.`,
      {},
      { 'retry-after': String(wait) },
    );
  }
  const header = c.req.header('authorization') ?? '';
  // A signed-in browser may read (the portal's download links); writing through /v1 needs a key.
  const session = header === '' && c.req.method === 'GET' ? getCookie(c, SESSION_COOKIE) : undefined;
  if (session) {
    const person = await activeSession(c.var.db, session, c.var.deps.clock?.() ?? new Date());
    if (person) {
      c.set('actor', person.actor);
      return next();
    }
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    failures.fail(client);
    return unauthenticated(c, 'Send an API key as "Authorization: Bearer <key>".');
  }
  const now = (c.var.deps.clock?.() ?? new Date()).getTime();
  const actor = await authenticate(c.var.db, match[1]!, c.var.deps.adminToken, { keys: c.var.guards.apiKeys, now });
  if (!actor) {
    failures.fail(client);
    return unauthenticated(c, 'The API key is unknown or revoked.');
  }
  c.set('actor', actor);
  await next();
});
