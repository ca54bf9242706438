import { randomBytes } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { organisations } from '../src/db/schema';
import { recordEvent } from '../src/events';
import { createWebhook, startWebhookDelivery } from '../src/webhooks';
import { nodeSender } from '../src/webhooks/node-sender';
import { openBenchDatabase, percentile, printTable } from './support/database';

/*
 * `npm run bench:events`: signed webhook delivery to a loopback receiver (docs/events.md).
 *
 * On a database of its own, one organisation subscribes one endpoint to `budget.funded`. Then:
 * - backlog: BENCH_EVENTS (10,000) events committed first, in transactions of 500, then the Node
 *   delivery worker (the one `npm start` runs) drains them: events/s from its start to the last receipt;
 * - live: the same number of events committed while the worker runs, BENCH_EVENTS_BATCH (20) per
 *   transaction every 50 ms: the lag of each event from its commit to its receipt, p50/p99/max.
 * The receiver answers 204 at once, so the figures are cofund's: numbering, fan-out, signing, HTTP.
 */

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const LIVE_BATCH = Number(process.env.BENCH_EVENTS_BATCH ?? 20);
const LIVE_EVERY_MS = 50;

interface Receiver {
  url: string;
  /** When each event id (webhook-id) arrived first, in ms since the epoch, with its payload's batch. */
  received: Map<string, { at: number; batch: number }>;
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received = new Map<string, { at: number; batch: number }>();
  let waiting: { count: number; resolve: () => void } | undefined;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = Date.now();
      const id = String(request.headers['webhook-id']);
      const batch = Number(JSON.parse(Buffer.concat(chunks).toString()).data.batch);
      if (!received.has(id)) received.set(id, { at, batch });
      response.writeHead(204).end();
      if (waiting && received.size >= waiting.count) waiting.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    waitFor: (count) =>
      received.size >= count ? Promise.resolve() : new Promise((resolve) => (waiting = { count, resolve })),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Commits `count` budget.funded events of batch `batch` in one transaction; returns its commit time. */
async function commitEvents(
  db: Awaited<ReturnType<typeof openBenchDatabase>>['db'],
  orgId: string,
  count: number,
  batch: number,
) {
  await db.transaction(async (tx) => {
    for (let i = 0; i < count; i += 1)
      await recordEvent(tx, {
        type: 'budget.funded',
        occurredAt: new Date(),
        organisationIds: [orgId],
        payload: { organisationId: orgId, amount: '1000.00', batch },
      });
  });
  return Date.now();
}

async function main() {
  const database = await openBenchDatabase(8);
  const receiver = await startReceiver();
  const secretKey = randomBytes(32).toString('base64url');
  const policy = { allowLoopback: true };
  try {
    const { db } = database;
    const [organisation] = await db.insert(organisations).values({ name: 'Bench bank', kind: 'bank' }).returning();
    await createWebhook(
      db,
      { actor: { kind: 'admin' }, now: new Date() },
      { ...policy, secretKey },
      { url: receiver.url, events: ['budget.funded'], organisationId: organisation!.id },
    );
    const worker = () =>
      startWebhookDelivery(db, { sender: nodeSender(policy), secretKey, everyMs: 20, onError: console.error });

    // Backlog: everything committed before the worker starts.
    for (let done = 0; done < EVENTS; done += 500)
      await commitEvents(db, organisation!.id, Math.min(500, EVENTS - done), -1);
    const drainStart = Date.now();
    const draining = worker();
    await receiver.waitFor(EVENTS);
    const drainMs = Date.now() - drainStart;
    await draining.stop();

    // Live: events keep committing while the worker runs; each batch's commit time is its events' start.
    const commits: number[] = [];
    const live = worker();
    const before = receiver.received.size;
    const liveStart = Date.now();
    for (let done = 0; done < EVENTS; done += LIVE_BATCH) {
      const tick = Date.now();
      const count = Math.min(LIVE_BATCH, EVENTS - done);
      commits.push(await commitEvents(db, organisation!.id, count, commits.length));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, LIVE_EVERY_MS - (Date.now() - tick))));
    }
    await receiver.waitFor(before + EVENTS);
    const liveMs = Date.now() - liveStart;
    await live.stop();

    // Each live event names its batch: its lag is its receipt less that batch's commit.
    const lags = [...receiver.received.values()]
      .filter((receipt) => receipt.batch >= 0)
      .map((receipt) => receipt.at - commits[receipt.batch]!)
      .sort((a, b) => a - b);
    printTable([
      {
        run: 'backlog',
        events: EVENTS,
        seconds: (drainMs / 1000).toFixed(1),
        'events/s': Math.round((EVENTS * 1000) / drainMs),
        'lag p50 ms': '-',
        'lag p99 ms': '-',
        'lag max ms': '-',
      },
      {
        run: `live (${LIVE_BATCH} per ${LIVE_EVERY_MS} ms)`,
        events: EVENTS,
        seconds: (liveMs / 1000).toFixed(1),
        'events/s': Math.round((EVENTS * 1000) / liveMs),
        'lag p50 ms': percentile(lags, 50),
        'lag p99 ms': percentile(lags, 99),
        'lag max ms': lags.at(-1)!,
      },
    ]);
  } finally {
    await receiver.close();
    await database.dispose();
  }
}

await main();
