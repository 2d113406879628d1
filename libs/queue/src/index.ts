export * from './queue-names';
export * from './job-options';
export * from './bullmq-connection';
export * from './queue.module';
export * from './event-bus';
export * from './event-bus.module';
export * from './async-iterator';
export * from './redis-outage';
