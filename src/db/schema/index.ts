export * from './ledger';
export * from './workflow';
