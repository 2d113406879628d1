export * from './rate-limit.store';
export * from './rate-limit.module';
export * from './batched-counter';
