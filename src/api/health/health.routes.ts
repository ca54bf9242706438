import { createRoute, z } from '@hono/zod-openapi';

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['ok', 'unreachable']),
    sealer: z
      .object({
        unsealedEntries: z.number().int().describe('Committed entries not yet sealed into the hash chain'),
        oldestUnsealedAgeSeconds: z
          .number()
          .nullable()
          .describe('How long ago the oldest of them was booked; null when none waits'),
      })
      .nullable()
      .describe('The sealing lag as the database has it now; null when it did not answer within 500 ms'),
  })
  .openapi('Health');

const Check = z.enum(['ok', 'failed', 'timeout', 'not-checked']);

export const ReadinessSchema = z
  .object({
    status: z.enum(['ready', 'not-ready']),
    checks: z.object({ database: Check, migrations: Check, sealer: Check, write: Check }),
    reasons: z.array(z.string()),
  })
  .openapi('Readiness');

export const health = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['Operations'],
  summary: 'Liveness (no authentication): the process answers; never waits more than half a second on the database',
  description:
    'Always 200 while the process can answer, so a supervisor restarts only a process that cannot. ' +
    '`database` says whether the database answered within 500 ms (`status` is then `degraded`); ' +
    '`sealer` how many committed entries wait to be sealed into the hash chain and the age of the oldest. ' +
    'Whether to send traffic here is `/ready`.',
  security: [],
  responses: {
    200: { description: 'The process answers', content: { 'application/json': { schema: HealthSchema } } },
  },
});

export const ready = createRoute({
  method: 'get',
  path: '/ready',
  operationId: 'getReadiness',
  tags: ['Operations'],
  summary: 'Readiness (no authentication): whether this instance can serve money-moving requests now',
  security: [],
  description:
    'Ready when, within 1 s: the database answers, its migrations are those this build expects, the ' +
    'hash-chain sealer keeps up, and a write commits. Otherwise 503 with `Retry-After`, naming the failed checks.',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: ReadinessSchema } } },
    503: { description: 'Not ready', content: { 'application/json': { schema: ReadinessSchema } } },
  },
});
