/**
 * Every column that points at a person, and what account deletion (AccountDeletionService) and the
 * data export (EXPORT_SECTIONS) do with it. A test compares this list with the schema: a new
 * column referencing users (or named `user_id`) fails it until its owner says here what happens to
 * it, and the erasure or the export is extended to match.
 */
export const PERSONAL_COLUMNS: Readonly<Record<string, string>> = {
  'users.id':
    'erased: email, handle, name, bio and password replaced (accounts); exported as the profile',
  'refresh_tokens.user_id': 'erased: every session ends (accounts)',
  'email_tokens.user_id': 'erased (accounts); otherwise pruned 7 days past expiry (housekeeping)',
  'organization_members.user_id':
    'erased: left, refused for the last OWNER (organizations); exported as organizations',
  'follows.follower_id': 'erased, counts moved (follows); exported as follows',
  'follows.source_id': 'erased when the source is the person, counts moved (follows)',
  'updates.author_id':
    'personal updates emptied and deleted, organization updates stay (updates); exported as updates',
  'comments.author_id': 'emptied and deleted, counts moved (comments); exported as comments',
  'reactions.user_id': 'erased, counts moved (comments); exported as reactions',
  'pledges.user_id':
    'kept so campaign totals never change, message erased (pledges); exported as pledges',
  'campaigns.created_by_id': 'kept: the campaign belongs to its organization',
  'user_blocks.blocker_id': 'erased both ways (BlocksService)',
  'user_blocks.blocked_id': 'erased both ways (BlocksService)',
  'notifications.recipient_id': 'erased (notifications); exported as notifications',
  'notifications.actor_id': "kept: others' notifications show the replaced handle",
  'notification_receipts.recipient_id': 'kept, no content; pruned after 7 days (housekeeping)',
  'reports.reporter_id': 'kept: the moderation record',
  'reports.resolved_by': 'kept: the moderation record',
  'feed_entries.user_id': 'erased (feed)',
  'feed_listeners.user_id': 'kept: an open subscription, gone when it stops being refreshed',
  'digest_entries.user_id': 'erased (digest); otherwise pruned after 35 days (housekeeping)',
  'digests.user_id': 'unsent ones erased (digest); sent ones pruned after 90 days (housekeeping)',
  'sent_emails.user_id': 'kept, a ledger of keys; pruned after 30 days (housekeeping)',
  'data_exports.user_id': 'erased with their archives (ownership)',
};
