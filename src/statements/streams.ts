/*
 * Renderers are async generators: the consumer pulls, the renderer produces the next piece (a PDF
 * page, a batch of CSV lines). These adapters keep that pull discipline on the web stream API (Hono,
 * Workers); src/statements/node.ts does the same for a Node Writable.
 */

const encoder = new TextEncoder();

/** A byte stream that asks the renderer for more only when its reader wants more. */
export function toReadableStream(chunks: AsyncIterable<Uint8Array | string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      // Closes the renderer, which releases its database cursors.
      await iterator.return?.();
    },
  });
}

/**
 * Joins small text pieces (a CSV record, a JSON row) into chunks of about `size` characters: one
 * write per row would cost more in stream overhead than in rendering.
 */
export async function* batched(pieces: AsyncIterable<string>, size = 64 * 1024): AsyncGenerator<string> {
  let batch = '';
  for await (const piece of pieces) {
    batch += piece;
    if (batch.length >= size) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
}
