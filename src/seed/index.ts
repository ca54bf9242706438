import { connect } from '../db';
import { applyMigrations } from '../db/migrate';
import { loadRuleDirectory } from '../rules/load-directory';
import { EmbeddedClusterBusy, type EmbeddedServer, startEmbeddedPostgres } from '../runtime/embedded-postgres';
import { SeedError, seedDemo } from './demo';
import { formatGuide, formatPeople } from './guide';
import { seedPeople } from './people';

/**
 * `npm run seed`: the demo data (src/seed/demo.ts) in the database `npm start` uses -- DATABASE_URL,
 * or else the embedded PostgreSQL in ./.cofund (COFUND_DATA_DIR), started for the seed and stopped
 * after, migrated first exactly as `npm start` does.
 */
async function main() {
  let embedded: EmbeddedServer | undefined;
  let url = process.env.DATABASE_URL;
  let target: string;
  if (url) {
    const parsed = new URL(url);
    target = `${parsed.host}${parsed.pathname}`;
  } else {
    const dataDir = process.env.COFUND_DATA_DIR ?? '.cofund';
    embedded = await startEmbeddedPostgres(dataDir, {
      persistent: true,
      onError: (message) => console.error(message),
    }).catch((error: unknown) => {
      if (!(error instanceof EmbeddedClusterBusy)) throw error;
      throw new SeedError(
        `the embedded PostgreSQL in ${dataDir}/ is in use by process ${error.ownerPid}, most likely \`npm start\`. ` +
          'Stop it (Ctrl-C in its terminal) and run `npm run seed` again, then `npm start`; ' +
          'or seed a PostgreSQL of your own with DATABASE_URL=... npm run seed.',
      );
    });
    url = embedded.url;
    target = `the embedded PostgreSQL in ${dataDir}/`;
  }
  try {
    await applyMigrations(url);
    const database = connect(url, { max: 2 });
    try {
      const rules = await loadRuleDirectory(process.env.COFUND_RULES_DIR ?? 'rules');
      const result = await seedDemo(database.db, rules);
      const seeded = await seedPeople(database.db, new Date());
      const baseUrl = `http://localhost:${process.env.PORT ?? 8787}`;
      console.log(formatGuide(result, { target, baseUrl, adminTokenSet: Boolean(process.env.COFUND_ADMIN_TOKEN) }));
      console.log(`\n${formatPeople(seeded, baseUrl)}`);
    } finally {
      await database.close();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error('[cofund] seed failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
