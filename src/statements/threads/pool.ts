import { Worker } from 'node:worker_threads';
import type { PdfJob, PdfRenderer } from '../render';
import { type FromThread, ROW_BATCH, type ToThread, detachRows } from './protocol';

/*
 * Node's PdfRenderer: a few worker threads that render PDFs while the event loop keeps serving
 * (/health, every other request). Jobs beyond the threads wait for one; how many may wait is the
 * API's concern (its render slots answer 429 beyond them).
 */

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

interface Thread {
  worker: Worker;
  busy: boolean;
}

export interface PdfThreadPool extends PdfRenderer {
  /** Threads started so far (they start on demand, up to the size). */
  readonly started: number;
  close(): Promise<void>;
}

export function createPdfThreadPool(size: number): PdfThreadPool {
  const threads: Thread[] = [];
  const queue: Array<(thread: Thread) => void> = [];
  let closed = false;

  const spawn = (): Thread => {
    const thread: Thread = { worker: new Worker(BOOTSTRAP), busy: false };
    // A thread that dies (a crash, or terminated for a reader that left) is replaced on demand.
    thread.worker.once('exit', () => {
      const index = threads.indexOf(thread);
      if (index >= 0) threads.splice(index, 1);
      if (!closed && queue.length > 0 && threads.length < size) hand(spawn());
    });
    thread.worker.unref();
    threads.push(thread);
    return thread;
  };

  const hand = (thread: Thread) => {
    const next = queue.shift();
    if (next) {
      thread.busy = true;
      next(thread);
    } else thread.busy = false;
  };

  const acquire = (): Promise<Thread> => {
    const idle = threads.find((thread) => !thread.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (threads.length < size) {
      const thread = spawn();
      thread.busy = true;
      return Promise.resolve(thread);
    }
    return new Promise((resolve) => queue.push(resolve));
  };

  async function* render(job: PdfJob): AsyncGenerator<Uint8Array> {
    if (closed) throw new Error('the PDF thread pool is closed');
    const { job: detached, sources } = detachRows(job);
    const iterators = sources.map((source) =>
      Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator](),
    );
    const thread = await acquire();
    const { worker } = thread;
    const post = (message: ToThread) => worker.postMessage(message);
    let answer: ((message: FromThread | Error) => void) | undefined;
    const onMessage = (message: FromThread) => {
      if (message.type === 'want') void sendRows(message.source);
      else answer?.(message);
    };
    const onExit = (code: number) => answer?.(new Error(`the PDF render thread exited (code ${code})`));
    const onError = (error: Error) => answer?.(error);
    // Rows are read here, on the snapshot's connection, a batch at a time.
    const sendRows = async (source: number) => {
      try {
        const rows: unknown[] = [];
        let done = false;
        while (rows.length < ROW_BATCH) {
          const next = await iterators[source]!.next();
          if (next.done) {
            done = true;
            break;
          }
          rows.push(next.value);
        }
        post({ type: 'rows', source, rows, done });
      } catch (error) {
        answer?.(error instanceof Error ? error : new Error(String(error)));
      }
    };
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    worker.once('error', onError);
    let finished = false;
    const pull = () =>
      new Promise<FromThread | Error>((resolve) => {
        answer = resolve;
        post({ type: 'pull' });
      });
    try {
      post({ type: 'start', job: detached });
      let next = pull();
      for (;;) {
        const reply = await next;
        if (reply instanceof Error) throw reply;
        if (reply.type === 'end') break;
        if (reply.type === 'failed') throw Object.assign(new Error(reply.message), { name: reply.name });
        if (reply.type === 'chunk') {
          // The thread draws the next page while this one goes to the reader.
          next = pull();
          yield reply.bytes;
        }
      }
      finished = true;
    } finally {
      answer = undefined;
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      worker.off('error', onError);
      if (finished) hand(thread);
      // Failed or abandoned mid-document: the thread may be waiting for rows; start afresh.
      else void worker.terminate();
      await Promise.all(iterators.map(async (iterator) => iterator.return?.()));
    }
  }

  return {
    render,
    get started() {
      return threads.length;
    },
    async close() {
      closed = true;
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}
