export * from './ledger';
export * from './workflow';
export * from './people';
export * from './reconciliation';
export * from './documents';
export * from './events';
export * from './webhooks';
export * from './mail';
