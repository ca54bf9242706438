import type { FxConversion } from '../db/schema';

export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';
export type Side = 'debit' | 'credit';
export type { FxConversion };

/** The side on which an account of this type grows. */
export function normalSideOf(type: AccountType): Side {
  return type === 'asset' || type === 'expense' ? 'debit' : 'credit';
}

export const oppositeSide = (side: Side): Side => (side === 'debit' ? 'credit' : 'debit');

export interface AccountInput {
  code: string;
  name: string;
  type: AccountType;
  currency: string;
  /**
   * Lowest balance allowed (normal side), counting pending holds: "0.00" never below zero (the
   * default), "-500000.00" a credit line, null no limit (external sources, FX positions).
   */
  minBalance?: string | null;
  metadata?: Record<string, unknown>;
}

export interface Account {
  id: string;
  code: string;
  name: string;
  type: AccountType;
  normalSide: Side;
  currency: string;
  minBalance: string | null;
  /** Posted balance on the normal side. */
  balance: string;
  /** Reserved by pending holds. */
  held: string;
  /** balance - held: what can still be spent or reserved (down to minBalance). */
  available: string;
  version: string;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

export interface PostingInput {
  accountId: string;
  side: Side;
  /** Money string with exactly the account currency's minor-unit digits. */
  amount: string;
  /** Optional: when given it must be the account's currency. */
  currency?: string;
}

export interface EntryInput {
  /** Unique per intended movement: a retry with the same key and content returns the first result. */
  idempotencyKey: string;
  kind: string;
  memo?: string;
  /** Value date; defaults to the booking time. Balances and periods use the booking time. */
  effectiveAt?: Date;
  metadata?: Record<string, unknown>;
  postings: PostingInput[];
  /** Required when the postings span currencies; each currency still balances on its own. */
  fx?: FxConversion[];
}

export interface Posting {
  id: string;
  accountId: string;
  currency: string;
  side: Side;
  amount: string;
  accountVersion: string;
  balanceAfter: string;
}

export interface Entry {
  id: string;
  idempotencyKey: string;
  kind: string;
  memo: string;
  effectiveAt: Date;
  createdAt: Date;
  metadata: Record<string, unknown>;
  fx: FxConversion[] | null;
  reversesEntryId: string | null;
  holdId: string | null;
  postings: Posting[];
}

/** What booking changes on an account: its balances and version (and the limit it was checked against). */
export type AccountState = Pick<Account, 'balance' | 'held' | 'available' | 'version' | 'minBalance'>;

export interface PostResult {
  entry: Entry;
  /** True when this call replayed an earlier one with the same idempotency key. */
  replayed: boolean;
  /** Each touched account as this booking left it; absent on a replay (read the account then). */
  accounts?: ReadonlyMap<string, AccountState>;
}

export type HoldStatus = 'pending' | 'posted' | 'voided' | 'expired';

export interface HoldInput {
  idempotencyKey: string;
  /** The account whose money is reserved. */
  accountId: string;
  /** Where the money goes when the hold is posted. */
  counterAccountId: string;
  amount: string;
  expiresAt?: Date | null;
  memo?: string;
  metadata?: Record<string, unknown>;
}

export interface Hold {
  id: string;
  idempotencyKey: string;
  accountId: string;
  counterAccountId: string;
  currency: string;
  amount: string;
  captured: string;
  /** amount - captured while pending, 0 once resolved. */
  remaining: string;
  status: HoldStatus;
  memo: string;
  metadata: Record<string, unknown>;
  expiresAt: Date | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

export interface CaptureInput {
  idempotencyKey: string;
  amount: string;
  /** Resolve the hold after this capture, releasing whatever is left. */
  final?: boolean;
  kind?: string;
  memo?: string;
  metadata?: Record<string, unknown>;
}

export interface HoldResult {
  hold: Hold;
  replayed: boolean;
}
