import { Hono, type Context, type Next } from 'hono';
import { every } from 'hono/combine';
import { CofundError } from '../errors';
import * as people from '../people/service';
import { STYLESHEET, SCRIPT } from './assets';
import type { PortalEnv } from './env';
import { Layout, navigation } from './layout';
import * as auth from './pages/auth';
import { registerProgrammeAdminPages } from './pages/programme-admin';
import { registerAdministratorPages } from './pages/administrator';
import { registerApplicantPages } from './pages/applicant';
import { registerApproverPages } from './pages/approver';
import { registerAuditorPages } from './pages/auditor';
import { registerReconciliationPages } from './pages/reconciliation';
import { notFoundPage, refusal } from './pages/errors';
import { portalSession } from './session';

/** Pages that need a signed-in person; others are sent to sign in. */
async function signedIn(c: Context<PortalEnv>, next: Next) {
  if (!c.var.person)
    return c.req.method === 'GET' ? c.redirect('/login', 303) : refusal(c, 401, c.var.texts.mustSignIn);
  await next();
}

async function home(c: Context<PortalEnv>) {
  const person = c.var.person;
  if (!person) return (await people.hasAdministrator(c.var.db)) ? c.redirect('/login', 303) : auth.firstRunPage(c);
  const t = c.var.texts;
  return c.html(
    <Layout c={c} title={t.welcome(person.user.name)}>
      {people.needsSecondFactor(person.user) && !person.user.totpConfirmedAt ? (
        <p class="warning">
          {t.secondFactorRequired} <a href="/account/second-factor">{t.enrolStart}</a>
        </p>
      ) : null}
      <ul>
        {navigation(c).map((item) => (
          <li>
            <a href={item.href}>{item.label}</a>
          </li>
        ))}
      </ul>
    </Layout>,
  );
}

const ACCOUNT_NOTICES = { saved: 'saved', 'second-factor': 'enrolled' } as const;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

const withHeaders = async (c: Context<PortalEnv>, next: Next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
};

/** The portal: server-rendered pages over the same domain services and authorization as /v1. */
export const portalRouter = new Hono<PortalEnv>()
  .get('/portal/style.css', (c) =>
    c.body(STYLESHEET, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }),
  )
  .get('/portal/enhance.js', (c) =>
    c.body(SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }),
  );

const page = [withHeaders, portalSession] as const;
portalRouter.get('/', ...page, home);
portalRouter.get('/login', ...page, (c) => auth.loginPage(c));
portalRouter.post('/login', ...page, auth.login);
portalRouter.post('/logout', ...page, auth.logout);
portalRouter.post('/setup', ...page, auth.setUp);
portalRouter.get('/invitations/:token', ...page, (c) => auth.invitationPage(c));
portalRouter.post('/invitations/:token', ...page, auth.acceptInvitation);
portalRouter.get('/account', ...page, signedIn, (c) => {
  const done = c.req.query('done') as keyof typeof ACCOUNT_NOTICES | undefined;
  return auth.accountPage(c, done && ACCOUNT_NOTICES[done] ? c.var.texts[ACCOUNT_NOTICES[done]] : undefined);
});
portalRouter.post('/account', ...page, signedIn, auth.saveAccount);
portalRouter.get('/account/second-factor', ...page, signedIn, (c) => auth.secondFactorPage(c));
portalRouter.post('/account/second-factor', ...page, signedIn, auth.confirmSecondFactor);

const signedInPage = every(withHeaders, portalSession, signedIn);
registerAuditorPages(portalRouter, signedInPage);
registerAdministratorPages(portalRouter, signedInPage);
registerProgrammeAdminPages(portalRouter, signedInPage);
registerReconciliationPages(portalRouter, signedInPage);
registerApproverPages(portalRouter, signedInPage);
registerApplicantPages(portalRouter, signedInPage);

/**
 * A person who follows a dead link gets a page in their language. Any other request goes on, to a
 * route registered after the portal or to the app's problem+json 404.
 */
const pageFrame = every(...page);
portalRouter.get('*', async (c, next) => {
  if (c.req.path.startsWith('/v1/') || !(c.req.header('accept') ?? '').includes('text/html')) return next();
  await pageFrame(c, async () => {
    c.res = await notFoundPage(c);
  });
  return c.res;
});

portalRouter.onError((error, c) => {
  if (error instanceof CofundError && c.var.texts) {
    if (error.status === 404) return notFoundPage(c);
    return refusal(c, error.status === 403 ? 403 : 422, error.message);
  }
  throw error;
});
