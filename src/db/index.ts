export {
  connect,
  type ConnectOptions,
  type Database,
  type DatabaseHandle,
  type Executor,
  type SessionTimeouts,
  type Transaction,
} from './client';
export { databaseOutage } from './faults';
export * as schema from './schema';
export { parseOptionalTimestamp, parseTimestamp } from './timestamps';
export { driverOf, pgArray } from './driver';
export { olderThan, type Position } from './keyset';
export { deferWrites, insertWithTransaction, withDeferredWrites } from './deferred-writes';
export { rowsOf } from './rows';
export { createGroupCommit, type GroupCommit, type GroupCommitOptions } from './group-commit';
