import type { Database, Transaction } from './client';
import { lostToAnotherTransaction, sessionEnded } from './faults';

/*
 * Group commit (docs/ledger.md, "Group commit"): concurrent units of work share one transaction and
 * one COMMIT, so that N money-moving requests pay for one BEGIN, one COMMIT and one WAL flush
 * instead of N, and a hot account's row lock is taken once per batch instead of once per request.
 *
 * - One batch executes at a time. It takes members from the queue one after the other, each inside
 *   its own SAVEPOINT (the first runs in the bare transaction: a lone request costs what it costs
 *   without group commit). Members that arrive while it executes join it, up to `maxBatch`; the
 *   rest start the next batch as soon as this one has sent its COMMIT. Nothing waits for company.
 * - Members run one after the other in one transaction: each sees what the earlier ones wrote, as
 *   if they had committed just before it, which is the serial order. Batches never wait on each
 *   other in a cycle: a batch that executes may wait on the locks of one that is committing, which
 *   waits on nothing.
 * - A member that fails (a refusal, a lock or statement timeout) is rolled back to its savepoint;
 *   the others go on. A lost session (connection, terminated backend) ends the batch. A deadlock or
 *   serialization failure is not the member's fault (another transaction's locks, taken in another
 *   order than the batch's): it is run again alone, in a transaction of its own, after its batch.
 * - Every answer, a refusal included, is released only once the COMMIT has succeeded: a refusal may
 *   rest on what an earlier member wrote. A failed batch (the connection lost, the COMMIT unanswered)
 *   fails every member that ran in it with that error; the members it had not reached yet wait for
 *   the next batch.
 */

export interface GroupCommit {
  /** Runs `work` in the next batch; settles once that batch has committed (or failed). */
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

export interface GroupCommitOptions {
  /** Members in one batch; each savepoint that writes is a subtransaction (PostgreSQL caches 64). */
  maxBatch?: number;
  /** Batches open at once: one executing, the others sending their COMMIT. */
  maxOpen?: number;
}

interface Member {
  work: (tx: Transaction) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const outcomeOf = (work: Promise<unknown>): Promise<Outcome> =>
  work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

export function createGroupCommit(db: Database, options: GroupCommitOptions = {}): GroupCommit {
  const maxBatch = options.maxBatch ?? 32;
  const maxOpen = options.maxOpen ?? 2;
  const queue: Member[] = [];
  let executing = false;
  let open = 0;

  function schedule() {
    if (executing || open >= maxOpen || queue.length === 0) return;
    executing = true;
    open++;
    void runBatch().finally(() => {
      open--;
      schedule();
    });
  }

  async function runBatch() {
    const taken: Member[] = [];
    const outcomes = new Map<Member, Outcome>();
    const victims = new Set<Member>();
    let over = false;
    let executingHere = true;
    const doneExecuting = () => {
      if (!executingHere) return;
      executingHere = false;
      executing = false;
      schedule();
    };
    let failure: { error: unknown } | undefined;
    try {
      await db.transaction(async (tx) => {
        while (taken.length < maxBatch && !over) {
          const member = queue.shift();
          if (!member) break;
          taken.push(member);
          // The first runs in the bare transaction: when it fails, the transaction held only it.
          const alone = taken.length === 1;
          const outcome = await outcomeOf(alone ? member.work(tx) : tx.transaction(member.work));
          if (!outcome.ok && lostToAnotherTransaction(outcome.error)) victims.add(member);
          else outcomes.set(member, outcome);
          // A failed first member rolls the transaction back; a lost session ends it.
          if (!outcome.ok && (alone || sessionEnded(outcome.error))) throw outcome.error;
        }
        // COMMIT follows: the next batch may start executing now.
        doneExecuting();
      });
    } catch (error) {
      failure = { error };
    } finally {
      over = true;
      doneExecuting();
    }
    const rerun = [...victims];
    for (const member of taken) {
      if (victims.has(member)) continue;
      const outcome = outcomes.get(member);
      if (!failure && outcome?.ok) member.resolve(outcome.value);
      // A refusal may rest on what an earlier member wrote: it stands once they have committed, or
      // when the member was alone (its failure is what rolled the transaction back).
      else if (outcome && !outcome.ok && (!failure || taken.length === 1)) member.reject(outcome.error);
      else member.reject(failure?.error);
    }
    // Again alone, each in a transaction of its own, now that the batch's locks are gone (and
    // outside the batches' count: a rerun may wait on the rival it lost to).
    for (const member of rerun) void db.transaction(member.work).then(member.resolve, member.reject);
  }

  return {
    run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
  };
}
