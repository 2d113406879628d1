import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { OrganizationEntity } from '@causeway/organizations';
import { WebhookDeliveryRow, WebhookRow, WebhooksService } from '@causeway/webhooks';
import { CurrentUser, GqlAuthGuard } from '../auth/auth.guards';
import { ConnectionShape, PageArgs, connectionOf } from '../graphql/connection';
import type { AuthUser, GqlContext } from '../graphql/context';
import { PageKey, pagedLoader } from '../graphql/paged-loader';
import { Organization } from '../organizations/organization.model';
import {
  CreateWebhookInput,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookWithSecret,
} from './integrations.model';

const idArg = (name: string, description: string) => Args(name, { type: () => ID, description });

@Resolver(() => Webhook)
export class WebhooksResolver {
  /** Per request (keyed by its context object): the deliveries of every webhook of a page in one query. */
  private readonly loaders = new WeakMap<
    object,
    DataLoader<
      PageKey,
      {
        items: WebhookDeliveryRow[];
        cursors: string[];
        hasNextPage: boolean;
        endCursor: string | null;
      },
      string
    >
  >();

  constructor(private readonly webhooks: WebhooksService) {}

  @Mutation(() => WebhookWithSecret, {
    description:
      'Creates a webhook: OWNER or ADMIN of the organization (else FORBIDDEN); CONFLICT beyond 20 per organization. The secret is shown only in this answer.',
  })
  @UseGuards(GqlAuthGuard)
  createWebhook(
    @CurrentUser() viewer: AuthUser,
    @Args('input', { description: 'The new webhook.' }) input: CreateWebhookInput,
  ) {
    return this.webhooks.create(viewer.id, input);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes a webhook: OWNER or ADMIN (else FORBIDDEN); NOT_FOUND for an unknown id.',
  })
  @UseGuards(GqlAuthGuard)
  deleteWebhook(
    @CurrentUser() viewer: AuthUser,
    @idArg('id', 'The webhook.') id: string,
  ): Promise<boolean> {
    return this.webhooks.delete(viewer.id, id);
  }

  @Mutation(() => WebhookWithSecret, {
    description:
      'A new secret (the old one keeps signing beside it for 24 hours) and re-enables the webhook: OWNER or ADMIN (else FORBIDDEN).',
  })
  @UseGuards(GqlAuthGuard)
  rotateWebhookSecret(@CurrentUser() viewer: AuthUser, @idArg('id', 'The webhook.') id: string) {
    return this.webhooks.rotate(viewer.id, id);
  }

  @Mutation(() => WebhookDelivery, {
    description:
      'Queues a signed PING event to the webhook now: OWNER or ADMIN (else FORBIDDEN). Follow it in deliveries.',
  })
  @UseGuards(GqlAuthGuard)
  pingWebhook(
    @CurrentUser() viewer: AuthUser,
    @idArg('id', 'The webhook.') id: string,
  ): Promise<WebhookDeliveryRow> {
    return this.webhooks.ping(viewer.id, id);
  }

  /** Only reachable through Organization.webhooks, which checks the viewer's role. */
  @ResolveField(() => WebhookDeliveryConnection, {
    description: 'Its deliveries (the delivery log), newest first.',
  })
  async deliveries(
    @Parent() w: WebhookRow,
    @Args() { first, after }: PageArgs,
    @Context() ctx: GqlContext,
  ): Promise<ConnectionShape<WebhookDeliveryRow>> {
    let loader = this.loaders.get(ctx);
    if (!loader) {
      loader = pagedLoader((ids, limit, cursor) => this.webhooks.deliveryPages(ids, limit, cursor));
      this.loaders.set(ctx, loader);
    }
    return connectionOf(loader, w.id, { first, after });
  }
}

@Resolver(() => Organization)
export class OrganizationWebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @ResolveField(() => [Webhook], {
    description: "The organization's webhooks: OWNER or ADMIN only (else FORBIDDEN).",
  })
  webhooks(
    @Parent() org: OrganizationEntity,
    @Context() { viewer }: GqlContext,
  ): Promise<WebhookRow[]> {
    return this.service.ofOrganization(viewer?.id ?? null, org.id);
  }
}
