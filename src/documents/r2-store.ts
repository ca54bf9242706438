import { type DocumentStore, type StoredObject, assertContentAddress } from './store';

/*
 * Documents in Cloudflare R2, for Workers: `objects/<sha256>` and `staging/<uuid>`. The types below
 * are the part of the R2 binding used (its full type lives in @cloudflare/workers-types).
 */

export interface R2ObjectLike {
  key: string;
  size: number;
  uploaded: Date;
}
export interface R2ObjectBodyLike extends R2ObjectLike {
  body: ReadableStream<Uint8Array>;
}
export interface R2UploadedPart {
  partNumber: number;
  etag: string;
}
export interface R2MultipartUploadLike {
  uploadPart(partNumber: number, value: Uint8Array): Promise<R2UploadedPart>;
  complete(parts: R2UploadedPart[]): Promise<unknown>;
  abort(): Promise<void>;
}
export interface R2BucketLike {
  put(key: string, value: ReadableStream<Uint8Array> | Uint8Array): Promise<unknown>;
  get(key: string): Promise<R2ObjectBodyLike | null>;
  delete(key: string): Promise<void>;
  list(options: { prefix?: string; cursor?: string }): Promise<{
    objects: R2ObjectLike[];
    truncated: boolean;
    cursor?: string;
  }>;
  createMultipartUpload(key: string): Promise<R2MultipartUploadLike>;
}

/** workerd's stream of a declared length: what R2 needs to store a stream it did not produce. */
declare const FixedLengthStream: new (length: number) => TransformStream<Uint8Array, Uint8Array>;

/** R2 parts must all be the same size, at least 5 MiB, but the last. */
const PART_BYTES = 5 * 1024 * 1024;

export function r2Store(bucket: R2BucketLike, binding: string): DocumentStore {
  const objectKey = (sha256: string) => {
    assertContentAddress(sha256);
    return `objects/${sha256}`;
  };

  return {
    name: `r2:${binding}`,

    async stage(chunks) {
      const key = `staging/${crypto.randomUUID()}`;
      await writeInParts(bucket, key, chunks);
      return {
        // R2 cannot rename: the staged object is copied, streamed, to its address, then removed.
        async promote(sha256) {
          const staged = await bucket.get(key);
          if (!staged) throw new Error(`staged document ${key} vanished before it was promoted`);
          const { readable, writable } = new FixedLengthStream(staged.size);
          const copying = staged.body.pipeTo(writable);
          await bucket.put(objectKey(sha256), readable);
          await copying;
          await bucket.delete(key);
        },
        discard: () => bucket.delete(key),
      };
    },

    async open(sha256) {
      const object = await bucket.get(objectKey(sha256));
      return object ? { body: object.body, size: object.size } : undefined;
    },

    async *list(): AsyncGenerator<StoredObject> {
      for (const prefix of ['staging/', 'objects/']) {
        let cursor: string | undefined;
        do {
          const page = await bucket.list({ prefix, ...(cursor ? { cursor } : {}) });
          for (const object of page.objects) {
            const sha256 = prefix === 'objects/' ? object.key.slice(prefix.length) : undefined;
            yield { key: object.key, sha256, writtenAt: object.uploaded };
          }
          cursor = page.truncated ? page.cursor : undefined;
        } while (cursor);
      }
    },

    remove: (key) => bucket.delete(key),
  };
}

/**
 * Streams chunks of unknown total length into R2 holding at most one part in memory: one put when
 * it all fits in a part, a multipart upload otherwise (aborted if the chunks fail).
 */
async function writeInParts(bucket: R2BucketLike, key: string, chunks: AsyncIterable<Uint8Array>) {
  let part = new Uint8Array(PART_BYTES);
  let filled = 0;
  let upload: R2MultipartUploadLike | undefined;
  const parts: R2UploadedPart[] = [];
  try {
    for await (const chunk of chunks) {
      let offset = 0;
      while (offset < chunk.length) {
        const taken = Math.min(PART_BYTES - filled, chunk.length - offset);
        part.set(chunk.subarray(offset, offset + taken), filled);
        filled += taken;
        offset += taken;
        if (filled === PART_BYTES) {
          upload ??= await bucket.createMultipartUpload(key);
          parts.push(await upload.uploadPart(parts.length + 1, part));
          part = new Uint8Array(PART_BYTES);
          filled = 0;
        }
      }
    }
    if (!upload) {
      await bucket.put(key, part.subarray(0, filled));
      return;
    }
    if (filled > 0) parts.push(await upload.uploadPart(parts.length + 1, part.subarray(0, filled)));
    await upload.complete(parts);
  } catch (error) {
    await upload?.abort();
    throw error;
  }
}
