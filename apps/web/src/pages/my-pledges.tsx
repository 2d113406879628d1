import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ProblemAlert } from '../api/errors';
import { RelativeTime, useAmount } from '../components/parts';
import { ui } from '../components/ui';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';

const MyPledges = graphql(`
  query MyPledges($after: String) {
    viewer {
      pledges(first: 20, after: $after) {
        edges {
          cursor
          node {
            id
            amount
            kind
            currency
            status
            createdAt
            campaign {
              id
              title
              organization {
                id
                slug
                name
              }
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export default function MyPledgesPage() {
  const t = useT();
  usePageTitle(t('nav.pledges'));
  const amount = useAmount();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: MyPledges,
    variables: { after },
    requestPolicy: 'cache-and-network',
  });
  const items = data?.viewer?.pledges.edges.map((e) => e.node) ?? [];
  return (
    <div className={ui.stack}>
      <h1>{t('nav.pledges')}</h1>
      <ProblemAlert error={error} />
      {data && items.length === 0 && <p className={ui.muted}>{t('pledges.empty')}</p>}
      <ul className={ui.list}>
        {items.map((p) => (
          <li key={p.id} className={ui.card}>
            <strong>{amount(p.amount, p.kind, p.currency)}</strong> ·{' '}
            <Link to={`/campaigns/${p.campaign.id}`}>{p.campaign.title}</Link> ·{' '}
            <Link to={`/orgs/${p.campaign.organization.slug}`}>{p.campaign.organization.name}</Link>
            <div className={ui.muted}>
              {t(`status.${p.status}`)} · <RelativeTime iso={p.createdAt} />
            </div>
          </li>
        ))}
      </ul>
      {data?.viewer?.pledges.pageInfo.hasNextPage && (
        <div>
          <button
            type="button"
            className={ui.secondary}
            disabled={fetching}
            onClick={() => setAfter(data.viewer!.pledges.pageInfo.endCursor ?? null)}
          >
            {t('feed.loadMore')}
          </button>
        </div>
      )}
    </div>
  );
}
