import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { connect as connectSocket } from 'node:net';
import { inspect } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/api/app';
import type { Database } from '../../src/db';
import { freePort } from '../../src/runtime/embedded-postgres';
import { readNodeConfig } from '../../src/runtime/node-config';
import { clientAddressBehind, startHttpServer } from '../../src/runtime/node-http';
import type { BudgetResult, IssuedApiKey, Problem } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectNothingChanged, footprint } from '../support/footprint';
import { expectStatus } from '../support/workflow';
import { type World, threeByOneProgramme } from '../workflow/fixtures';

/**
 * Issue "hardening": failed authentications throttled per client address (and how that address is
 * known behind a proxy), the production administrator token, idempotency keys per organisation,
 * logs without secrets, Node's own refusals as problem+json, and the API reference served offline.
 */
let database: TestDatabase;
let app: App;
let world: World;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'hardening-runtime');
});
afterAll(() => database.close());
afterEach(() => vi.restoreAllMocks());

const asClient = (target: App, address: string, token: string) =>
  target.request('/v1/organisations', {
    headers: { authorization: `Bearer ${token}`, 'x-test-client': address },
  });

describe('failed authentication', () => {
  it('is throttled per client address: 429 with Retry-After, valid key or not, others unaffected', async () => {
    const throttled = await createTestApp(database.db, {
      clientAddress: (c) => c.req.header('x-test-client'),
      limits: { authFailures: 3, authWindowMs: 60_000 },
    });
    const before = await footprint(database.sql);
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await asClient(throttled, '198.51.100.1', `cfk_guess${attempt}`)).status).toBe(401);
    const blocked = await asClient(throttled, '198.51.100.1', 'cfk_guess4');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.headers.get('content-type')).toContain('application/problem+json');
    expect(((await blocked.json()) as Problem).type).toBe('urn:cofund:problem:too-many-failed-authentications');
    // Even the right key waits out the window from that address: guessing costs a window per few tries.
    expect((await asClient(throttled, '198.51.100.1', ADMIN_TOKEN)).status).toBe(429);
    expect((await asClient(throttled, '198.51.100.2', ADMIN_TOKEN)).status).toBe(200);
    expect(await footprint(database.sql)).toEqual(before);
  });

  it('counts the socket peer unless proxies are trusted, then the address the outermost trusted one saw', async () => {
    const served = async (trustedProxies: number) => {
      const behind = await createTestApp(database.db, {
        clientAddress: clientAddressBehind(trustedProxies),
        limits: { authFailures: 1 },
      });
      const port = await freePort();
      const server = startHttpServer(behind, { port, hostname: '127.0.0.1', maxHeaderBytes: 16 * 1024 });
      await new Promise((resolve) => server.once('listening', resolve));
      const from = (forwardedFor: string) =>
        fetch(`http://127.0.0.1:${port}/v1/organisations`, {
          headers: { authorization: 'Bearer cfk_wrong', 'x-forwarded-for': forwardedFor },
        }).then((response) => response.status);
      return { server, from };
    };
    const close = (server: Server) => new Promise((resolve) => server.close(resolve));

    // Trusting none: X-Forwarded-For is anyone's to write, so it changes nothing.
    const direct = await served(0);
    expect(await direct.from('203.0.113.7')).toBe(401);
    expect(await direct.from('203.0.113.8')).toBe(429);
    await close(direct.server);

    // One trusted proxy: the address it appended is the client's; what the client wrote before it is not.
    const proxied = await served(1);
    expect(await proxied.from('203.0.113.7')).toBe(401);
    expect(await proxied.from('203.0.113.8')).toBe(401);
    expect(await proxied.from('10.9.9.9, 203.0.113.7')).toBe(429);
    await close(proxied.server);
  });
});

describe('the administrator token', () => {
  const production = (token: string | undefined) => () =>
    readNodeConfig({ NODE_ENV: 'production', COFUND_ADMIN_TOKEN: token }, () => {});

  it('is required in production, at least 32 characters of high entropy', () => {
    expect(production(undefined)).toThrow(/must be set in production/);
    expect(production('s3cr3t-tok')).toThrow(/10 characters long; it needs at least 32/);
    expect(production('changeme-changeme-changeme-changeme')).toThrow(/repeats a piece of itself/);
    expect(production('abcdefghijklmnopqrstuvwxyz0123456789')).toThrow(/consecutive characters/);
    expect(production('ab'.repeat(8) + 'ba'.repeat(8) + 'abab')).toThrow(/COFUND_ADMIN_TOKEN/);
    expect(production(ADMIN_TOKEN)().adminToken).toBe(ADMIN_TOKEN);
    expect(production(createHash('sha256').update('random enough').digest('base64url'))).not.toThrow();
  });

  it('is generated, or a weak one used with a warning, in development', () => {
    const lines: string[] = [];
    expect(readNodeConfig({ COFUND_ADMIN_TOKEN: 'dev' }, (line) => lines.push(line)).adminToken).toBe('dev');
    expect(lines.join('\n')).toMatch(/warning: COFUND_ADMIN_TOKEN is 3 characters long/);
    const generated = readNodeConfig({}, () => {}).adminToken;
    expect(generated).toMatch(/^cfa_/);
  });

  it('refuses settings that are not whole numbers, naming them', () => {
    expect(() => readNodeConfig({ COFUND_TRUST_PROXY: 'yes', COFUND_ADMIN_TOKEN: ADMIN_TOKEN })).toThrow(
      /COFUND_TRUST_PROXY must be a whole number/,
    );
    expect(readNodeConfig({ COFUND_TRUST_PROXY: '2', COFUND_ADMIN_TOKEN: ADMIN_TOKEN }).trustedProxies).toBe(2);
  });
});

describe('idempotency keys', () => {
  it("are per organisation: its other key's retry replays, another role's key is refused", async () => {
    const second = expectStatus(
      await world.admin.post<IssuedApiKey>(`/v1/organisations/${world.federal.id}/api-keys`, {
        role: 'programme_admin',
        label: 'rotated',
      }),
      201,
    ).body;
    const budgets = `/v1/programmes/${world.programme.id}/budgets`;
    const body = { party: 'federal', amount: '7.00' };
    const key = { 'idempotency-key': 'budget-2026-q1' };
    const first = expectStatus(await world.federal.programme_admin!.post<BudgetResult>(budgets, body, key), 201);
    const retried = await expectNothingChanged(database.sql, undefined, () =>
      client(app, second.key).post<BudgetResult>(budgets, body, key),
    );
    expectStatus(retried, 201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.entryId).toBe(first.body.entryId);
    const otherRole = await expectNothingChanged(database.sql, undefined, () =>
      world.federal.approver!.post<Problem>(budgets, body, key),
    );
    expectStatus(otherRole, 422);
    expect(otherRole.body.type).toBe('urn:cofund:problem:idempotency-key-reused');
    // Another organisation's key space is its own.
    expectStatus(await world.state.programme_admin!.post(budgets, { party: 'state', amount: '7.00' }, key), 201);
  });
});

describe('logs of unexpected errors', () => {
  it('carry no SQL parameters, key hashes or Authorization header, and the client only a reference', async () => {
    // A genuine drizzle/postgres.js failure, its parameter an API key's hash.
    const secret = 'f1e2d3c4b5a697887766554433221100ffeeddccbbaa99887766554433221100';
    const failure = await database.db.execute(sql`SELECT ${secret}::int`).catch((error: unknown) => error);
    expect(inspect(failure)).toContain(secret);
    const failing = new Proxy(database.db, {
      get: (target, property, receiver) =>
        property === 'select'
          ? () => {
              throw failure;
            }
          : (Reflect.get(target, property, receiver) as unknown),
    }) as Database;
    const broken = await createTestApp(failing);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await broken.request('/v1/organisations', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(500);
    const problem = (await response.json()) as Problem;
    const reference = response.headers.get('x-request-id')!;
    expect(problem.detail).toContain(reference);
    expect(JSON.stringify(problem)).not.toContain(secret);
    const output = logged.mock.calls.map((args) => args.map((arg) => inspect(arg, { depth: 10 })).join(' ')).join('\n');
    expect(output).toContain(reference);
    expect(output).toContain('Failed query');
    expect(output).not.toContain(secret);
    expect(output).not.toContain(ADMIN_TOKEN);
    expect(output).not.toMatch(/authorization/i);
  });
});

describe("Node's own refusals", () => {
  it('answer headers over the limit with a 431 problem+json', async () => {
    const port = await freePort();
    const server = startHttpServer(app, { port, hostname: '127.0.0.1', maxHeaderBytes: 8 * 1024 });
    await new Promise((resolve) => server.once('listening', resolve));
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connectSocket(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.write(`GET /health HTTP/1.1\r\nhost: localhost\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    });
    await new Promise((resolve) => server.close(resolve));
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(body!)).toMatchObject({ status: 431, type: 'urn:cofund:problem:headers-too-large' });
  });
});

describe('the API reference at /docs', () => {
  it('loads its script from this origin, with Subresource Integrity and a year of cache; nothing else', async () => {
    const page = await app.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    // Nothing from another origin: it works on a closed network.
    expect(html).not.toMatch(/https?:\/\//);
    const [, src, integrity] = /<script src="([^"]+)" integrity="([^"]+)" crossorigin="anonymous">/.exec(html)!;
    expect(src).toMatch(/^\/docs\/scalar-[0-9a-f]{16}\.js$/);
    const script = await app.request(src!);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = new Uint8Array(await script.arrayBuffer());
    expect(integrity).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`);
    expect(new TextDecoder().decode(bytes)).toContain('createApiReference');
    expect(html).toContain('"withDefaultFonts":false');
  });
});
