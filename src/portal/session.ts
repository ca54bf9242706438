import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { constantTimeEqual } from '../auth';
import { type MultipartPart, formDataBoundary, formLimits, readMultipart, readText } from '../documents';
import { isLocale, negotiateLocale } from '../i18n';
import { type User, activeSession, SESSION_ABSOLUTE_MS } from '../people/service';
import { newToken } from '../people/tokens';
import type { PortalEnv } from './env';
import { refusal } from './pages/errors';
import { TEXTS } from './texts';

export const SESSION_COOKIE = 'cofund_session';
export const CSRF_COOKIE = 'cofund_csrf';
export const CSRF_FIELD = '_csrf';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** HttpOnly and SameSite=Lax always; Secure everywhere but on this machine (plain http://localhost). */
export function cookieOptions(c: Context, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: !LOCAL_HOSTS.has(new URL(c.req.url).hostname),
    path: '/',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/** A browser says where a form came from; another host (or an opaque "null" origin) is refused. */
function crossSite(origin: string | undefined, url: string): boolean {
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== new URL(url).host;
  } catch {
    return true;
  }
}

export const now = (c: Context<PortalEnv>) => c.var.deps.clock?.() ?? new Date();

export function startSession(c: Context<PortalEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, cookieOptions(c, SESSION_ABSOLUTE_MS / 1000));
}

export function endSessionCookie(c: Context<PortalEnv>): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}

/** The reader's language: the person's setting, else the browser's Accept-Language, else English. */
export function useLocaleOf(c: Context<PortalEnv>, user: Pick<User, 'locale'> | undefined): void {
  const setting = user?.locale;
  const locale = isLocale(setting) ? setting : negotiateLocale(c.req.header('accept-language'), 'en');
  c.set('locale', locale);
  c.set('texts', TEXTS[locale]);
}

/**
 * What every portal route runs first: the signed-in person (or none), the reader's language (their
 * setting, else Accept-Language), and on every POST the CSRF check — the form's token must be this
 * browser's, and a cross-site Origin is refused — before any handler reads or writes anything.
 * A multipart form (one with files) is read as a stream: its text fields, the token among them,
 * come first and are read here; its files are left in the stream for the handler (src/portal/uploads.ts).
 */
export const portalSession = createMiddleware<PortalEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  const person = token ? await activeSession(c.var.db, token, now(c)) : undefined;
  if (token && !person) endSessionCookie(c);
  c.set('person', person);
  useLocaleOf(c, person?.user);
  let csrf = person?.session.csrfToken ?? getCookie(c, CSRF_COOKIE);
  if (!csrf) {
    csrf = newToken();
    setCookie(c, CSRF_COOKIE, csrf, cookieOptions(c));
  }
  c.set('csrf', csrf);
  c.header('cache-control', 'no-store');
  c.set('formParts', undefined);
  if (c.req.method !== 'POST') return next();
  if (crossSite(c.req.header('origin'), c.req.url)) return refusal(c, 403, c.var.texts.csrfRefused);
  const boundary = formDataBoundary(c.req.header('content-type'));
  if (boundary === undefined || !c.req.raw.body) {
    const form: Record<string, string> = {};
    for (const [name, value] of Object.entries(await c.req.parseBody()))
      if (typeof value === 'string') form[name] = value;
    if (!constantTimeEqual(form[CSRF_FIELD] ?? '', csrf)) return refusal(c, 403, c.var.texts.csrfRefused);
    c.set('form', form);
    return next();
  }
  const parts = readMultipart(c.req.raw.body, boundary, formLimits(c.var.guards.limits.documentBytes));
  try {
    const { form, firstFile } = await leadingFields(parts);
    // A token after a file is no token: nothing of the files is read before the check.
    if (!constantTimeEqual(form[CSRF_FIELD] ?? '', csrf)) return await refusal(c, 403, c.var.texts.csrfRefused);
    c.set('form', form);
    c.set('formParts', firstFile ? remainingParts(firstFile, parts) : undefined);
    await next();
  } finally {
    // Whatever the handler left unread is cancelled, not drained.
    await parts.return(undefined);
  }
});

/** A multipart form's text parts up to its first file part, which is handed back unread. */
async function leadingFields(parts: AsyncGenerator<MultipartPart>) {
  const form: Record<string, string> = {};
  for (;;) {
    const next = await parts.next();
    if (next.done) return { form, firstFile: undefined };
    if (next.value.filename !== undefined) return { form, firstFile: next.value };
    form[next.value.name] = await readText(next.value.body, next.value.name);
  }
}

async function* remainingParts(first: MultipartPart, parts: AsyncGenerator<MultipartPart>) {
  yield first;
  for (;;) {
    const next = await parts.next();
    if (next.done) return;
    yield next.value;
  }
}
