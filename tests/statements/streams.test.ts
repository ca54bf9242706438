import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { renderStatementCsv, renderStatementPdf, toReadableStream } from '../../src/statements';
import { writeToNode } from '../../src/statements/node';
import { manyRowsSection, statement } from './support/fixtures';
import { readPdf } from './support/pdf-text';

describe('stream adapters', () => {
  test('a web ReadableStream of the PDF reads back as the whole document', async () => {
    const response = new Response(
      toReadableStream(renderStatementPdf(statement({ sections: [manyRowsSection(100)] }))),
    );
    const pages = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)!.text).toContain('Closing balance');
  });

  test('cancelling the web stream closes the row cursor', async () => {
    let closed = false;
    const section = manyRowsSection(5000);
    const source = section.rows as AsyncIterable<unknown>;
    section.rows = (async function* () {
      try {
        for await (const row of source) yield row as never;
      } finally {
        closed = true;
      }
    })();
    const reader = toReadableStream(renderStatementPdf(statement({ sections: [section] }))).getReader();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
  });

  test('a Node Writable gets text as it is produced, waiting when it asks to', async () => {
    const received: string[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk.toString('utf8'));
        setTimeout(done, 1);
      },
    });
    await writeToNode(renderStatementCsv(statement({ sections: [manyRowsSection(4000)] })), slow);
    expect(received.length).toBeGreaterThan(1);
    const lines = received.join('').split('\r\n');
    expect(lines.filter((line) => line.startsWith('entry,'))).toHaveLength(4000);
  });
});
