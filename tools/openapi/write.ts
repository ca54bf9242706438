import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openApiDocument } from './document';

/** `tsx tools/openapi/write.ts <file>`: writes the app's OpenAPI document (for `npm run lint:openapi`). */
const target = process.argv[2];
if (!target) throw new Error('usage: tsx tools/openapi/write.ts <file>');
await mkdir(path.dirname(target), { recursive: true });
await writeFile(target, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
