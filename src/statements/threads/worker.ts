import { parentPort } from 'node:worker_threads';
import { renderPdfHere } from '../render';
import { type FromThread, type ToThread, attachRows } from './protocol';

/*
 * A render thread: one job at a time. It draws a page only when the request's thread asked for the
 * next chunk (which it does while it hands on the previous one), and asks for a source's next batch
 * of rows when the previous batch arrives, so neither side holds more than two pages and two
 * batches of rows, whatever the document's size.
 */

const port = parentPort!;
const send = (message: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let chunks: AsyncIterator<Uint8Array> | undefined;
const waiting = new Map<number, (batch: { rows: unknown[]; done: boolean }) => void>();

const want = (source: number) =>
  new Promise<{ rows: unknown[]; done: boolean }>((resolve) => {
    waiting.set(source, resolve);
    send({ type: 'want', source });
  });

/** A source's rows; the next batch is asked for as soon as one arrives, so it is read while this one is drawn. */
async function* rowsOf(source: number): AsyncGenerator<never> {
  let next = want(source);
  for (;;) {
    const batch = await next;
    if (!batch.done) next = want(source);
    for (const row of batch.rows) yield row as never;
    if (batch.done) return;
  }
}

async function pull() {
  try {
    const next = await chunks!.next();
    if (next.done) {
      chunks = undefined;
      send({ type: 'end' });
      return;
    }
    // A copy of our own, so the transfer hands over exactly these bytes.
    const bytes = new Uint8Array(next.value);
    send({ type: 'chunk', bytes }, [bytes.buffer]);
  } catch (error) {
    chunks = undefined;
    const failure = error instanceof Error ? error : new Error(String(error));
    send({ type: 'failed', name: failure.name, message: failure.message });
  }
}

port.on('message', (message: ToThread) => {
  switch (message.type) {
    case 'start':
      chunks = renderPdfHere(attachRows(message.job, rowsOf))[Symbol.asyncIterator]();
      break;
    case 'rows':
      waiting.get(message.source)?.(message);
      waiting.delete(message.source);
      break;
    case 'pull':
      void pull();
      break;
  }
});
