export { connect, type ConnectOptions, type Database, type DatabaseHandle, type Executor } from './client';
export * as schema from './schema';
export { parseOptionalTimestamp, parseTimestamp } from './timestamps';
export { driverOf, pgArray } from './driver';
export { olderThan, type Position } from './keyset';
