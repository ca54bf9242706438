import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../src/events';
import { type ChainReport, createHold, getHold, verifyChain } from '../../src/ledger';
import { readPdf } from '../statements/support/pdf-text';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { overHttp } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openAccount, openWorld, transfer } from '../support/ledger-fixtures';
import { downloadDocument, filedApplication, samplePdf, uploadDocument } from '../support/documents';
import { tresPorUnoProject } from '../support/scenarios/tres-por-uno';
import { expectStatus, openProgramme, organisation } from '../support/workflow';
import { startWorker, type StartedWorker } from './start-worker';

// The Node end-to-end scenario, unchanged, against the Worker in workerd (wrangler.toml's `main`),
// its database reached through local Hyperdrive; every balance is read back from that database.
let database: TestDatabase;
let worker: StartedWorker;

beforeAll(async () => {
  database = await createTestDatabase({ max: 2 });
  worker = await startWorker({
    databaseUrl: database.url,
    vars: {
      COFUND_ADMIN_TOKEN: ADMIN_TOKEN,
      COFUND_SECRET_KEY: 'workers-test-secret-key-for-webhook-secrets',
      COFUND_WEBHOOKS_ALLOW_LOOPBACK: 'true',
    },
    testScheduled: true,
  });
});
afterAll(async () => {
  await worker?.stop();
  await database?.close();
});

/** More entries than one sealing transaction takes (sealPending seals in batches of 500). */
const BEYOND_ONE_SEAL_BATCH = 501;

/** Books `count` entries straight into the database, as Node or the CLI would: no request reaches the Worker. */
async function bookWithoutTheWorker(count: number) {
  const world = await openWorld(database.db);
  const account = await openAccount(database.db);
  for (let entry = 0; entry < count; entry++) await transfer(database.db, world, account, '1.00');
  return { world, account };
}

/** verifyChain until `done` holds; the test itself never seals. */
async function chainOnceSettled(done: (report: ChainReport) => boolean, timeoutMs = 20_000): Promise<ChainReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await verifyChain(database.db);
    if (done(report) || Date.now() > deadline) return report;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a Tres por Uno project through the Worker in workerd', () => {
  it('runs from budget to closing with every peso accounted for', async () => {
    await tresPorUnoProject(overHttp(worker.baseUrl), database.db, database.sql, '3x1-zacatecas-2014-workers');
  });

  it("renders the project's statement inside the Worker as Node renders it (PDF, CSV, JSON)", async () => {
    const [project] = await database.sql`SELECT id FROM applications WHERE title = 'Pavimentación de la calle Hidalgo'`;
    expect(project, 'the project of the scenario above').toBeDefined();
    const node = await createTestApp(database.db);
    const to = new Date().toISOString();
    const statement = async (format: string) => {
      const path = `/v1/statements/applications/${project!.id}.${format}?to=${to}`;
      const init = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
      const [onWorkers, onNode] = await Promise.all([
        fetch(`${worker.baseUrl}${path}`, init),
        node.request(path, init),
      ]);
      expect(onWorkers.status, await onWorkers.clone().text()).toBe(200);
      expect(onWorkers.headers.get('content-type')).toBe(onNode.headers.get('content-type'));
      return {
        onWorkers: new Uint8Array(await onWorkers.arrayBuffer()),
        onNode: new Uint8Array(await onNode.arrayBuffer()),
      };
    };

    // pdfkit's browser build with the standard fonts the Worker entry registers. Only the time of
    // generation (header and footers, to the minute) may differ from Node's.
    const pdf = await statement('pdf');
    const [onWorkers, onNode] = await Promise.all([readPdf(pdf.onWorkers), readPdf(pdf.onNode)]);
    const withoutGenerationTime = (pages: typeof onNode) =>
      pages.map((page) => page.lines.filter((line) => !/Generado el|Página \d+ de \d+/.test(line)));
    expect(onWorkers.length).toBe(onNode.length);
    expect(withoutGenerationTime(onWorkers)).toEqual(withoutGenerationTime(onNode));
    expect(onWorkers[0]!.text).toContain('Pavimentación de la calle Hidalgo');
    expect(onWorkers.at(-1)!.text).toMatch(new RegExp(`Página ${onWorkers.length} de ${onWorkers.length}`));

    const csv = await statement('csv');
    expect(new TextDecoder().decode(csv.onWorkers)).toBe(new TextDecoder().decode(csv.onNode));
    const json = await statement('json');
    const withoutGeneratedAt = (bytes: Uint8Array) => {
      const document = JSON.parse(new TextDecoder().decode(bytes)) as { header: { generatedAt?: string } };
      delete document.header.generatedAt;
      return document;
    };
    expect(withoutGeneratedAt(json.onWorkers)).toEqual(withoutGeneratedAt(json.onNode));
  });

  it('writes the rule texts in the reader locale inside the Worker as Node does (letter, what-if)', async () => {
    const [project] = await database.sql`SELECT id FROM applications WHERE title = 'Pavimentación de la calle Hidalgo'`;
    expect(project, 'the project of the scenario above').toBeDefined();
    const node = await createTestApp(database.db);
    const both = (path: string, init: RequestInit = {}) => {
      const request = { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers } };
      return Promise.all([fetch(`${worker.baseUrl}${path}`, request), node.request(path, request)]);
    };
    for (const locale of ['es-MX', 'fr-MA']) {
      const responses = await both(`/v1/applications/${project!.id}/decision-letter.pdf?locale=${locale}`);
      for (const response of responses) expect(response.status).toBe(200);
      const read = async (response: Response) => readPdf(new Uint8Array(await response.arrayBuffer()));
      const [onWorkers, onNode] = await Promise.all([read(responses[0]), read(responses[1])]);
      const withoutGenerationTime = (pages: typeof onNode) =>
        pages.map((page) => page.lines.filter((line) => !/Généré le|Generado el|Página|Page \d+ sur/.test(line)));
      expect(withoutGenerationTime(onWorkers)).toEqual(withoutGenerationTime(onNode));
      expect(onWorkers.map((page) => page.text).join('\n')).toContain(
        locale === 'es-MX' ? 'club de migrantes' : 'Textes des règles en anglais',
      );
    }
    const application = (await database.sql`SELECT fields FROM applications WHERE id = ${project!.id}`)[0]!.fields;
    const whatIf = await both('/v1/rule-sets/tres-por-uno/plan', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'es-MX' },
      body: JSON.stringify(application),
    });
    type WhatIf = { localized: { locale: string } };
    const [onWorkers, onNode] = (await Promise.all(whatIf.map((response) => response.json()))) as WhatIf[];
    expect(whatIf[0].status, JSON.stringify(onWorkers)).toBe(200);
    expect(onWorkers!.localized).toEqual(onNode!.localized);
    expect(onWorkers!.localized.locale).toBe('es-MX');
  });

  it(
    'a request that moved money seals the queue after its response, ' + 'on its own client, to the last batch',
    async () => {
      // Queued before the request: its seal takes two transactions, the second one long after the
      // response and the middleware's release. A client closed at release would refuse it.
      await bookWithoutTheWorker(BEYOND_ONE_SEAL_BATCH);
      expect((await verifyChain(database.db)).unsealed).toBe(BEYOND_ONE_SEAL_BATCH);

      const app = overHttp(worker.baseUrl);
      const ministry = await organisation(app, 'Secretaría de Bienestar', 'government', ['programme_admin']);
      const programme = await openProgramme(
        app,
        {
          code: '3x1-sealing-on-workers',
          name: 'Sealing on Workers',
          ruleSet: 'tres-por-uno',
          currency: 'MXN',
          parties: { federal: ministry.id, state: ministry.id, municipal: ministry.id },
        },
        [ministry],
      );
      expectStatus(
        await ministry.programme_admin!.post(`/v1/programmes/${programme.id}/budgets`, {
          party: 'federal',
          amount: '1000.00',
        }),
        201,
      );

      const report = await chainOnceSettled((chain) => chain.unsealed === 0);
      expect(report).toMatchObject({ ok: true, unsealed: 0, unaccounted: 0, balanceMismatches: [] });
      expect(await database.sql`SELECT count(*)::int AS entries FROM journal_entries`).toEqual([
        { entries: report.entries },
      ]);
    },
  );
});

describe('documents through the Worker, in its R2 bucket', () => {
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  it('stores a PDF and a file of several R2 parts in R2, and streams each back with its hash', async () => {
    const app = overHttp(worker.baseUrl);
    const { club, government, application } = await filedApplication(app, '3x1-r2-documents');
    const small = await samplePdf('Toma de Nota', ['en R2']);
    // Over R2's 5 MiB part: written as a multipart upload, then copied, streamed, to its address.
    const large = new Uint8Array(6 * 1024 * 1024 + 123);
    large.set(small);
    for (let index = small.length; index < large.length; index++) large[index] = index % 251;
    for (const [type, bytes] of [
      ['toma-de-nota', small],
      ['technical-file', large],
    ] as const) {
      const uploaded = await uploadDocument(app, club.tokens.applicant!, application.id, { type, bytes });
      expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
      expect(uploaded.body).toMatchObject({
        sha256: sha256(bytes),
        size: bytes.length,
        contentType: 'application/pdf',
      });
      const { response, bytes: read } = await downloadDocument(app, government.tokens.approver!, uploaded.body.id);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-content-sha256')).toBe(sha256(bytes));
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      expect(sha256(read)).toBe(sha256(bytes));
    }
    // Only the Worker holds the bytes: the row is in PostgreSQL, the file is nowhere on this disk.
    const rows = await database.sql`SELECT sha256 FROM documents WHERE application_id = ${application.id}`;
    expect(rows.map((row) => row.sha256).sort()).toEqual([sha256(small), sha256(large)].sort());
  });
});

describe('the Cron Trigger (scheduled handler) in workerd', () => {
  it('seals entries booked while no request came in and expires overdue holds', async () => {
    const { account, world } = await bookWithoutTheWorker(3);
    const overdue = await createHold(database.db, {
      idempotencyKey: randomUUID(),
      accountId: account.id,
      counterAccountId: world.id,
      amount: '2.00',
      expiresAt: new Date(Date.now() - 1_000),
    });
    const notYetDue = await createHold(database.db, {
      idempotencyKey: randomUUID(),
      accountId: account.id,
      counterAccountId: world.id,
      amount: '1.00',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect((await verifyChain(database.db)).unsealed).toBe(3);

    const run = await fetch(`${worker.baseUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
    expect(run.status, await run.clone().text()).toBe(200);

    // wrangler answers once the handler has finished: nothing to wait for.
    expect(await verifyChain(database.db)).toMatchObject({ ok: true, unsealed: 0, balanceMismatches: [] });
    expect(await getHold(database.db, overdue.hold.id)).toMatchObject({ status: 'expired', remaining: '0.00' });
    expect(await getHold(database.db, notYetDue.hold.id)).toMatchObject({ status: 'pending', remaining: '1.00' });
    expect(await database.sql`SELECT held::text FROM ledger_accounts WHERE id = ${account.id}`).toEqual([
      { held: '1.00' },
    ]);
  });

  it('scans the deadlines: a 3x1-7 window closed short drops the project, once', async () => {
    const { application } = await filedApplication(overHttp(worker.baseUrl), 'deadlines-workerd');
    // Received 40 days ago by the wall clock the Worker judges by: its 20 business days are over.
    await database.sql`UPDATE applications SET created_at = now() - interval '40 days' WHERE id = ${application.id}`;
    for (let run = 0; run < 2; run++) {
      const scheduled = await fetch(`${worker.baseUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
      expect(scheduled.status, await scheduled.clone().text()).toBe(200);
    }
    const missed = await database.sql`
      SELECT payload->>'rule' AS rule, payload->>'kind' AS kind FROM events
      WHERE type = 'deadline.missed' AND payload->>'applicationId' = ${application.id}`;
    expect(missed).toEqual([{ rule: '3x1-7', kind: 'proof-of-funds' }]);
    const [row] = await database.sql`SELECT status FROM applications WHERE id = ${application.id}`;
    expect(row).toEqual({ status: 'cancelled' });
  });

  it('delivers a webhook, signed, through the Cron path', async () => {
    const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const club = await organisation(overHttp(worker.baseUrl), 'Club webhooks workers', 'association', ['applicant']);
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      const webhook = expectStatus(
        await club.applicant!.post<{ id: string; secret: string }>('/v1/webhooks', { url, events: ['hold.expired'] }),
        201,
      ).body;
      const holdId = randomUUID();
      await recordEvent(database.db, {
        type: 'hold.expired',
        occurredAt: new Date(),
        organisationIds: [club.id],
        payload: { holdId },
      });

      const run = await fetch(`${worker.baseUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
      expect(run.status, await run.clone().text()).toBe(200);

      expect(received).toHaveLength(1);
      const [message] = received;
      const signed = `${message!.headers['webhook-id']}.${message!.headers['webhook-timestamp']}.${message!.body}`;
      const key = Buffer.from(webhook.secret.slice('whsec_'.length), 'base64');
      expect(message!.headers['webhook-signature']).toBe(
        `v1,${createHmac('sha256', key).update(signed).digest('base64')}`,
      );
      expect(JSON.parse(message!.body)).toMatchObject({ type: 'hold.expired', data: { holdId } });
      const [delivery] =
        await database.sql`SELECT status, attempts FROM webhook_deliveries WHERE endpoint_id = ${webhook.id}`;
      expect(delivery).toEqual({ status: 'delivered', attempts: 1 });
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
