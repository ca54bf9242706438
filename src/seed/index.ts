import { connect } from '../db';
import { applyMigrations } from '../db/migrate';
import { loadRuleDirectory } from '../rules/load-directory';
import { type EmbeddedServer, startEmbeddedPostgres } from '../runtime/embedded-postgres';
import { assertEmbeddedClusterFree } from './cluster';
import { seedDemo } from './demo';
import { formatGuide } from './guide';

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
    await assertEmbeddedClusterFree(dataDir);
    embedded = await startEmbeddedPostgres(dataDir, { persistent: true, onError: (message) => console.error(message) });
    url = embedded.url;
    target = `the embedded PostgreSQL in ${dataDir}/`;
  }
  try {
    await applyMigrations(url);
    const database = connect(url, { max: 2 });
    try {
      const rules = await loadRuleDirectory(process.env.COFUND_RULES_DIR ?? 'rules');
      const result = await seedDemo(database.db, rules);
      console.log(
        formatGuide(result, {
          target,
          baseUrl: `http://localhost:${process.env.PORT ?? 8787}`,
          adminTokenSet: Boolean(process.env.COFUND_ADMIN_TOKEN),
        }),
      );
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
