/**
 * Every table and the one lib that owns it: only the owner's code names the table in SQL or uses
 * its entity. Another lib reads or changes it through the owner's intention-named methods, or,
 * where one statement must join it (a hot path), composes a SQL fragment the owner exports.
 * `table-owners.spec.ts` enforces this over every lib's and app's source.
 */
export const TABLE_OWNERS = {
  users: 'accounts',
  refresh_tokens: 'accounts',
  email_tokens: 'accounts',
  causes: 'causes',
  comments: 'comments',
  reactions: 'comments',
  digests: 'digest',
  // The fan-out writes digest entries in the statement that writes feed entries, and the digest
  // lib imports feed: owned by digest, feed would have to import digest (a cycle).
  digest_entries: 'feed',
  feed_entries: 'feed',
  fanout_chunks: 'feed',
  feed_listeners: 'feed',
  follows: 'follows',
  sent_emails: 'mail',
  reports: 'moderation',
  user_blocks: 'blocks',
  notifications: 'notifications',
  notification_receipts: 'notifications',
  organizations: 'organizations',
  organization_members: 'organizations',
  organization_causes: 'organizations',
  outbox_events: 'outbox',
  data_exports: 'ownership',
  data_export_chunks: 'ownership',
  campaigns: 'pledges',
  pledges: 'pledges',
  rate_limit_counter: 'rate-limit',
  updates: 'updates',
  update_causes: 'updates',
  webhooks: 'webhooks',
  webhook_deliveries: 'webhooks',
  webhook_leases: 'webhooks',
} as const;
