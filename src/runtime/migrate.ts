import { applyMigrations } from '../db/migrate';

/**
 * `npm run db:migrate`: applies drizzle/ to DATABASE_URL and exits. The Node entry point migrates at
 * start; a Worker never does (no file system, and many isolates would race), so a Workers deployment
 * runs this from a machine or CI job before `wrangler deploy`.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("[cofund] DATABASE_URL is required: the PostgreSQL to migrate (Hyperdrive's origin database)");
  process.exit(2);
}
try {
  await applyMigrations(url);
  console.log(`[cofund] migrations applied to ${new URL(url).host}${new URL(url).pathname}`);
} catch (error) {
  console.error('[cofund] migration failed:', error instanceof Error ? error.message : error);
  process.exit(1);
}
