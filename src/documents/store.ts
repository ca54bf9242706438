/**
 * Where the bytes of documents live. Every backend writes in two steps: `stage` streams the bytes
 * to a staging name (nothing refers to it), `promote` moves them to their content address (the
 * SHA-256). A row of `documents` is written only after promote, so no row ever points to missing
 * bytes; whatever a crash leaves behind (staged or promoted bytes without a row) is an orphan that
 * `sweepOrphans` removes (src/documents/sweep.ts).
 */
export interface StagedBytes {
  /** Moves the bytes to their content address (replacing an identical copy, which refreshes its time). */
  promote(sha256: string): Promise<void>;
  /** Removes the staged bytes (the upload was refused). */
  discard(): Promise<void>;
}

export interface StoredBytes {
  body: ReadableStream<Uint8Array>;
  size: number;
}

export interface StoredObject {
  key: string;
  /** Set for an object at its content address; undefined for staged bytes. */
  sha256: string | undefined;
  writtenAt: Date;
}

export interface DocumentStore {
  /** What the backend is, for logs and /ready: "filesystem:/var/lib/cofund/documents", "r2:DOCUMENTS". */
  readonly name: string;
  /** Streams the chunks to a staging name; on failure nothing staged is left. */
  stage(chunks: AsyncIterable<Uint8Array>): Promise<StagedBytes>;
  /** The bytes at a content address, streamed; undefined when there are none. */
  open(sha256: string): Promise<StoredBytes | undefined>;
  /** Every object, staged or promoted. */
  list(): AsyncIterable<StoredObject>;
  remove(key: string): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function assertContentAddress(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 content address: ${sha256}`);
}
