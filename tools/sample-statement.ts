import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openBenchDatabase } from '../bench/support/database';
import { createApp } from '../src/api/app';
import { sealPending } from '../src/ledger';
import { loadRuleDirectory } from '../src/rules/load-directory';
import { runSampleProject } from './sample-project';

/*
 * `npm run sample:statement`: sample documents in samples/ (git-ignored), from a real ledger. A
 * throwaway database (on the DATABASE_URL server, else an embedded PostgreSQL in a temporary folder)
 * gets a whole Tres por Uno project run through the HTTP API (tools/sample-project.ts); the documents are
 * then asked for over HTTP as an auditor would, the database is altered behind the API's back to
 * show a broken chain, and dropped. Every run gives the same documents but for the instants, ids
 * and keys it prints (new entries are booked each time).
 */

const directory = 'samples';
const adminToken = `cfa_${randomBytes(24).toString('base64url')}`;
const database = await openBenchDatabase(4);
try {
  const app = createApp({
    database: { open: () => ({ db: database.db, release: () => {} }) },
    rules: await loadRuleDirectory('rules'),
    adminToken,
  });
  const project = await runSampleProject(app, adminToken, '3x1-zac-2014');
  await sealPending(database.db);
  await mkdir(directory, { recursive: true });
  const save = async (name: string, path: string) => {
    const response = await app.request(path, { headers: { authorization: `Bearer ${project.keys.auditor}` } });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    await writeFile(join(directory, name), new Uint8Array(await response.arrayBuffer()));
  };
  const application = `/v1/statements/applications/${project.applicationId}`;
  await save('application-statement-es-MX.pdf', `${application}.pdf`);
  await save('application-statement-en.pdf', `${application}.pdf?locale=en`);
  await save('application-statement.csv', `${application}.csv`);
  await save('application-statement.json', `${application}.json`);
  const midProject = `from=${project.marks.contributed.toISOString()}&to=${project.marks.secondTranche.toISOString()}`;
  await save('application-statement-tranches-only-fr-MA.pdf', `${application}.pdf?${midProject}&locale=fr-MA`);
  await save('programme-statement-es-MX.pdf', `/v1/statements/programmes/${project.programme.id}.pdf`);
  await save('trial-balance-es-MX.pdf', `/v1/statements/trial-balance.pdf?programme=${project.programme.id}`);
  await save('decision-letter-es-MX.pdf', `/v1/applications/${project.applicationId}/decision-letter.pdf`);

  // As the table owner with the append-only guards off: rewrite a sealed contribution's memo.
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`
      UPDATE journal_entries SET memo = 'aportación en efectivo'
      WHERE id = (SELECT min(id) FROM journal_entries WHERE kind = 'contribution')`);
  });
  await save('application-statement-chain-broken-es-MX.pdf', `${application}.pdf`);
  console.log(`sample documents of application ${project.applicationId} written to ${directory}/`);
} finally {
  await database.dispose();
}
