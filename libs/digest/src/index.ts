export * from './digest-ledger';
export * from './digests.service';
export * from './digest.module';
