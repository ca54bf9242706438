import type { Transport } from './client';

export interface PageReply {
  status: number;
  html: string;
  headers: Headers;
  /** Where a 3xx points. */
  location: string | null;
}

/**
 * A browser without a browser, for tests through `app.request()`: keeps cookies, posts forms
 * url-encoded with the page's CSRF token, does not follow redirects.
 */
export function browserClient(app: Transport, origin = 'http://localhost') {
  const cookies = new Map<string, string>();
  let csrf = '';
  const send = async (method: string, path: string, body?: URLSearchParams, headers: Record<string, string> = {}) => {
    const sent: Record<string, string> = { ...headers };
    if (cookies.size > 0) sent.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (body) sent['content-type'] = 'application/x-www-form-urlencoded';
    const response = await app.request(new URL(path, origin).toString(), {
      method,
      headers: sent,
      redirect: 'manual',
      ...(body ? { body: body.toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/max-age=0/i.test(line) || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html);
    if (token) csrf = token[1]!;
    return { status: response.status, html, headers: response.headers, location: response.headers.get('location') };
  };
  return {
    cookies,
    get csrf() {
      return csrf;
    },
    get: (path: string, headers?: Record<string, string>): Promise<PageReply> => send('GET', path, undefined, headers),
    /** Posts a form with this browser's CSRF token (unless `_csrf` is given, or `withoutCsrf`). */
    post: (
      path: string,
      fields: Record<string, string>,
      options: { withoutCsrf?: boolean; headers?: Record<string, string> } = {},
    ): Promise<PageReply> => {
      const form = new URLSearchParams(options.withoutCsrf ? fields : { _csrf: csrf, ...fields });
      return send('POST', path, form, options.headers);
    },
  };
}

/** The invitation token of an invitation URL. */
export const invitationPath = (url: string) => new URL(url).pathname;
