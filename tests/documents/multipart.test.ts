import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { readMultipart } from '../../src/documents/multipart';

/*
 * The streaming multipart reader passes a part's bytes on as views of the chunks it receives and
 * joins chunks only where one ends inside a delimiter. Wherever the chunks are cut (inside a
 * delimiter, inside its CRLF, at a byte that starts one), it reads the same parts, byte for byte.
 */

const BOUNDARY = 'cofund-boundary-7Qx';
const LIMITS = { maxBytes: 1024 * 1024, maxParts: 16, maxHeaderBytes: 8 * 1024 };

/** File bytes full of the delimiter's first bytes ("\r\n--"), one near-delimiter and a lone CR at the end. */
const FILE = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from(`\r\n-\r\n--\r\n--${BOUNDARY.slice(0, -1)}\r\r\n`.repeat(3)),
  Buffer.alloc(300, 0x0d),
  Buffer.from('end\r'),
]);
const BODY = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="type"\r\n\r\ninforme-de-avance\r\n` +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n` +
    `Content-Type: application/pdf\r\n\r\n${FILE.toString('latin1')}\r\n--${BOUNDARY}--\r\n`,
  'latin1',
);

/** The body delivered in chunks of `size` bytes. */
function chunked(size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= BODY.length) return controller.close();
      controller.enqueue(new Uint8Array(BODY.subarray(at, at + size)));
      at += size;
    },
  });
}

async function partsOf(stream: ReadableStream<Uint8Array>) {
  const parts: Array<{ name: string; filename: string | undefined; bytes: Buffer }> = [];
  for await (const part of readMultipart(stream, BOUNDARY, LIMITS)) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of part.body) chunks.push(Uint8Array.from(chunk));
    parts.push({ name: part.name, filename: part.filename, bytes: Buffer.concat(chunks) });
  }
  return parts;
}

describe('the streaming multipart reader', () => {
  it('reads the same parts however the body is cut into chunks', async () => {
    const expected = [
      { name: 'type', filename: undefined, bytes: Buffer.from('informe-de-avance') },
      { name: 'file', filename: 'a.pdf', bytes: FILE },
    ];
    for (const size of [1, 2, 3, 5, 7, 13, 31, 64, 97, 256, BODY.length]) {
      expect(await partsOf(chunked(size)), `chunks of ${size} bytes`).toEqual(expected);
    }
  });

  it('passes a large part on as views of the chunks it received, not as copies', async () => {
    const file = Buffer.alloc(64 * 1024, 'A');
    const body = Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
    const received: ArrayBufferLike[] = [];
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= body.length) return controller.close();
        const chunk = new Uint8Array(body.subarray(at, at + 4096));
        received.push(chunk.buffer);
        controller.enqueue(chunk);
        at += 4096;
      },
    });
    const passed: Uint8Array[] = [];
    for await (const part of readMultipart(stream, BOUNDARY, LIMITS))
      for await (const chunk of part.body) passed.push(chunk);
    expect(Buffer.concat(passed).equals(file)).toBe(true);
    // Only the first chunk is copied: joined to the CRLF the reader puts before the first delimiter.
    expect(passed.filter((chunk) => !received.includes(chunk.buffer))).toHaveLength(1);
    expect(passed.length).toBe(received.length);
  });
});
