import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIENT_DIR, generateClient } from '../../tools/openapi/client';
import { openApiDocument } from '../../tools/openapi/document';

/*
 * The client package (clients/typescript) against the document it was generated from. The usage
 * file is the integrators' example (examples/approve-tranche.ts, shown in docs/integrating.md): it
 * reads fields of a response. A response schema changed on the server without regenerating the
 * client must be caught twice: the committed files differ from a fresh generation, and the usage no
 * longer compiles against that fresh generation.
 */
const TSC = path.resolve('node_modules/typescript/bin/tsc');
const run = promisify(execFile);
const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((folder) => rm(folder, { recursive: true, force: true }))));

/** `tsc -p <project>`: its exit code and what it printed. */
async function tsc(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [TSC, ...args]);
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** A copy of the client package with the generated files replaced, resolving packages from the repository. */
async function packageWith(files: Map<string, string>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'cofund-client-compile-'));
  scratch.push(folder);
  for (const part of ['src', 'examples', 'tsconfig.json', 'package.json'])
    await cp(path.join(CLIENT_DIR, part), path.join(folder, part), { recursive: true });
  for (const [name, text] of files) await writeFile(path.join(folder, name), text);
  await symlink(path.resolve('node_modules'), path.join(folder, 'node_modules'), 'dir');
  return folder;
}

type Json = Record<string, unknown>;
/** The document with one property of decideTranche's 200 response schema renamed (`status` -> `state`). */
function withRenamedResponseField(document: Json, from: string, to: string): Json {
  const changed = structuredClone(document) as {
    paths: Record<string, Record<string, { responses: Record<string, { content: Json }> }>>;
    components: { schemas: Record<string, { properties: Json; required: string[] }> };
  };
  const media = changed.paths['/v1/tranches/{id}/approvals']!.post!.responses['200']!.content['application/json'];
  const ref = (media as { schema: { $ref: string } }).schema.$ref;
  const schema = changed.components.schemas[ref.split('/').pop()!]!;
  expect(schema.properties).toHaveProperty(from);
  schema.properties = Object.fromEntries(
    Object.entries(schema.properties).map(([name, value]) => [name === from ? to : name, value]),
  );
  schema.required = schema.required.map((name) => (name === from ? to : name));
  return changed;
}

describe('the TypeScript client (clients/typescript)', () => {
  it('is what a fresh generation from the document writes (npm run client:check)', async () => {
    const fresh = await generateClient(await openApiDocument());
    for (const [name, text] of fresh) expect(await readFile(path.join(CLIENT_DIR, name), 'utf8'), name).toBe(text);
  });

  it('builds on its own, and its example type-checks against the committed client', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'cofund-client-build-'));
    scratch.push(out);
    const build = await tsc('-p', path.join(CLIENT_DIR, 'tsconfig.json'), '--outDir', out);
    expect(build.output).toBe('');
    expect(build.code).toBe(0);
    for (const file of ['index.js', 'index.d.ts', 'schema.d.ts', 'operations.js'])
      expect((await stat(path.join(out, file))).isFile(), file).toBe(true);
    const usage = await tsc('-p', path.join(CLIENT_DIR, 'examples/tsconfig.json'));
    expect(usage.output).toBe('');
    expect(usage.code).toBe(0);
  });

  it('breaks when a response schema changes and the client is not regenerated', async () => {
    const changed = await generateClient(withRenamedResponseField(await openApiDocument(), 'status', 'state'));
    // The committed client is now stale: client:check would fail on it ...
    const committed = await readFile(path.join(CLIENT_DIR, 'src/schema.ts'), 'utf8');
    expect(changed.get('src/schema.ts')).not.toBe(committed);
    // ... and the usage, written against the old response, no longer compiles against the new one.
    const folder = await packageWith(changed);
    const usage = await tsc('-p', path.join(folder, 'examples/tsconfig.json'));
    expect(usage.code).not.toBe(0);
    expect(usage.output).toMatch(/examples\/approve-tranche\.ts\(\d+,\d+\): error TS\d+: .*'status'/);
  });
});
