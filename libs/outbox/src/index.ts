export * from './domain-events';
export * from './event-handlers';
export * from './outbox';
export * from './outbox-event.entity';
export * from './outbox-relay';
export * from './outbox-relay.module';
export * from './outbox-routes';
export * from './outbox.module';
export type { OutboxRow } from './outbox.repository';
