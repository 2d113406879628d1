import { NotificationType } from './notification.entity';

/**
 * Types whose unread notifications about the same subject (update, campaign, organization, or the
 * recipient themself) fold into one row, so a burst (500 pledges in a minute, a viral update)
 * stays one line with a count. The others are rare and each keeps its own row.
 */
const GROUPED = new Set([
  NotificationType.NEW_FOLLOWER,
  NotificationType.UPDATE_COMMENTED,
  NotificationType.UPDATE_REACTED,
  NotificationType.PLEDGE_RECEIVED,
]);

/** What a notification folds by. */
export interface GroupedBy {
  eventId: string;
  type: NotificationType;
  updateId?: string | null;
  campaignId?: string | null;
  organizationId?: string | null;
}

/** The key unread notifications of one recipient and type fold under (unique while unread). */
export const groupKeyOf = (n: GroupedBy): string =>
  GROUPED.has(n.type)
    ? `${n.updateId ?? '-'}|${n.campaignId ?? '-'}|${n.organizationId ?? '-'}`
    : `event|${n.eventId}`;
