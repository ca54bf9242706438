import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { footprint } from '../support/footprint';
import { type World, file, fundedProject, requestTranche, threeByOneProgramme } from '../workflow/fixtures';

/**
 * Issue "hardening", Proof: a property over the app's own OpenAPI document. For every operation,
 * arbitrary path ids, query strings and bodies in the worst shapes (any code point, lone surrogates,
 * numbers as strings and as numbers, deep nesting, large arrays within the body cap), sent with
 * real keys of every role. Every answer is a 2xx, or a 4xx problem+json that changed no row of any
 * table; never a 5xx. FUZZ_RUNS cases per operation: a few in `npm test`, many in `npm run fuzz`.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  additionalProperties?: Schema | boolean;
}
interface Operation {
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

let database: TestDatabase;
let app: App;
let world: World;
let document: Document;
let ids: string[];
let tokens: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  // Configured as a server that takes webhooks, so that their routes are fuzzed past the 503.
  app = await createTestApp(database.db, {
    webhooks: { allowLoopback: false, secretKey: 'fuzz-secret-key-for-sealing-webhook-secrets' },
  });
  world = await threeByOneProgramme(app, 'fuzz');
  const filed = await file(world);
  const ready = await fundedProject(world);
  const tranche = await requestTranche(world, ready.id, '1200000.00');
  document = (await (await app.request('/openapi.json')).json()) as Document;
  ids = [
    world.programme.id,
    filed.id,
    ready.id,
    tranche.id,
    world.club.id,
    world.federal.id,
    world.programme.pools![0]!.id,
    '00000000-0000-4000-8000-000000000000',
  ];
  const admin = (await import('../support/app')).ADMIN_TOKEN;
  tokens = [
    admin,
    world.club.tokens.applicant!,
    world.federal.tokens.approver!,
    world.federal.tokens.programme_admin!,
    world.auditor.tokens.auditor!,
  ];
});
afterAll(() => database.close());

/** Strings a careless or hostile client sends: any code point, lone surrogates, controls, markup, SQL. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\udfff',
    'ACME\u202egpj.exe',
    '\u001b[31m',
    '\u200b',
    '<script>alert(1)</script>',
    "'; DROP TABLE organisations; --",
    '../../etc/passwd',
    '%00',
    '0000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '1e309',
    '-0',
    'NaN',
    '9'.repeat(400),
    'x'.repeat(5000),
  ),
);
const numberish = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e21, Number.MAX_SAFE_INTEGER + 2, 0.1),
  fc.integer().map(String),
  fc.double({ noNaN: true }).map(String),
);
const deep = fc.integer({ min: 50, max: 400 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { nested: value };
  return value;
});
const hugeArray = fc.integer({ min: 1000, max: 20_000 }).map((length) => Array<string>(length).fill('state'));
const worst: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  numberish,
  fc.boolean(),
  fc.constant(null),
  deep,
  hugeArray,
  fc.jsonValue({ maxDepth: 3 }),
);

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {};
}

/** Values close to what the schema asks (to get past validation into the handlers), or the worst. */
function valueFor(raw: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (variants) return fc.oneof(...variants.map((variant) => valueFor(variant, depth + 1)), worst);
  if (schema.enum)
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: worst });
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  let close: fc.Arbitrary<unknown>;
  if (type === 'object' || schema.properties) {
    const properties = Object.entries(schema.properties ?? {});
    close =
      depth > 4
        ? fc.constant({})
        : fc.record(Object.fromEntries(properties.map(([name, inner]) => [name, valueFor(inner, depth + 1)])), {
            requiredKeys: [],
          });
  } else if (type === 'array') close = fc.array(valueFor(schema.items ?? {}, depth + 1), { maxLength: 4 });
  else if (type === 'integer' || type === 'number') close = numberish;
  else if (type === 'boolean') close = fc.boolean();
  else if (schema.format === 'uuid') close = fc.oneof(fc.constantFrom(...ids), fc.uuid());
  else if (schema.pattern?.includes('[0-9]')) close = fc.constantFrom('10.00', '0.01', '1.005', '-5.00', '2400000.00');
  else if (type === 'string')
    close = fc.oneof(fc.constantFrom('federal', 'state', 'club', 'approve', 'MXN'), nastyString);
  else close = worst;
  return fc.oneof({ weight: 3, arbitrary: close }, { weight: 1, arbitrary: worst });
}

/** A URL component of any string: lone surrogates cannot be percent-encoded, so they become U+FFFD. */
const component = (value: unknown) =>
  encodeURIComponent((typeof value === 'string' ? value : JSON.stringify(value)).replace(/\p{Cs}/gu, '\ufffd'));

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );

describe('every operation of /openapi.json under arbitrary input', () => {
  it(
    'answers 2xx, or a 4xx problem+json that wrote nothing; never a 5xx',
    async () => {
      const all = operations();
      expect(all.length).toBeGreaterThan(30);
      for (const { path, method, operation } of all) {
        const pathParams = (path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1));
        const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
        const body = operation.requestBody?.content['application/json']?.schema;
        await fc.assert(
          fc.asyncProperty(
            fc.record({
              token: fc.constantFrom(...tokens),
              params: fc.tuple(
                ...pathParams.map((name) =>
                  name === 'format'
                    ? fc.oneof(fc.constantFrom('pdf', 'csv', 'json'), nastyString)
                    : name === 'party'
                      ? fc.oneof(fc.constantFrom('federal', 'state', 'club'), nastyString)
                      : fc.oneof(
                          { weight: 3, arbitrary: fc.constantFrom(...ids) },
                          { weight: 1, arbitrary: nastyString },
                        ),
                ),
              ),
              query: fc.tuple(...query.map((p) => fc.option(valueFor(p.schema ?? {}), { nil: undefined }))),
              extra: fc.option(fc.tuple(nastyString, nastyString), { nil: undefined }),
              body: body
                ? fc.oneof({ weight: 4, arbitrary: valueFor(body) }, { weight: 1, arbitrary: worst })
                : fc.constant(undefined),
              idempotencyKey: fc.oneof(fc.uuid(), nastyString),
            }),
            async (input) => {
              let url = path;
              pathParams.forEach((name, i) => (url = url.replace(`{${name}}`, component(input.params[i]))));
              const search = query
                .map((p, i) => (input.query[i] === undefined ? '' : `${p.name}=${component(input.query[i])}`))
                .filter(Boolean);
              if (input.extra) search.push(`${component(input.extra[0])}=${component(input.extra[1])}`);
              if (search.length > 0) url += `?${search.join('&')}`;
              const before = await footprint(database.sql);
              const response = await app.request(url, {
                method,
                headers: {
                  authorization: `Bearer ${input.token}`,
                  'content-type': 'application/json',
                  'idempotency-key': component(input.idempotencyKey).slice(0, 300),
                },
                ...(method === 'GET' || method === 'HEAD' ? {} : { body: JSON.stringify(input.body ?? {}) }),
              });
              const text = new TextDecoder().decode(await response.arrayBuffer());
              const where = `${method} ${url} -> ${response.status} ${text.slice(0, 300)}`;
              expect(response.status, where).toBeLessThan(500);
              if (response.status >= 400) {
                expect(response.headers.get('content-type'), where).toContain('application/problem+json');
                const problem = JSON.parse(text) as { type: string; title: string; status: number; detail: string };
                expect(problem, where).toMatchObject({
                  type: expect.stringMatching(/^urn:cofund:problem:/),
                  title: expect.any(String),
                  status: response.status,
                  detail: expect.any(String),
                });
                expect(await footprint(database.sql), where).toEqual(before);
              }
            },
          ),
          { numRuns: RUNS },
        );
      }
    },
    // Per operation and case, with room for a loaded machine (the suite runs beside other suites).
    60_000 + RUNS * 3_000,
  );
});
