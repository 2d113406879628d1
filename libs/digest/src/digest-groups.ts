import type { DigestItemRow } from '@causeway/feed';
import type { DigestGroup } from '@causeway/mail';

/** At most this many characters of an update's body in the email. */
const EXCERPT = 280;

/**
 * The digest's sections: grouped by cause, then organization (updates with neither last), in the
 * order the items come (newest first) within a group.
 */
export function digestGroups(appUrl: string, items: DigestItemRow[]): DigestGroup[] {
  const byKey = new Map<string, DigestGroup & { cause: string; org: string }>();
  for (const item of items) {
    const key = `${item.cause_name ?? ''}\u0000${item.organization_name ?? ''}`;
    let group = byKey.get(key);
    if (!group) {
      const title = [item.cause_name, item.organization_name].filter(Boolean).join(' · ') || null;
      group = {
        title,
        updates: [],
        cause: item.cause_name ?? '\uffff',
        org: item.organization_name ?? '\uffff',
      };
      byKey.set(key, group);
    }
    const body = item.body.replace(/\s+/g, ' ').trim();
    group.updates.push({
      url: `${appUrl}/updates/${item.update_id}`,
      excerpt: body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body,
      by: item.organization_name ?? item.author_name,
      at: new Date(item.created_at),
    });
  }
  return [...byKey.values()]
    .sort((a, b) => a.cause.localeCompare(b.cause) || a.org.localeCompare(b.org))
    .map(({ title, updates }) => ({ title, updates }));
}
