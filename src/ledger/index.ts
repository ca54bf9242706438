/**
 * The double-entry ledger: every movement of money in cofund is a balanced journal entry posted
 * here. Functions take a database or an open transaction (to commit with a workflow step).
 */
export {
  accountAfter,
  createAccount,
  ensureAccount,
  findAccountByCode,
  findAccountsByCode,
  getAccount,
  toAccount,
} from './accounts';
export { lockAccounts } from './account-locks';
export {
  GENESIS_HASH,
  recordVerification,
  sealPending,
  verifyChain,
  verifyLedger,
  type ChainReport,
  type Checkpoint,
  type Verification,
} from './chain';
export { getEntry, loadEntries, postEntry, reverseEntry } from './entries';
export * from './errors';
export { captureHold, createHold, expireHolds, getHold, getHolds, voidHold, type HoldExpiredHook } from './holds';
export {
  balanceAt,
  listEntries,
  trialBalance,
  type BalanceAt,
  type EntryFilter,
  type TrialBalance,
  type TrialBalanceLine,
} from './queries';
export { inTransaction, type Transaction } from './transaction';
export * from './types';
export { startLedgerMaintenance, type MaintenanceOptions } from './maintenance';
