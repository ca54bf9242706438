import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { TrieRouter } from 'hono/router/trie-router';
import { DEFAULT_KEY_CACHE_MS, KeyCache } from '../../auth';
import { DEFAULT_DOCUMENT_MAX_BYTES } from '../../documents/bytes';
import { STREAMED_OVERHEAD_BYTES, formDataBoundary } from '../../documents/multipart';
import { FORMS_WITH_FILES } from '../../portal/uploads';
import type { AppEnv, RequestLimits } from '../context';
import { ConcurrencySlots, FailureWindow } from '../limits';
import { problemResponse } from '../problem';

/*
 * What every request passes before any route: a request id of a safe shape, a body no larger than
 * its route allows, and a method the path has. Registered once, first, in app.ts.
 */

export const DEFAULT_LIMITS: RequestLimits = {
  bodyBytes: 1024 * 1024,
  authFailures: 20,
  authWindowMs: 60_000,
  rendersGlobal: 4,
  rendersPerCaller: 2,
  documentBytes: DEFAULT_DOCUMENT_MAX_BYTES,
  apiKeyCacheMs: DEFAULT_KEY_CACHE_MS,
};

/**
 * Routes that take larger bodies than `bodyBytes` ([method, path pattern, bytes]). A bank statement
 * is one file: a month of a busy pool in camt.053 runs to tens of megabytes.
 */
export const ROUTE_BODY_LIMITS: ReadonlyArray<readonly [string, string, number]> = [
  ['POST', '/v1/bank-accounts/:id/statements', 64 * 1024 * 1024],
];

/**
 * Routes whose handler streams the body and counts it against `documentBytes` (plus room for the
 * form) itself: hono's bodyLimit would buffer a chunked body whole. Here only a declared
 * Content-Length is judged, before anything is read.
 */
export const STREAMED_ROUTES: ReadonlyArray<readonly [string, string]> = [['POST', '/v1/applications/:id/documents']];
/**
 * Streamed like those when the body is multipart/form-data (a filing with its papers, the portal's
 * forms with files); a JSON or urlencoded body gets `bodyBytes`.
 */
export const STREAMED_FORM_ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['POST', '/v1/programmes/:id/applications'],
  ...FORMS_WITH_FILES,
];

/** What a client may send as X-Request-Id: an id of its own tracing system, nothing that could be markup. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface Guards {
  limits: RequestLimits;
  authFailures: FailureWindow;
  renders: ConcurrencySlots;
  /** API keys looked up lately (src/auth/key-cache.ts); a revocation through this app evicts at once. */
  apiKeys: KeyCache;
}

export function createGuards(limits: Partial<RequestLimits> = {}): Guards {
  const all = { ...DEFAULT_LIMITS, ...limits };
  return {
    limits: all,
    authFailures: new FailureWindow(all.authFailures, all.authWindowMs),
    renders: new ConcurrencySlots(all.rendersGlobal, all.rendersPerCaller),
    apiKeys: new KeyCache(all.apiKeyCacheMs),
  };
}

export function requestGuards(app: Hono<AppEnv>, guards: Guards): MiddlewareHandler<AppEnv> {
  const allowed = allowedMethods(app);
  const limited = ROUTE_BODY_LIMITS.map(([method, path, bytes]) => {
    const router = new TrieRouter<true>();
    router.add(method, path, true);
    return { router, method, limit: bodyLimit({ maxSize: bytes, onError: tooLarge(bytes) }) };
  });
  const streamed = new TrieRouter<true>();
  for (const [method, path] of STREAMED_ROUTES) streamed.add(method, path, true);
  const streamedForms = new TrieRouter<true>();
  for (const [method, path] of STREAMED_FORM_ROUTES) streamedForms.add(method, path, true);
  const streamedLimit = guards.limits.documentBytes + STREAMED_OVERHEAD_BYTES;
  const standard = bodyLimit({ maxSize: guards.limits.bodyBytes, onError: tooLarge(guards.limits.bodyBytes) });
  return async (c, next) => {
    const sent = c.req.header('x-request-id');
    c.set('requestId', sent !== undefined && SAFE_REQUEST_ID.test(sent) ? sent : crypto.randomUUID());
    c.set('guards', guards);
    c.header('x-request-id', c.var.requestId);
    const methods = allowed(c.req.path);
    if (methods.length > 0 && !methods.includes(c.req.method)) {
      return problemResponse(
        c,
        405,
        'method-not-allowed',
        `${c.req.path} does not answer ${c.req.method}`,
        {},
        {
          allow: methods.join(', '),
        },
      );
    }
    const streams =
      streamed.match(c.req.method, c.req.path)[0].length > 0 ||
      (formDataBoundary(c.req.header('content-type')) !== undefined &&
        streamedForms.match(c.req.method, c.req.path)[0].length > 0);
    if (streams) {
      const declared = Number(c.req.header('content-length') ?? 0);
      return declared > streamedLimit ? tooLarge(streamedLimit)(c) : next();
    }
    const route = limited.find((r) => r.router.match(c.req.method, c.req.path)[0].length > 0);
    return (route?.limit ?? standard)(c, next);
  };
}

const tooLarge = (bytes: number) => (c: Context) =>
  problemResponse(c, 413, 'body-too-large', `The request body is larger than this route accepts (${bytes} bytes).`, {
    limit: bytes,
  });

/** The methods the app answers on a path (GET implies HEAD), from its own route table. */
function allowedMethods(app: Hono<AppEnv>): (path: string) => string[] {
  let router: TrieRouter<string[]> | undefined;
  return (path) => {
    if (!router) {
      const byPath = new Map<string, Set<string>>();
      for (const route of app.routes) {
        if (route.method === 'ALL' || route.path.includes('*')) continue;
        const methods = byPath.get(route.path) ?? new Set<string>();
        methods.add(route.method);
        if (route.method === 'GET') methods.add('HEAD');
        byPath.set(route.path, methods);
      }
      router = new TrieRouter();
      for (const [routePath, methods] of byPath) router.add('ALL', routePath, [...methods]);
    }
    return [...new Set(router.match('ALL', path)[0].flatMap(([methods]) => methods))];
  };
}
