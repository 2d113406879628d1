import { AccountsResolver, UsersResolver, ViewerResolver } from '../accounts/accounts.resolver';
import { CausesResolver } from '../causes/causes.resolver';
import { SearchResolver } from '../discovery/search.resolver';
import { UserFollowsResolver, ViewerGraphResolver } from '../follows/follows.resolver';
import {
  MembershipsResolver,
  OrganizationsResolver,
} from '../organizations/organizations.resolver';
import { SystemResolver } from '../system/system.resolver';
import { FeedResolver } from '../updates/feed.resolver';
import { CommentsResolver, UpdateEngagementResolver } from '../comments/comments.resolver';
import { BlocksResolver, ReportsResolver } from '../moderation/moderation.resolver';
import {
  NotificationsResolver,
  ViewerNotificationsResolver,
} from '../notifications/notifications.resolver';
import {
  CauseUpdatesResolver,
  OrganizationUpdatesResolver,
  UpdatesResolver,
  UserUpdatesResolver,
} from '../updates/updates.resolver';
import {
  CampaignsResolver,
  CauseCampaignsResolver,
  OrganizationCampaignsResolver,
  PledgesResolver,
  ViewerPledgesResolver,
} from '../pledges/pledges.resolver';
import {
  CauseDeliveryResolver,
  OrganizationDeliveryResolver,
  UserDeliveryResolver,
} from '../reach/delivery.resolver';
import { EmailResolver } from '../reach/email.resolver';
import { OrganizationWebhooksResolver, WebhooksResolver } from '../integrations/webhooks.resolver';
import { DataExportsResolver, ViewerDataExportsResolver } from '../integrations/ownership.resolver';

/**
 * Every resolver class of the API, for writing apps/api/schema.graphql at build time without
 * starting the server. A test holds this list to the schema the running API serves.
 */
export const API_RESOLVERS: Function[] = [
  SystemResolver,
  AccountsResolver,
  ViewerResolver,
  UsersResolver,
  CausesResolver,
  OrganizationsResolver,
  MembershipsResolver,
  UserFollowsResolver,
  ViewerGraphResolver,
  SearchResolver,
  UpdatesResolver,
  FeedResolver,
  OrganizationUpdatesResolver,
  CauseUpdatesResolver,
  UserUpdatesResolver,
  CampaignsResolver,
  PledgesResolver,
  OrganizationCampaignsResolver,
  CauseCampaignsResolver,
  ViewerPledgesResolver,
  CommentsResolver,
  UpdateEngagementResolver,
  NotificationsResolver,
  ViewerNotificationsResolver,
  ReportsResolver,
  BlocksResolver,
  CauseDeliveryResolver,
  OrganizationDeliveryResolver,
  UserDeliveryResolver,
  EmailResolver,
  WebhooksResolver,
  OrganizationWebhooksResolver,
  DataExportsResolver,
  ViewerDataExportsResolver,
];
