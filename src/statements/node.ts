import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Node-only adapter, kept out of the renderers so that they stay free of node:* imports: writes a
 * renderer's output to a Writable (a file, an HTTP response), waiting whenever it asks to (drain),
 * and closes the renderer if the Writable fails.
 */
export async function writeToNode(chunks: AsyncIterable<Uint8Array | string>, destination: Writable): Promise<void> {
  await pipeline(Readable.from(chunks), destination);
}
