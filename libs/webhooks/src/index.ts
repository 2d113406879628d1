export * from './webhook-events';
export * from './signing';
export * from './target-guard';
export * from './sender';
export * from './webhooks.service';
export * from './webhook-deliveries';
export * from './webhooks.module';
