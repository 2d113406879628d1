export * from './feed.service';
export * from './feed-listeners';
export * from './fan-out.service';
export * from './feed.module';
export { clearDigestEntries, DIGEST_MAX_ITEMS, digestItems } from './feed.repository';
export type { DigestItemRow } from './feed.repository';
