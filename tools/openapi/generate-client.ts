import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLIENT_DIR, generateClient } from './client';
import { openApiDocument } from './document';

/**
 * `npm run client:generate`: writes the generated files of clients/typescript from the app's OpenAPI
 * document (no server, no database). `npm run client:check` (`--check`): generates them into a
 * temporary folder instead and fails when a committed file differs, i.e. the client is stale.
 */
const check = process.argv.includes('--check');
const files = await generateClient(await openApiDocument());

if (!check) {
  for (const [name, text] of files) await writeFile(path.join(CLIENT_DIR, name), text);
  console.log(`client: wrote ${[...files.keys()].join(', ')} in ${path.relative(process.cwd(), CLIENT_DIR)}`);
} else {
  const fresh = await mkdtemp(path.join(tmpdir(), 'cofund-client-'));
  try {
    const stale: string[] = [];
    for (const [name, text] of files) {
      await writeFile(path.join(fresh, path.basename(name)), text);
      const committed = await readFile(path.join(CLIENT_DIR, name), 'utf8').catch(() => '');
      if (committed !== text) stale.push(name);
    }
    if (stale.length > 0) {
      console.error(
        `client: clients/typescript/${stale.join(', ')} differ from a fresh generation (in ${fresh}); ` +
          'run `npm run client:generate` and commit the result',
      );
      process.exitCode = 1;
    } else {
      console.log('client: the committed client matches a fresh generation');
    }
  } finally {
    if (!process.exitCode) await rm(fresh, { recursive: true, force: true });
  }
}
