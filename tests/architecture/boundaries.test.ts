import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The import rules of docs/architecture.md, checked on the source text: every import of every file
 * under src/, resolved to the folder it reaches (src/<concern>) or the package it names.
 */
const SRC = path.resolve('src');

interface Import {
  file: string;
  /** 'src/ledger', 'src/workflow/chart', ... for relative imports; the package name otherwise. */
  target: string;
  relative: boolean;
}

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return Promise.resolve(/\.(ts|tsx|mjs)$/.test(entry.name) ? [full] : []);
    }),
  );
  return nested.flat();
}

async function imports(): Promise<Import[]> {
  const found: Import[] = [];
  for (const file of await sourceFiles(SRC)) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/g)) {
      const specifier = match[1]!;
      const relative = specifier.startsWith('.');
      const target = relative
        ? path
            .relative(path.dirname(SRC), path.resolve(path.dirname(file), specifier))
            .split(path.sep)
            .join('/')
        : specifier;
      found.push({ file: path.relative(path.dirname(SRC), file).split(path.sep).join('/'), target, relative });
    }
  }
  return found;
}

/** Entry points: they assemble the app or drive it (the seed runs the API in process), so they may reach the API. */
const ENTRY_POINTS = ['src/api/', 'src/portal/', 'src/runtime/', 'src/seed/', 'src/cli/'];
const isEntryPoint = (file: string) => ENTRY_POINTS.some((folder) => file.startsWith(folder));
const concernOf = (target: string) => target.split('/').slice(0, 2).join('/');
const offending = (all: Import[], from: (file: string) => boolean, refused: (i: Import) => boolean) =>
  all.filter((i) => from(i.file) && refused(i)).map((i) => `${i.file} -> ${i.target}`);

describe('layers (docs/architecture.md)', () => {
  it('the ledger depends only on the database, money, hashing and error types', async () => {
    const allowed = new Set(['src/ledger', 'src/db', 'src/money', 'src/hashing', 'src/errors']);
    const all = await imports();
    expect(
      offending(
        all,
        (file) => file.startsWith('src/ledger/'),
        (i) => i.relative && !allowed.has(concernOf(i.target)),
      ),
    ).toEqual([]);
  });

  it('the ledger schema stands alone: src/db/schema/ledger.ts imports no other table', async () => {
    const all = await imports();
    expect(
      offending(
        all,
        (file) => file === 'src/db/schema/ledger.ts',
        (i) => i.relative,
      ),
    ).toEqual([]);
  });

  it('the ledger knows nothing of programmes or applications: their owners live in the chart of accounts', async () => {
    const mentions: string[] = [];
    for (const file of await sourceFiles(path.join(SRC, 'ledger'))) {
      const text = await readFile(file, 'utf8');
      for (const [index, line] of text.split('\n').entries()) {
        if (/programme|application/i.test(line))
          mentions.push(`${path.relative(SRC, file)}:${index + 1}: ${line.trim()}`);
      }
    }
    const schema = await readFile(path.join(SRC, 'db/schema/ledger.ts'), 'utf8');
    expect(schema).not.toMatch(/programme|application|organisation/i);
    expect(mentions).toEqual([]);
  });

  it('only the API, the portal and the runtimes know Hono', async () => {
    const all = await imports();
    expect(
      offending(
        all,
        (file) => !['src/api/', 'src/portal/', 'src/runtime/'].some((edge) => file.startsWith(edge)),
        (i) => !i.relative && /^(hono|@hono\/)/.test(i.target),
      ),
    ).toEqual([]);
  });

  it('the domain never imports the API', async () => {
    const all = await imports();
    expect(
      offending(
        all,
        (file) => !isEntryPoint(file),
        (i) => i.relative && concernOf(i.target) === 'src/api',
      ),
    ).toEqual([]);
  });

  it('the API and the portal reach the workflow through its public surface only', async () => {
    const all = await imports();
    expect(
      offending(
        all,
        (file) => file.startsWith('src/api/') || file.startsWith('src/portal/'),
        (i) => i.relative && i.target.startsWith('src/workflow/'),
      ),
    ).toEqual([]);
  });

  it('nothing in src imports tests, tools or benches; only the seed imports the shipped client', async () => {
    const all = await imports();
    const client = (i: Import) => i.target.startsWith('clients/typescript/src/');
    expect(
      offending(
        all,
        () => true,
        (i) => i.relative && !i.target.startsWith('src/') && !client(i),
      ),
    ).toEqual([]);
    expect(
      offending(
        all,
        (file) => !file.startsWith('src/seed/'),
        (i) => i.relative && client(i),
      ),
    ).toEqual([]);
  });
});
