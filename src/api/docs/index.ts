import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { problemResponse } from '../problem';

/*
 * The interactive API reference (Scalar), served whole from this origin: ministry networks are
 * often closed, and a script from a CDN without an integrity check is a script anyone on that path
 * may change. The script is Scalar's standalone bundle from its npm package (the runtime reads or
 * bundles it: AppDependencies.apiReferenceScript), at a URL carrying its digest, cached for a year
 * and loaded with Subresource Integrity. Scalar's web fonts are not loaded (system fonts instead).
 */

export function docsRouter(script: string | undefined) {
  const router = new Hono<AppEnv>();
  if (script === undefined) {
    router.get('/docs', (c) =>
      problemResponse(c, 404, 'not-found', 'This runtime was started without the API reference script.'),
    );
    return router;
  }
  const digest = createHash('sha384').update(script).digest();
  const integrity = `sha384-${digest.toString('base64')}`;
  const path = `/docs/scalar-${digest.toString('hex').slice(0, 16)}.js`;
  const configuration = JSON.stringify({ url: '/openapi.json', withDefaultFonts: false, telemetry: false });
  const page = `<!doctype html>
<html lang="en">
  <head>
    <title>cofund API</title>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
  </head>
  <body>
    <div id="app"></div>
    <script src="${path}" integrity="${integrity}" crossorigin="anonymous"></script>
    <script>Scalar.createApiReference('#app', ${configuration})</script>
  </body>
</html>
`;
  router.get('/docs', (c) => c.html(page, 200, { 'cache-control': 'no-cache' }));
  router.get(path, (c) =>
    c.body(script, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      // The URL changes with the script: a year, never revalidated.
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    }),
  );
  return router;
}
