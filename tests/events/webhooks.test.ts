import { createHmac } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { RETRY_SCHEDULE_MS, deliverDue, fetchSender } from '../../src/webhooks';
import { nodeSender } from '../../src/webhooks/node-sender';
import type { Problem } from '../support/api';
import { createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus, testClock } from '../support/workflow';
import { type World, file, threeByOneProgramme } from '../workflow/fixtures';

/**
 * Webhooks against a real HTTP receiver on loopback: signed per Standard Webhooks, retried on the
 * schedule, every attempt logged, replayed, a webhook disabled after three days of failures, and
 * private addresses refused.
 */
let database: TestDatabase;
let app: App;
let world: World;
const clock = testClock('2024-02-05T15:00:00Z');
const SECRET_KEY = 'test-secret-key-for-sealing-webhook-secrets';
const sender = nodeSender({ allowLoopback: true });
const pass = () => deliverDue(database.db, { sender, secretKey: SECRET_KEY, now: clock.now, timeoutMs: 400 });
const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms).toISOString());

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}
/** What the receiver does next, per path (each endpoint has its own); accepts by default. */
const behaviour = new Map<string, Array<'fail' | 'hang' | 'accept'>>();
const received: Received[] = [];
let receiverUrl = '';
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    const path = request.url ?? '';
    received.push({ path, headers: request.headers, body });
    const next = behaviour.get(path)?.shift() ?? 'accept';
    if (next === 'hang') return; // never answers: the attempt times out
    response.writeHead(next === 'fail' ? 500 : 204, { 'content-type': 'text/plain' });
    response.end(next === 'fail' ? 'boom: receiver down' : '');
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  database = await createTestDatabase();
  app = await createTestApp(database.db, {
    clock: clock.now,
    webhooks: { allowLoopback: true, secretKey: SECRET_KEY },
  });
  world = await threeByOneProgramme(app, 'hooks');
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await database.close();
});

interface Webhook {
  id: string;
  secret: string;
  status: string;
}
interface Delivery {
  id: string;
  eventId: string;
  status: string;
  attempts: number;
  attemptLog: Array<{ statusCode: number | null; latencyMs: number; error: string | null; responseExcerpt: string }>;
}

let subscribed = 0;
/** Subscribes the club's endpoint at a path of its own; `path` of the result is where it receives. */
async function subscribe(events: string[], script: Array<'fail' | 'hang' | 'accept'> = []) {
  const path = `/hooks/${++subscribed}`;
  behaviour.set(path, script);
  const url = receiverUrl + path.slice('/hooks'.length);
  const webhook = expectStatus(await world.club.applicant!.post<Webhook>('/v1/webhooks', { url, events }), 201).body;
  return { ...webhook, path, messages: () => received.filter((message) => message.path === path) };
}

/** The Standard Webhooks check, written from the specification (not with our signer). */
function verify(secret: string, message: Omit<Received, 'path'>) {
  const id = message.headers['webhook-id'] as string;
  const timestamp = message.headers['webhook-timestamp'] as string;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${message.body}`).digest('base64');
  return (message.headers['webhook-signature'] as string).split(' ').includes(`v1,${expected}`);
}

async function deliveriesOf(webhook: Webhook) {
  const page = expectStatus(
    await world.club.applicant!.get<{ items: Delivery[] }>(`/v1/webhooks/${webhook.id}/deliveries`),
    200,
  ).body;
  return Promise.all(
    page.items.map(
      async (item) =>
        expectStatus(await world.club.applicant!.get<Delivery>(`/v1/webhook-deliveries/${item.id}`), 200).body,
    ),
  );
}

describe('delivery', () => {
  it('fails twice, times out, then accepts: one delivery, four attempts on the schedule, each signed', async () => {
    const endpoint = await subscribe(['application.filed'], ['fail', 'fail', 'hang', 'accept']);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const shown = expectStatus(await world.club.applicant!.get<Webhook>(`/v1/webhooks/${endpoint.id}`), 200);
    expect(shown.body).not.toHaveProperty('secret');

    const filed = await file(world);
    expect((await pass()).attempted).toBe(1);
    // Not due again until the schedule says so.
    advance(RETRY_SCHEDULE_MS[0]! - 1000);
    expect((await pass()).attempted).toBe(0);
    advance(1000);
    expect((await pass()).attempted).toBe(1);
    advance(RETRY_SCHEDULE_MS[1]!);
    expect((await pass()).attempted).toBe(1);
    advance(RETRY_SCHEDULE_MS[2]!);
    expect(await pass()).toMatchObject({ attempted: 1, delivered: 1 });
    advance(RETRY_SCHEDULE_MS[3]!);
    expect((await pass()).attempted).toBe(0);

    const messages = endpoint.messages();
    expect(messages).toHaveLength(4);
    const ids = new Set(messages.map((message) => message.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const message of messages) {
      expect(verify(endpoint.secret, message)).toBe(true);
      expect(Math.abs(Number(message.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    }
    expect(verify(endpoint.secret, { ...messages[0]!, body: messages[0]!.body.replace('filed', 'filex') })).toBe(false);
    const body = JSON.parse(messages[3]!.body) as { id: string; type: string; data: { applicationId: string } };
    expect(body).toMatchObject({ type: 'application.filed', data: { applicationId: filed.id } });
    expect(body.id).toBe([...ids][0]);

    const [delivery, ...others] = await deliveriesOf(endpoint);
    expect(others).toEqual([]);
    expect(delivery).toMatchObject({ eventId: body.id, status: 'delivered', attempts: 4 });
    expect(delivery!.attemptLog.map((a) => [a.statusCode, a.error?.replace(/\d+/g, 'N') ?? null])).toEqual([
      [500, null],
      [500, null],
      [null, 'timeout after N ms'],
      [204, null],
    ]);
    expect(delivery!.attemptLog[0]!.responseExcerpt).toBe('boom: receiver down');
    expect(delivery!.attemptLog[2]!.latencyMs).toBeGreaterThanOrEqual(390);
  });

  it('replays a delivered delivery with the same webhook-id', async () => {
    const endpoint = await subscribe(['application.filed']);
    await file(world);
    await pass();
    const [delivery] = await deliveriesOf(endpoint);
    expect(delivery!.status).toBe('delivered');
    const replayed = expectStatus(
      await world.club.applicant!.post<Delivery>(`/v1/webhook-deliveries/${delivery!.id}/replay`),
      202,
    ).body;
    expect(replayed).toMatchObject({ status: 'pending', attempts: 0 });
    await pass();
    expect(endpoint.messages().map((m) => m.headers['webhook-id'])).toEqual([delivery!.eventId, delivery!.eventId]);
    const [after] = await deliveriesOf(endpoint);
    expect(after).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(after!.attemptLog).toHaveLength(2);
    // Someone else's delivery is not found; an auditor reads it but cannot replay it.
    expectStatus(await world.otherClub.applicant!.post(`/v1/webhook-deliveries/${delivery!.id}/replay`), 404);
    expectStatus(await world.auditor.auditor!.get(`/v1/webhook-deliveries/${delivery!.id}`), 200);
    expectStatus(await world.auditor.auditor!.post(`/v1/webhook-deliveries/${delivery!.id}/replay`), 403);
  });

  it('disables an endpoint after three days of failures and tells its organisation', async () => {
    const endpoint = await subscribe(['application.filed'], Array<'fail'>(RETRY_SCHEDULE_MS.length + 1).fill('fail'));
    const watcher = await subscribe(['webhook.disabled']);
    expectStatus(await world.club.applicant!.post(`/v1/webhooks/${watcher.id}/disable`), 200);
    await file(world);
    await pass();
    for (const wait of RETRY_SCHEDULE_MS) {
      advance(wait);
      await pass();
    }
    expect(endpoint.messages()).toHaveLength(RETRY_SCHEDULE_MS.length + 1);
    expect(RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0) / 3_600_000).toBeGreaterThan(70);
    const disabled = expectStatus(
      await world.club.applicant!.get<Webhook & { disabledReason: string }>(`/v1/webhooks/${endpoint.id}`),
      200,
    ).body;
    expect(disabled.status).toBe('disabled');
    const [delivery] = await deliveriesOf(endpoint);
    expect(delivery).toMatchObject({ status: 'failed', attempts: RETRY_SCHEDULE_MS.length + 1 });
    const feed = expectStatus(
      await world.club.applicant!.get<{ items: Array<{ payload: Record<string, unknown> }> }>(
        '/v1/events?type=webhook.disabled',
      ),
      200,
    ).body;
    expect(feed.items.map((event) => event.payload)).toEqual([
      { webhookId: endpoint.id, deliveryId: delivery!.id, eventId: delivery!.eventId },
    ]);
    // A disabled endpoint gets nothing, and its deliveries cannot be replayed until it is enabled.
    const before = endpoint.messages().length;
    await file(world);
    await pass();
    expect(endpoint.messages()).toHaveLength(before);
    expectStatus(await world.club.applicant!.post(`/v1/webhook-deliveries/${delivery!.id}/replay`), 409);
    expectStatus(await world.club.applicant!.post(`/v1/webhooks/${endpoint.id}/enable`), 200);
    await pass();
    expect(endpoint.messages()).toHaveLength(before + 1);
    expectStatus(await world.club.applicant!.post(`/v1/webhook-deliveries/${delivery!.id}/replay`), 202);
    await pass();
    expect(endpoint.messages()).toHaveLength(before + 2);
    expect((await deliveriesOf(endpoint)).map((d) => d.status)).toEqual(['delivered', 'delivered']);
  });
});

describe('what a subscription may name', () => {
  it.each([
    ['http://10.0.0.5/hooks', 'https'],
    ['https://10.0.0.5/hooks', 'private'],
    ['https://192.168.1.1/hooks', 'private'],
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://127.0.0.1/hooks', 'loopback'],
    ['https://localhost/hooks', 'loopback'],
    ['https://[::1]/hooks', 'loopback'],
    ['https://[fe80::1]/hooks', 'link-local'],
    ['https://[::ffff:127.0.0.1]/hooks', 'loopback'],
    ['https://user:pw@bank.example.org/hooks', 'credentials'],
    ['not a url', 'absolute'],
  ])('refuses %s', async (url, why) => {
    const strict = await createTestApp(database.db, {
      clock: clock.now,
      webhooks: { allowLoopback: false, secretKey: SECRET_KEY },
    });
    const refused = await client(strict, world.club.tokens.applicant!).post<Problem>('/v1/webhooks', {
      url,
      events: ['application.filed'],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.map((error) => error.field)).toEqual(['body.url']);
    expect(JSON.stringify(refused.body)).toContain(why);
  });

  it('refuses an unknown event type, naming the field', async () => {
    const refused = await world.club.applicant!.post<Problem>('/v1/webhooks', {
      url: receiverUrl,
      events: ['application.filed', 'application.exploded'],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.[0]?.field).toMatch(/^body\.events/);
  });

  it('refuses, at each attempt, a loopback host unless loopback is allowed (Node and Workers senders)', async () => {
    const port = (server.address() as AddressInfo).port;
    const count = received.length;
    for (const strictSender of [nodeSender({ allowLoopback: false }), fetchSender({ allowLoopback: false })])
      for (const host of ['localhost', '127.0.0.1', '[::1]']) {
        const result = await strictSender({ url: `http://${host}:${port}/x`, headers: {}, body: '{}', timeoutMs: 400 });
        expect(result).toMatchObject({ statusCode: null, error: expect.stringContaining('loopback') });
      }
    expect(received.length).toBe(count);
  });

  it('answers 503 webhooks-not-configured without COFUND_SECRET_KEY, and keeps the secret sealed with it', async () => {
    const unconfigured = await createTestApp(database.db, { clock: clock.now, webhooks: { allowLoopback: true } });
    const refused = await client(unconfigured, world.club.tokens.applicant!).post<Problem>('/v1/webhooks', {
      url: receiverUrl,
      events: ['application.filed'],
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.type).toBe('urn:cofund:problem:webhooks-not-configured');

    const webhook = await subscribe(['application.filed']);
    const [row] = await database.sql<Array<{ secret: string }>>`
      SELECT secret FROM webhook_endpoints WHERE id = ${webhook.id}`;
    expect(row!.secret).toMatch(/^sealed\.v1\./);
    expect(row!.secret).not.toContain(webhook.secret.slice('whsec_'.length));
    // Under another key nothing can be signed: the attempt fails, logged, and nothing is sent.
    await file(world);
    await deliverDue(database.db, { sender, secretKey: 'another-key-that-did-not-seal-these-secrets', now: clock.now });
    expect(webhook.messages()).toEqual([]);
    const [delivery] = await deliveriesOf(webhook);
    expect(delivery!.attemptLog.map((attempt) => attempt.error)).toEqual([expect.stringContaining('unsealed')]);
  });

  it('a webhook belongs to its organisation: others get 404, auditors read but cannot write', async () => {
    const webhook = await subscribe(['tranche.posted']);
    const subscription = { url: receiverUrl, events: ['tranche.posted'] };
    expectStatus(await world.otherClub.applicant!.get(`/v1/webhooks/${webhook.id}`), 404);
    expectStatus(await world.otherClub.applicant!.get(`/v1/webhooks/${webhook.id}/deliveries`), 404);
    expectStatus(await world.otherClub.applicant!.post(`/v1/webhooks/${webhook.id}/disable`), 404);
    expectStatus(await world.otherClub.applicant!.get(`/v1/webhooks?organisationId=${world.club.id}`), 404);
    expectStatus(
      await world.otherClub.applicant!.post('/v1/webhooks', { ...subscription, organisationId: world.club.id }),
      404,
    );
    const theirs = expectStatus(await world.otherClub.applicant!.get<{ items: Webhook[] }>('/v1/webhooks'), 200);
    expect(theirs.body.items.map((item) => item.id)).not.toContain(webhook.id);
    const ours = expectStatus(await world.club.applicant!.get<{ items: Webhook[] }>('/v1/webhooks'), 200);
    expect(ours.body.items.map((item) => item.id)).toContain(webhook.id);
    expect(ours.body.items.every((item) => !('secret' in item))).toBe(true);

    expectStatus(await world.auditor.auditor!.get(`/v1/webhooks/${webhook.id}`), 200);
    expectStatus(await world.auditor.auditor!.post('/v1/webhooks', subscription), 403);
    expectStatus(await world.auditor.auditor!.post(`/v1/webhooks/${webhook.id}/disable`), 403);
    expectStatus(await world.admin.post('/v1/webhooks', subscription), 422);
  });

  it('a foreign organisation receives nothing of events it may not see', async () => {
    const theirs = expectStatus(
      await world.otherClub.applicant!.post<Webhook>('/v1/webhooks', {
        url: receiverUrl,
        events: ['application.filed'],
      }),
      201,
    ).body;
    await file(world);
    await pass();
    const page = expectStatus(
      await world.otherClub.applicant!.get<{ items: Delivery[] }>(`/v1/webhooks/${theirs.id}/deliveries`),
      200,
    ).body;
    expect(page.items).toEqual([]);
  });
});
