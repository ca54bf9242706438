import { createHash } from 'node:crypto';
import { CofundError, ValidationError } from '../errors';
import { type DocumentFormat, SNIFF_BYTES, claimedContentType, sniffFormat } from './formats';
import type { DocumentStore, StagedBytes } from './store';

/** The default largest document (COFUND_DOCUMENT_MAX_BYTES). */
export const DEFAULT_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** Bytes staged in the store, with what the server found in them: nothing the client said. */
export interface ReceivedBytes {
  staged: StagedBytes;
  sha256: string;
  size: number;
  format: DocumentFormat;
}

export class DocumentTooLargeError extends CofundError {
  constructor(maxBytes: number) {
    super('document-too-large', 413, `a document may have at most ${maxBytes} bytes`, [], { limit: maxBytes });
  }
}

/**
 * Streams a file into the store's staging area, hashing, counting and sniffing it on the way: one
 * chunk in memory at a time. A file that is empty, too large, of a format not accepted, or of
 * another format than the one claimed is refused and nothing of it is kept.
 */
export async function receiveBytes(
  store: DocumentStore,
  chunks: AsyncIterable<Uint8Array>,
  options: { maxBytes: number; claimedType: string | undefined; field: string },
): Promise<ReceivedBytes> {
  const hash = createHash('sha256');
  const head = new Uint8Array(SNIFF_BYTES);
  let size = 0;
  async function* measured() {
    for await (const chunk of chunks) {
      if (size < SNIFF_BYTES) head.set(chunk.subarray(0, SNIFF_BYTES - size), size);
      size += chunk.length;
      if (size > options.maxBytes) throw new DocumentTooLargeError(options.maxBytes);
      hash.update(chunk);
      yield chunk;
    }
  }
  const staged = await store.stage(measured());
  const refuse = async (error: CofundError) => {
    await staged.discard();
    throw error;
  };
  if (size === 0) return refuse(ValidationError.field(options.field, 'the file is empty', 'empty-document'));
  const format = sniffFormat(head.subarray(0, Math.min(size, SNIFF_BYTES)));
  if (!format) {
    return refuse(
      new CofundError('unsupported-document-format', 415, 'the file is not a PDF, PNG or JPEG', [
        { field: options.field, message: 'a PDF, PNG or JPEG file' },
      ]),
    );
  }
  const claimed = claimedContentType(options.claimedType);
  if (claimed !== undefined && claimed !== format.contentType) {
    return refuse(
      ValidationError.field(
        options.field,
        `the file was sent as ${claimed} but its bytes are ${format.contentType}`,
        'content-type-mismatch',
      ),
    );
  }
  return { staged, sha256: hash.digest('hex'), size, format };
}
