import path from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

/** The client package an integrator depends on (`@cofund/client`). */
export const CLIENT_DIR = path.resolve(import.meta.dirname, '../../clients/typescript');

const HEADER = (what: string) =>
  [
    `// ${what}`,
    '// Generated from the OpenAPI document by `npm run client:generate` (tools/openapi/client.ts): do not edit.',
    '// `npm run client:check` fails when it differs from a fresh generation.',
    '',
    '',
  ].join('\n');

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Operation {
  parameters?: Array<{ in?: string; name?: string }>;
}

/**
 * The operations whose document asks for an Idempotency-Key (the money-moving ones), as
 * `METHOD /path/{template}`: the wrapper gives each call of these a key of its own.
 */
function idempotentOperations(document: OpenAPI3): string[] {
  const found: string[] = [];
  for (const [route, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      const wantsKey = operation?.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key');
      if (wantsKey) found.push(`${method.toUpperCase()} ${route}`);
    }
  }
  return found.sort();
}

async function formatted(file: string, text: string): Promise<string> {
  return format(text, { ...(await resolveConfig(file)), filepath: file });
}

/**
 * The generated files of the client package, by path inside it: the types of every path, operation
 * and schema (openapi-typescript), and the list of money-moving operations. Formatted with the
 * repository's Prettier settings, so `npm run lint` checks them like any other file.
 */
export async function generateClient(document: Record<string, unknown>): Promise<Map<string, string>> {
  const schema = document as unknown as OpenAPI3;
  const types = astToString(await openapiTS(schema));
  const keyed = JSON.stringify(idempotentOperations(schema));
  const operations =
    '/** Operations that move money: their requests carry an Idempotency-Key (`METHOD /path`). */\n' +
    `export const IDEMPOTENT_OPERATIONS: ReadonlySet<string> = new Set(${keyed});\n`;
  const files = new Map<string, string>();
  for (const [name, what, text] of [
    ['src/schema.ts', 'The types of the cofund API: its paths, operations and schemas.', types],
    ['src/operations.ts', 'What the wrapper needs to know of the operations at run time.', operations],
  ] as const) {
    files.set(name, await formatted(path.join(CLIENT_DIR, name), HEADER(what) + text));
  }
  return files;
}
