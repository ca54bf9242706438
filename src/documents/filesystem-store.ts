import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { type DocumentStore, type StoredObject, assertContentAddress } from './store';

/**
 * Documents on a local (or mounted) file system, for Node: `<root>/objects/ab/<sha256>` and
 * `<root>/staging/<uuid>`. Bytes are fsynced before they are promoted, and promotion is a rename in
 * the same file system, so a promoted file is always whole.
 */
export function filesystemStore(root: string): DocumentStore {
  const staging = path.join(root, 'staging');
  const objects = path.join(root, 'objects');
  const objectPath = (sha256: string) => {
    assertContentAddress(sha256);
    return path.join(objects, sha256.slice(0, 2), sha256);
  };

  return {
    name: `filesystem:${root}`,

    async stage(chunks) {
      await mkdir(staging, { recursive: true });
      const file = path.join(staging, randomUUID());
      const handle = await open(file, 'wx', 0o600);
      try {
        for await (const chunk of chunks) await handle.write(chunk);
        await handle.sync();
      } catch (error) {
        await handle.close();
        await rm(file, { force: true });
        throw error;
      }
      await handle.close();
      return {
        async promote(sha256) {
          const target = objectPath(sha256);
          await mkdir(path.dirname(target), { recursive: true });
          await rename(file, target);
          await syncDirectory(path.dirname(target));
        },
        discard: () => rm(file, { force: true }),
      };
    },

    async open(sha256) {
      const file = objectPath(sha256);
      const size = await stat(file).then(
        (info) => info.size,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return undefined;
          throw error;
        },
      );
      if (size === undefined) return undefined;
      const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
      return { body, size };
    },

    async *list(): AsyncGenerator<StoredObject> {
      for (const name of await entries(staging)) {
        const file = path.join(staging, name);
        yield { key: path.relative(root, file), sha256: undefined, writtenAt: (await stat(file)).mtime };
      }
      for (const prefix of await entries(objects)) {
        for (const name of await entries(path.join(objects, prefix))) {
          const file = path.join(objects, prefix, name);
          yield { key: path.relative(root, file), sha256: name, writtenAt: (await stat(file)).mtime };
        }
      }
    },

    async remove(key) {
      const file = path.resolve(root, key);
      if (!file.startsWith(path.resolve(root) + path.sep)) throw new Error(`not a key of this store: ${key}`);
      await rm(file, { force: true });
    },
  };
}

async function entries(directory: string): Promise<string[]> {
  return readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

/** The rename is durable once the directory entry is. */
async function syncDirectory(directory: string) {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
