import { bundledRuleFiles } from 'cofund:bundled-rules';
import { sql } from 'drizzle-orm';
import type { ExecutionContext } from 'hono';
import PDFDocument from 'pdfkit';
import { createApp } from '../../src/api/app';
import '../../src/runtime/workers-pdf-fonts';
import { type WorkerEnv, workerFetch } from '../../src/runtime/worker';

/** The real app and runtime, plus a route that reads the database while its body streams. */
const appWithProbes = workerFetch((deps) => {
  const app = createApp(deps);
  // Like a statement read through a cursor: each chunk is a query, run when the body is read, after
  // the handler has returned; `failAt` makes that chunk fail, as a renderer finding bad data would.
  app.get('/__probe/stream-from-database', (c) => {
    const chunks = Number(c.req.query('chunks') ?? '3');
    const failAt = Number(c.req.query('failAt') ?? '0');
    let sent = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (sent === chunks) return controller.close();
          if (sent + 1 === failAt) throw new Error(`chunk ${failAt} failed`);
          const [row] = (await c.var.db.execute(sql`SELECT ${++sent}::int AS chunk`)) as unknown as Array<{
            chunk: number;
          }>;
          controller.enqueue(new TextEncoder().encode(`chunk ${row?.chunk}\n`));
        },
      },
      { highWaterMark: 0 },
    );
    return c.body(body, 200, { 'content-type': 'text/plain' });
  });
  return app;
});

/**
 * A test-only entry point (`wrangler dev tests/workers/probe-worker.ts`, same wrangler.toml): the real
 * Worker, plus probes that must run inside workerd to prove anything and that have no place in
 * the public API — what the bundled rule files and the bindings look like there, and whether pdfkit
 * renders there.
 */
export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/__probe/rule-files') return Response.json(bundledRuleFiles);
    if (url.pathname === '/__probe/env') {
      // Values of plain-text bindings, the type of the others: enough to see what reached the Worker.
      return Response.json(
        Object.fromEntries(
          Object.entries(env).map(([name, value]) => [name, typeof value === 'string' ? value : typeof value]),
        ),
      );
    }
    if (url.pathname === '/__probe/pdf') {
      const rows = Number(url.searchParams.get('rows') ?? '0');
      return new Response(await renderStatementLikePdf(rows), { headers: { 'content-type': 'application/pdf' } });
    }
    return appWithProbes(request, env, ctx);
  },
};

/**
 * The shape of a ledger statement: a title in Helvetica-Bold, then `rows` lines of date, text and a
 * right-aligned Courier amount, with page breaks — drawn by a hand-written row loop, which the stack
 * notes measured four times faster than `doc.table()`.
 */
function renderStatementLikePdf(rows: number): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'cofund statement probe' } });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text('cofund statement probe');
  doc.font('Helvetica').fontSize(9).text('Rendered by pdfkit inside workerd.');
  const rowHeight = 12;
  let y = doc.y + 10;
  for (let row = 0; row < rows; row++) {
    if (y + rowHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    doc.font('Helvetica').text(`2026-01-${String((row % 28) + 1).padStart(2, '0')}`, 50, y, { lineBreak: false });
    doc.text(`Tranche ${row + 1} to project account`, 120, y, { lineBreak: false });
    doc.font('Courier').text(`${(row * 137) % 100000}.00`, 400, y, { width: 145, align: 'right', lineBreak: false });
    y += rowHeight;
  }
  doc.end();
  return done;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
