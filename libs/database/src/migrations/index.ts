import { UuidV7Function1763700000000 } from './1763700000000-UuidV7Function';
import { RateLimitCounter1763700000001 } from './1763700000001-RateLimitCounter';

/** Every migration, oldest first. Generated ones are added here when they land. */
export const MIGRATIONS = [UuidV7Function1763700000000, RateLimitCounter1763700000001];
