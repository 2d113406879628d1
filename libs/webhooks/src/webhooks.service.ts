import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { integrationsConfig, IntegrationsConfig } from '@causeway/config';
import { decodeCursor, DomainError, Page, toPage } from '@causeway/common';
import { Can, OrganizationsService } from '@causeway/organizations';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { generateSecret } from './signing';
import { WebhooksRepository } from './webhooks.repository';
import { parseTarget, resolveTarget, TargetRefused } from './target-guard';
import { webhookBody, WebhookDeliveryRow, WebhookEvent, WebhookRow } from './webhook-events';

export const MAX_WEBHOOKS_PER_ORGANIZATION = 20;
/** Attempts in flight to one webhook while it is healthy; a failing one gets one at a time. */
export const MAX_IN_FLIGHT = 4;
/** How long a rotated-out secret keeps signing. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;
const DELIVERIES_LIST = 'webhook-deliveries';

export interface NewWebhook {
  organizationId: string;
  url: string;
  events: WebhookEvent[];
}

export interface WebhookWithSecret {
  webhook: WebhookRow;
  secret: string;
}

/**
 * Organizations' webhooks, managed by their OWNERs and ADMINs: creation (the secret is returned
 * once), rotation with an overlap, deletion, pings and the delivery log. Delivering is the
 * worker's (WebhookDeliveries).
 */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(integrationsConfig.KEY) private readonly config: IntegrationsConfig,
    private readonly organizations: OrganizationsService,
    private readonly outbox: Outbox,
    private readonly webhooks: WebhooksRepository,
  ) {}

  /** The organization's webhooks, oldest first: OWNER or ADMIN only. */
  async ofOrganization(actorId: string | null, organizationId: string): Promise<WebhookRow[]> {
    await this.assertManager(this.db.manager, actorId, organizationId);
    return this.webhooks.ofOrganization(organizationId);
  }

  async create(actorId: string, input: NewWebhook): Promise<WebhookWithSecret> {
    const events = [...new Set(input.events)];
    if (events.length === 0) throw DomainError.badInput({ events: 'must name at least one event' });
    if (events.includes(WebhookEvent.PING))
      throw DomainError.badInput({ events: 'PING is only sent by pingWebhook' });
    await this.checkTarget(input.url);
    const secret = generateSecret();
    const webhook = await this.db.transaction(async (em) => {
      await this.assertManager(em, actorId, input.organizationId, true);
      if ((await this.webhooks.countOf(em, input.organizationId)) >= MAX_WEBHOOKS_PER_ORGANIZATION)
        throw DomainError.conflict(
          `An organization may have at most ${MAX_WEBHOOKS_PER_ORGANIZATION} webhooks.`,
        );
      return this.webhooks.insert(
        em,
        input.organizationId,
        input.url,
        events,
        secret,
        MAX_IN_FLIGHT,
      );
    });
    return { webhook, secret };
  }

  async delete(actorId: string, id: string): Promise<boolean> {
    await this.db.transaction(async (em) => {
      const hook = await this.lockOwned(em, actorId, id);
      await this.webhooks.remove(em, hook.id);
    });
    return true;
  }

  /** A new secret; the old one keeps signing for 24 hours. Re-enables a disabled webhook. */
  async rotate(actorId: string, id: string): Promise<WebhookWithSecret> {
    const secret = generateSecret();
    const webhook = await this.db.transaction(async (em) => {
      await this.lockOwned(em, actorId, id);
      return this.webhooks.rotate(em, id, secret, ROTATION_OVERLAP_MS / 1000);
    });
    return { webhook, secret };
  }

  /** Writes a PING delivery and its outbox event in one transaction; the worker sends it. */
  async ping(actorId: string, id: string): Promise<WebhookDeliveryRow> {
    return this.db.transaction(async (em) => {
      const hook = await this.lockOwned(em, actorId, id);
      const now = new Date();
      const body = webhookBody(WebhookEvent.PING, now, {
        webhookId: hook.id,
        organizationId: hook.organizationId,
      });
      const row = await this.webhooks.insertDelivery(em, hook.id, WebhookEvent.PING, body, now);
      await this.outbox.add(em, DomainEvent.WebhookPinged, { deliveryId: row.id });
      return row;
    });
  }

  /** For each webhook, its deliveries newest first: one LATERAL query for every webhook of the page. */
  async deliveryPages(
    webhookIds: string[],
    limit: number,
    after: string | null,
  ): Promise<Map<string, Page<WebhookDeliveryRow>>> {
    const before = after
      ? String(decodeCursor(after, { list: DELIVERIES_LIST, parts: ['uuid'] })[0])
      : 'ffffffff-ffff-ffff-ffff-ffffffffffff';
    const rows = await this.webhooks.deliveryRows(webhookIds, before, limit + 1);
    const out = new Map<string, Page<WebhookDeliveryRow>>();
    for (const id of webhookIds) {
      out.set(
        id,
        toPage(
          rows.filter((r) => r.webhookId === id),
          limit,
          (r) => [r.id],
          DELIVERIES_LIST,
        ),
      );
    }
    return out;
  }

  /** https on a public address (checked again, after name resolution, at every delivery). */
  private async checkTarget(url: string): Promise<void> {
    try {
      parseTarget(url, this.config.allowPrivateTargets);
      await resolveTarget(url, this.config.allowPrivateTargets).catch((err: Error) => {
        // A name that does not resolve yet may later: only an address known to be private is refused now.
        if (!(err instanceof TargetRefused) || !/private/.test(err.message)) return;
        throw err;
      });
    } catch (err) {
      if (err instanceof TargetRefused) throw DomainError.badInput({ url: err.message });
      throw err;
    }
  }

  private async lockOwned(em: EntityManager, actorId: string, id: string): Promise<WebhookRow> {
    const hook = await this.webhooks.lock(em, id);
    if (!hook) throw DomainError.notFound('The webhook');
    await this.assertManager(em, actorId, hook.organizationId);
    return hook;
  }

  private async assertManager(
    em: EntityManager,
    actorId: string | null,
    organizationId: string,
    mustExist = false,
  ): Promise<void> {
    const denied = 'Only an OWNER or ADMIN of the organization may manage its webhooks.';
    if (!actorId) throw DomainError.forbidden(denied);
    if (mustExist) {
      if (!(await this.organizations.exists(organizationId, em))) {
        throw DomainError.notFound('The organization');
      }
    }
    if (!Can.manage(await this.organizations.roleOf(actorId, organizationId, em))) {
      throw DomainError.forbidden(denied);
    }
  }
}
