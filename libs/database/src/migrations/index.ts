import { UuidV7Function1763700000000 } from './1763700000000-UuidV7Function';
import { RateLimitCounter1763700000001 } from './1763700000001-RateLimitCounter';
import { Accounts1795302878828 } from './1795302878828-Accounts';
import { CausesOrganizationsFollows1795400000000 } from './1795400000000-CausesOrganizationsFollows';
import { SeedCauses1795400000001 } from './1795400000001-SeedCauses';
import { UpdatesFeed1795450000000 } from './1795450000000-UpdatesFeed';
import { CampaignsPledges1795500000000 } from './1795500000000-CampaignsPledges';
import { Engagement1795600000000 } from './1795600000000-Engagement';
import { Integrations1795700000000 } from './1795700000000-Integrations';
import { Reach1795715000000 } from './1795715000000-Reach';
import { OutboxRequestId1795720000000 } from './1795720000000-OutboxRequestId';

/** Every migration, oldest first. Generated ones are added here when they land. */
export const MIGRATIONS = [
  UuidV7Function1763700000000,
  RateLimitCounter1763700000001,
  Accounts1795302878828,
  CausesOrganizationsFollows1795400000000,
  SeedCauses1795400000001,
  UpdatesFeed1795450000000,
  CampaignsPledges1795500000000,
  Engagement1795600000000,
  Integrations1795700000000,
  Reach1795715000000,
  OutboxRequestId1795720000000,
];
