import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  type PostingInput,
  type Side,
  LedgerError,
  balanceAt,
  captureHold,
  createHold,
  getAccount,
  postEntry,
  reverseEntry,
  voidHold,
} from '../../src/ledger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openAccount } from '../support/ledger-fixtures';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/*
 * Model-based: random sequences of entries, holds, captures, voids, reversals and FX conversions run
 * against the ledger and against a plain in-memory model (integer minor units). After every step the
 * ledger must have accepted exactly what the model accepts and hold exactly the model's balances;
 * at the end every balance at every past instant must be the model's at that instant, every balance
 * the sum of its postings, and every currency balanced.
 */

type Cents = bigint;
const cents = (amount: string): Cents => BigInt(amount.replace('.', ''));
const money = (value: Cents): string => {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};
const opposite = (side: Side): Side => (side === 'debit' ? 'credit' : 'debit');

// Account slots: 0 world (equity, no limit), 1 pool (asset >= 0), 2 project (asset >= 0),
// 3 bank (asset, credit line 500.00), 4 club USD (asset >= 0), 5 FX USD, 6 FX MXN (no limits).
const MXN_SLOTS = [0, 1, 2, 3] as const;
const HOLDABLE = [1, 2, 3] as const;

type Operation =
  | { op: 'entry'; a: number; b: number; c: number; side: Side; x: number; y: number }
  | { op: 'hold'; from: number; to: number; x: number }
  | { op: 'capture'; hold: number; x: number; final: boolean; size: 'part' | 'rest' | 'one-over' }
  | { op: 'void'; hold: number }
  | { op: 'reverse'; entry: number }
  | { op: 'fund-club'; x: number }
  | { op: 'fx'; x: number };

const amount = fc.integer({ min: 1, max: 60_000 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('entry' as const),
      a: fc.constantFrom(...MXN_SLOTS),
      b: fc.constantFrom(...MXN_SLOTS),
      c: fc.constantFrom(-1, ...MXN_SLOTS),
      side: fc.constantFrom<Side>('debit', 'credit'),
      x: amount,
      y: amount,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('hold' as const),
      from: fc.constantFrom(...HOLDABLE),
      to: fc.constantFrom(...MXN_SLOTS),
      x: amount,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('capture' as const),
      hold: fc.nat(20),
      x: amount,
      final: fc.boolean(),
      size: fc.constantFrom('part' as const, 'rest' as const, 'one-over' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('void' as const), hold: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reverse' as const), entry: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('fund-club' as const), x: amount }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('fx' as const), x: amount }) },
);

interface ModelHold {
  id: string;
  account: number;
  counter: number;
  amount: Cents;
  captured: Cents;
  pending: boolean;
}
interface ModelEntry {
  id: string;
  postings: Array<{ slot: number; side: Side; amount: Cents }>;
  reversed: boolean;
}

class Model {
  balance: Cents[];
  held: Cents[];
  holds: ModelHold[] = [];
  entries: ModelEntry[] = [];
  constructor(readonly accounts: Account[]) {
    this.balance = accounts.map(() => 0n);
    this.held = accounts.map(() => 0n);
  }
  private limit(slot: number): Cents | null {
    const min = this.accounts[slot]!.minBalance;
    return min === null ? null : cents(min);
  }
  /** The balances after these postings and held changes, or null when a limit would be crossed. */
  tryApply(
    postings: ModelEntry['postings'],
    heldDelta: Array<[number, Cents]> = [],
  ): { balance: Cents[]; held: Cents[] } | null {
    const balance = [...this.balance];
    const held = [...this.held];
    for (const p of postings) balance[p.slot]! += p.side === this.accounts[p.slot]!.normalSide ? p.amount : -p.amount;
    for (const [slot, delta] of heldDelta) held[slot]! += delta;
    const touched = new Set([...postings.map((p) => p.slot), ...heldDelta.map(([slot]) => slot)]);
    for (const slot of touched) {
      const min = this.limit(slot);
      if (min !== null && balance[slot]! - held[slot]! < min) return null;
    }
    return { balance, held };
  }
}

async function setUpAccounts(): Promise<Account[]> {
  return [
    await openAccount(database.db, { type: 'equity', minBalance: null, name: 'world' }),
    await openAccount(database.db, { name: 'pool' }),
    await openAccount(database.db, { name: 'project' }),
    await openAccount(database.db, { name: 'bank', minBalance: '-500.00' }),
    await openAccount(database.db, { name: 'club', currency: 'USD' }),
    await openAccount(database.db, { name: 'fx usd', type: 'equity', currency: 'USD', minBalance: null }),
    await openAccount(database.db, { name: 'fx mxn', type: 'equity', minBalance: null }),
  ];
}

/** Runs one operation on the ledger and the model; the ledger must accept exactly when the model does. */
async function step(model: Model, op: Operation): Promise<void> {
  const ids = model.accounts.map((a) => a.id);
  const expectOutcome = async (
    expected: ReturnType<Model['tryApply']>,
    run: () => Promise<string | void>,
    onSuccess: (id: string | void) => void,
  ) => {
    const outcome = await run().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (!outcome.ok && !(outcome.error instanceof LedgerError)) throw outcome.error;
    expect(outcome.ok, `${JSON.stringify(op, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`).toBe(
      expected !== null,
    );
    if (outcome.ok && expected) {
      model.balance = expected.balance;
      model.held = expected.held;
      onSuccess(outcome.value);
    }
  };
  switch (op.op) {
    case 'entry': {
      if (op.a === op.b || op.c === op.a || op.c === op.b) return;
      const postings: ModelEntry['postings'] =
        op.c < 0
          ? [
              { slot: op.a, side: op.side, amount: BigInt(op.x) },
              { slot: op.b, side: opposite(op.side), amount: BigInt(op.x) },
            ]
          : [
              { slot: op.a, side: op.side, amount: BigInt(op.x + op.y) },
              { slot: op.b, side: opposite(op.side), amount: BigInt(op.x) },
              { slot: op.c, side: opposite(op.side), amount: BigInt(op.y) },
            ];
      await expectOutcome(
        model.tryApply(postings),
        async () =>
          (
            await postEntry(database.db, {
              idempotencyKey: randomUUID(),
              kind: 'random',
              postings: postings.map((p): PostingInput => ({
                accountId: ids[p.slot]!,
                side: p.side,
                amount: money(p.amount),
              })),
            })
          ).entry.id,
        (id) => model.entries.push({ id: id!, postings, reversed: false }),
      );
      return;
    }
    case 'hold': {
      if (op.from === op.to) return;
      await expectOutcome(
        model.tryApply([], [[op.from, BigInt(op.x)]]),
        async () =>
          (
            await createHold(database.db, {
              idempotencyKey: randomUUID(),
              accountId: ids[op.from]!,
              counterAccountId: ids[op.to]!,
              amount: money(BigInt(op.x)),
            })
          ).hold.id,
        (id) =>
          model.holds.push({
            id: id!,
            account: op.from,
            counter: op.to,
            amount: BigInt(op.x),
            captured: 0n,
            pending: true,
          }),
      );
      return;
    }
    case 'capture': {
      const hold = model.holds[op.hold % Math.max(model.holds.length, 1)];
      if (!hold) return;
      const remaining = hold.amount - hold.captured;
      // Aim at the boundaries as often as at random amounts.
      const x = op.size === 'part' ? BigInt(op.x) : op.size === 'rest' ? remaining : remaining + 1n;
      if (x <= 0n) return;
      const decreasing = opposite(model.accounts[hold.account]!.normalSide);
      const postings = [
        { slot: hold.account, side: decreasing, amount: x },
        { slot: hold.counter, side: opposite(decreasing), amount: x },
      ];
      const resolves = op.final || x === remaining;
      const expected =
        hold.pending && x <= remaining ? model.tryApply(postings, [[hold.account, -(resolves ? remaining : x)]]) : null;
      await expectOutcome(
        expected,
        async () =>
          (await captureHold(database.db, hold.id, { idempotencyKey: randomUUID(), amount: money(x), final: op.final }))
            .entry.id,
        (id) => {
          hold.captured += x;
          hold.pending = !resolves;
          model.entries.push({ id: id!, postings, reversed: false });
        },
      );
      return;
    }
    case 'void': {
      const hold = model.holds[op.hold % Math.max(model.holds.length, 1)];
      if (!hold) return;
      await expectOutcome(
        hold.pending ? model.tryApply([], [[hold.account, -(hold.amount - hold.captured)]]) : null,
        async () => void (await voidHold(database.db, hold.id)),
        () => {
          hold.pending = false;
        },
      );
      return;
    }
    case 'reverse': {
      const entry = model.entries[op.entry % Math.max(model.entries.length, 1)];
      if (!entry) return;
      const mirror = entry.postings.map((p) => ({ ...p, side: opposite(p.side) }));
      await expectOutcome(
        entry.reversed ? null : model.tryApply(mirror),
        async () => (await reverseEntry(database.db, entry.id, { idempotencyKey: randomUUID() })).entry.id,
        (id) => {
          entry.reversed = true;
          model.entries.push({ id: id!, postings: mirror, reversed: false });
        },
      );
      return;
    }
    case 'fund-club': {
      const postings = [
        { slot: 4, side: 'debit' as const, amount: BigInt(op.x) },
        { slot: 5, side: 'credit' as const, amount: BigInt(op.x) },
      ];
      await expectOutcome(
        model.tryApply(postings),
        async () =>
          (
            await postEntry(database.db, {
              idempotencyKey: randomUUID(),
              kind: 'fund',
              postings: postings.map((p) => ({ accountId: ids[p.slot]!, side: p.side, amount: money(p.amount) })),
            })
          ).entry.id,
        (id) => model.entries.push({ id: id!, postings, reversed: false }),
      );
      return;
    }
    case 'fx': {
      // USD -> MXN at 17.25: cents * 17.25 rounded half-even, as the ledger does.
      const usd = BigInt(op.x);
      const scaled = usd * 1725n;
      const [quotient, remainder] = [scaled / 100n, scaled % 100n];
      const mxn = remainder > 50n || (remainder === 50n && quotient % 2n === 1n) ? quotient + 1n : quotient;
      const postings = [
        { slot: 5, side: 'debit' as const, amount: usd },
        { slot: 4, side: 'credit' as const, amount: usd },
        { slot: 2, side: 'debit' as const, amount: mxn },
        { slot: 6, side: 'credit' as const, amount: mxn },
      ];
      await expectOutcome(
        mxn > 0n ? model.tryApply(postings) : null,
        async () =>
          (
            await postEntry(database.db, {
              idempotencyKey: randomUUID(),
              kind: 'fx',
              fx: [{ from: 'USD', to: 'MXN', rate: '17.25', fromAmount: money(usd), toAmount: money(mxn) }],
              postings: postings.map((p) => ({ accountId: ids[p.slot]!, side: p.side, amount: money(p.amount) })),
            })
          ).entry.id,
        (id) => model.entries.push({ id: id!, postings, reversed: false }),
      );
    }
  }
}

describe('ledger invariants under random operations', () => {
  it('agree with a reference model at every step and every instant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 35 }), async (operations) => {
        const accounts = await setUpAccounts();
        const model = new Model(accounts);
        const snapshots: Array<{ at: Date; balance: Cents[] }> = [];
        for (const op of operations) {
          await step(model, op);
          const stored = await Promise.all(accounts.map((a) => getAccount(database.db, a.id)));
          expect(stored.map((a) => a.balance)).toEqual(model.balance.map(money));
          expect(stored.map((a) => a.held)).toEqual(model.held.map(money));
          snapshots.push({ at: new Date(), balance: [...model.balance] });
          // An instant counts its whole millisecond: the next booking must fall in a later one.
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        for (const snapshot of snapshots) {
          const past = await Promise.all(accounts.map((a) => balanceAt(database.db, a.id, snapshot.at)));
          expect(past.map((b) => b.balance)).toEqual(snapshot.balance.map(money));
        }
        const ids = `{${accounts.map((a) => a.id).join(',')}}`;
        const drift = (await database.db.execute(sql`
          SELECT a.code FROM ledger_accounts a
          WHERE a.id = ANY(${ids}::uuid[]) AND (
            a.balance <> coalesce((SELECT sum(CASE WHEN p.side = a.normal_side THEN p.amount ELSE -p.amount END)
                                   FROM postings p WHERE p.account_id = a.id), 0)
            OR a.balance <> coalesce((SELECT p.balance_after FROM postings p WHERE p.account_id = a.id
                                      ORDER BY p.account_version DESC LIMIT 1), 0)
            OR a.version <> (SELECT count(*) FROM postings p WHERE p.account_id = a.id))
        `)) as unknown as unknown[];
        expect(drift).toEqual([]);
        const unbalanced = (await database.db.execute(sql`
          SELECT currency FROM postings GROUP BY currency
          HAVING sum(amount) FILTER (WHERE side = 'debit') <> sum(amount) FILTER (WHERE side = 'credit')
        `)) as unknown as unknown[];
        expect(unbalanced).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
