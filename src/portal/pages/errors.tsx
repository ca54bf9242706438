import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PortalEnv } from '../env';
import { Layout } from '../layout';

/** A page that refuses: not found, not allowed, a form that failed the CSRF check. */
export function refusal(c: Context<PortalEnv>, status: ContentfulStatusCode, message: string) {
  const t = c.var.texts;
  const title = status === 404 ? t.notFoundTitle : status === 403 ? t.forbiddenTitle : t.errorTitle;
  return c.html(
    <Layout c={c} title={title}>
      <p>{message}</p>
      <p>
        <a href="/">{t.home}</a>
      </p>
    </Layout>,
    status,
  );
}

export const notFoundPage = (c: Context<PortalEnv>) => refusal(c, 404, c.var.texts.notFound);
