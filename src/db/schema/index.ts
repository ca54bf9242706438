export * from './ledger';
export * from './workflow';
export * from './reconciliation';
