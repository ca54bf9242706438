import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sql } from 'drizzle-orm';
import type { Transaction } from '../ledger';
import { idempotentRequests } from '../db/schema';
import { ValidationError } from '../errors';
import { canonicalJson, sha256Hex } from '../hashing';
import type { Actor } from '../auth';
import { type Database, type GroupCommit, deferWrites, rowsOf, withDeferredWrites } from '../db';
import type { AppEnv } from './context';

export interface Outcome<T, S extends ContentfulStatusCode> {
  status: S;
  body: T;
}

const MAX_KEY = 200;

/**
 * Runs a money-moving request at most once per Idempotency-Key (per organisation). The work and the
 * remembered response commit in one transaction: a request either happened and is remembered, or
 * did nothing and may be retried. A repeat with the same key and body gets the original response
 * (header Idempotent-Replayed: true); the same key with another body is a 422. Requests with the
 * same key queue on a transaction-scoped advisory lock, so concurrent retries cannot both run.
 * With group commit (`deps.groupCommit`) the transaction is shared with concurrent requests, each in
 * its own savepoint (src/db/group-commit.ts).
 */
export async function idempotently<T extends object, S extends ContentfulStatusCode>(
  c: Context<AppEnv>,
  body: unknown,
  work: (tx: Transaction) => Promise<Outcome<T, S>>,
) {
  const key = c.req.header('idempotency-key');
  if (!key || key.length > MAX_KEY) {
    throw new ValidationError(
      'This request moves money: send an Idempotency-Key header (1 to 200 characters), unique per intended operation.',
      [{ field: 'header.Idempotency-Key', message: key ? 'too long' : 'required' }],
      'idempotency-key-required',
      400,
    );
  }
  const request = { key, method: c.req.method, path: c.req.path, body };
  const outcome = await once(c.var.db, c.var.actor, request, work, c.var.deps.groupCommit);
  if (!outcome.replayed) c.var.deps.afterMoneyMoved?.(c, c.var.db);
  return c.json(outcome.body, outcome.status, outcome.replayed ? { 'idempotent-replayed': 'true' } : {});
}

const principalOf = (actor: Actor) => (actor.kind === 'admin' ? 'admin' : `organisation:${actor.organisationId}`);

/** The answer remembered for one of this actor's organisation's keys, if that request ran. */
export async function remembered(db: Database, actor: Actor, key: string): Promise<unknown> {
  const [row] = await db
    .select({ body: idempotentRequests.responseBody })
    .from(idempotentRequests)
    .where(sql`${idempotentRequests.principal} = ${principalOf(actor)} AND ${idempotentRequests.key} = ${key}`);
  return row?.body;
}

/**
 * The heart of `idempotently`, for any edge that moves money (the API, the portal's money forms):
 * runs `work` at most once per (organisation, key), remembering its answer in the same transaction:
 * a transaction of its own, or a savepoint in a batch of `groupCommit`'s, answered once it commits.
 */
export async function once<T extends object, S extends ContentfulStatusCode>(
  db: Database,
  actor: Actor,
  request: { key: string; method: string; path: string; body: unknown },
  work: (tx: Transaction) => Promise<Outcome<T, S>>,
  groupCommit?: GroupCommit,
): Promise<Outcome<T, S> & { replayed: boolean }> {
  const { key } = request;
  // One key space per organisation: its systems retry with whichever of its keys they hold (a key
  // rotated between a request and its retry), and must not pay twice. The role is part of the
  // request, so another role's key gets a 422, not the first key's answer.
  const principal = principalOf(actor);
  const role = actor.kind === 'admin' ? 'admin' : actor.role;
  const requestHash = sha256Hex(
    canonicalJson({ method: request.method, path: request.path, role, body: request.body }),
  );
  const attempt = async (tx: Transaction): Promise<Outcome<T, S> & { replayed: boolean }> => {
    // Queues behind a request with the same key, then reads its answer: one round trip (0017). In a
    // batch, an earlier member with the same key holds the lock already (this session's) and its
    // answer is visible here: a replay. A member rolled back to its savepoint released the lock.
    const [earlier] = await rowsOf<{ earlier_hash: string; earlier_status: number; earlier_body: unknown }>(
      tx,
      sql`SELECT * FROM idempotent_request_claim(${principal}, ${key})`,
    );
    if (earlier) {
      if (earlier.earlier_hash !== requestHash) {
        throw new ValidationError(
          `Idempotency-Key "${key}" was already used for a different request.`,
          [
            {
              field: 'header.Idempotency-Key',
              message: 'already used by your organisation with another method, path, body or key role',
            },
          ],
          'idempotency-key-reused',
          422,
        );
      }
      // The stored response of this very route: same shape, same status.
      return { status: earlier.earlier_status as S, body: earlier.earlier_body as T, replayed: true };
    }
    // The work's audit rows and events go with the remembered answer, in one statement.
    deferWrites(tx);
    const done = await work(tx);
    await tx.execute(
      withDeferredWrites(
        tx,
        tx.insert(idempotentRequests).values({
          principal,
          key,
          method: request.method,
          path: request.path,
          requestHash,
          responseStatus: done.status,
          responseBody: done.body as object,
        }),
      ),
    );
    return { ...done, replayed: false };
  };
  return groupCommit ? groupCommit.run(attempt) : db.transaction(attempt);
}
