import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ProblemAlert } from '../api/errors';
import { UnreadQuery } from '../components/Layout';
import { RelativeTime } from '../components/parts';
import { ui } from '../components/ui';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';

const NotificationsQuery = graphql(`
  query Notifications($after: String) {
    notifications(first: 20, after: $after) {
      edges {
        cursor
        node {
          id
          type
          read
          createdAt
          actor {
            id
            handle
            displayName
          }
          update {
            id
          }
          campaign {
            id
            title
          }
          organization {
            id
            slug
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const Added = graphql(`
  subscription NotificationsPageAdded {
    notificationAdded {
      id
    }
  }
`);
const MarkAllRead = graphql(`
  mutation MarkAllRead {
    markNotificationsRead
  }
`);

export default function NotificationsPage() {
  const t = useT();
  usePageTitle(t('nav.notifications'));
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: NotificationsQuery,
    variables: { after },
    requestPolicy: 'cache-and-network',
  });
  const [, refetchUnread] = useQuery({ query: UnreadQuery, pause: true });
  const [markState, markAll] = useMutation(MarkAllRead);
  useSubscription({ query: Added }, (_prev, event) => {
    refetch({ requestPolicy: 'network-only' });
    return event;
  });
  const items = data?.notifications.edges.map((e) => e.node) ?? [];
  return (
    <div className={ui.stack}>
      <div className={ui.between}>
        <h1>{t('nav.notifications')}</h1>
        <button
          type="button"
          className={`${ui.secondary} ${ui.small}`}
          disabled={markState.fetching}
          onClick={async () => {
            await markAll({});
            refetch({ requestPolicy: 'network-only' });
            refetchUnread({ requestPolicy: 'network-only' });
          }}
        >
          {t('notifications.markAll')}
        </button>
      </div>
      <ProblemAlert error={error ?? markState.error} />
      {data && items.length === 0 && <p className={ui.muted}>{t('notifications.empty')}</p>}
      <ul className={ui.list}>
        {items.map((n) => {
          const who = n.actor?.displayName ?? t('notifications.someone');
          const href =
            n.type === 'WEBHOOK_DISABLED' && n.organization
              ? `/orgs/${n.organization.slug}/manage#integrations-section`
              : n.campaign
                ? `/campaigns/${n.campaign.id}`
                : n.update
                  ? `/updates/${n.update.id}`
                  : n.organization
                    ? `/orgs/${n.organization.slug}`
                    : n.actor
                      ? `/@${n.actor.handle}`
                      : '/';
          return (
            <li
              key={n.id}
              className={ui.card}
              style={n.read ? undefined : { borderLeft: '4px solid var(--brand)' }}
            >
              {!n.read && <span className={ui.badge}>{t('notifications.unread')}</span>}{' '}
              <Link to={href}>
                {t(`notification.${n.type}`, {
                  who,
                  campaign: n.campaign?.title ?? '',
                  organization: n.organization?.name ?? '',
                })}
              </Link>
              <div className={ui.muted}>
                <RelativeTime iso={n.createdAt} />
              </div>
            </li>
          );
        })}
      </ul>
      {data?.notifications.pageInfo.hasNextPage && (
        <div>
          <button
            type="button"
            className={ui.secondary}
            disabled={fetching}
            onClick={() => setAfter(data.notifications.pageInfo.endCursor ?? null)}
          >
            {t('feed.loadMore')}
          </button>
        </div>
      )}
    </div>
  );
}
