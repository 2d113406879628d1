export * from './feed.service';
export * from './feed-listeners';
export * from './fan-out.service';
export * from './feed.module';
export * from './digest-entries';
