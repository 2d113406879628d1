import { connectivity } from '../api/connectivity';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { ProblemAlert } from '../api/errors';
import { Composer } from '../components/Composer';
import { UpdateCard, UpdateFields } from '../components/parts';
import { ui } from '../components/ui';
import { graphql, type FragmentOf } from '../graphql';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';
import { useSession } from '../session/session-context';

const FeedQuery = graphql(
  `
    query Feed($after: String) {
      feed(first: 10, after: $after) {
        edges {
          cursor
          node {
            id
            ...UpdateCard
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [UpdateFields],
);
const FeedItemAdded = graphql(
  `
    subscription FeedItemAdded {
      feedItemAdded {
        id
        ...UpdateCard
      }
    }
  `,
  [UpdateFields],
);
const FollowedCauses = graphql(`
  query FollowedCauses {
    viewer {
      followedCauses(first: 20) {
        nodes {
          id
          slug
          name
        }
      }
    }
  }
`);
const PopularCauses = graphql(`
  query PopularCauses {
    suggestedCauses(first: 8) {
      id
      slug
      name
      description
      viewerIsFollowing
    }
  }
`);

function Landing() {
  const t = useT();
  usePageTitle(t('landing.title'));
  const [{ data, error }] = useQuery({ query: PopularCauses });
  return (
    <div className={ui.stack}>
      <section className={ui.card} aria-labelledby="landing-title">
        <h1 id="landing-title">{t('landing.title')}</h1>
        <p>{t('landing.lead')}</p>
        <p className={ui.row}>
          <Link className={ui.button} to="/signup">
            {t('nav.signUp')}
          </Link>
          <Link className={ui.secondary} to="/login">
            {t('nav.logIn')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="popular-title">
        <h2 id="popular-title">{t('landing.popular')}</h2>
        <ProblemAlert error={error} />
        <ul className={ui.grid} style={{ listStyle: 'none', padding: 0 }}>
          {data?.suggestedCauses.map((c) => (
            <li key={c.id} className={ui.card}>
              <h3>
                <Link to={`/causes/${c.slug}`}>{c.name}</Link>
              </h3>
              {c.description && <p className={ui.muted}>{c.description}</p>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

type Item = FragmentOf<typeof UpdateFields> & { id: string };

/** A personal update, tagged with any of the causes one follows. */
function PersonalComposer({ onPosted }: { onPosted: () => void }) {
  const [{ data }] = useQuery({ query: FollowedCauses });
  return <Composer causes={data?.viewer?.followedCauses.nodes ?? []} onPosted={onPosted} />;
}

function Feed() {
  const t = useT();
  usePageTitle(t('feed.title'));
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({ query: FeedQuery, variables: { after } });
  useEffect(
    () => connectivity.onReconnect(() => refetch({ requestPolicy: 'network-only' })),
    [refetch],
  );
  const [pending, setPending] = useState<Item[]>([]);
  const [shown, setShown] = useState<Item[]>([]);
  const edges = data?.feed.edges ?? [];
  const known = new Set([...edges.map((e) => e.node.id), ...shown.map((s) => s.id)]);
  useSubscription({ query: FeedItemAdded }, (_prev, event) => {
    const item = event.feedItemAdded as Item;
    setPending((p) => (p.some((x) => x.id === item.id) ? p : [item, ...p]));
    return event;
  });
  const waiting = pending.filter((p) => !known.has(p.id));
  const items: Item[] = [
    ...shown.filter((s) => !edges.some((e) => e.node.id === s.id)),
    ...edges.map((e) => e.node as Item),
  ];
  const showNew = () => {
    setShown((s) => [...waiting, ...s]);
    setPending([]);
    document.getElementById('feed')?.querySelector('article')?.focus();
  };
  return (
    <div className={ui.stack}>
      <div className={ui.between}>
        <h1 id="feed-title">{t('feed.title')}</h1>
        <Link to="/orgs/new" className={`${ui.secondary} ${ui.small}`}>
          {t('org.create')}
        </Link>
      </div>
      <details className={ui.card}>
        <summary style={{ cursor: 'pointer', fontWeight: 600, minHeight: '1.5rem' }}>
          {t('feed.personalUpdate')}
        </summary>
        <PersonalComposer onPosted={() => refetch({ requestPolicy: 'network-only' })} />
      </details>
      <div aria-live="polite" className={ui.row}>
        {waiting.length > 0 && (
          <button type="button" className={ui.button} onClick={showNew}>
            {t('feed.newUpdates', { count: waiting.length })}
          </button>
        )}
      </div>
      <ProblemAlert error={error} />
      {data && items.length === 0 && (
        <p className={ui.notice}>
          {t('feed.empty')} <Link to="/welcome">{t('feed.findCauses')}</Link>
        </p>
      )}
      {items.length > 0 && (
        <div
          id="feed"
          role="feed"
          aria-labelledby="feed-title"
          aria-busy={fetching}
          className={ui.stack}
        >
          {items.map((item, i) => (
            <UpdateCard
              key={item.id}
              update={item}
              posinset={i + 1}
              setsize={data?.feed.pageInfo.hasNextPage ? -1 : items.length}
            />
          ))}
        </div>
      )}
      {data?.feed.pageInfo.hasNextPage && (
        <div>
          <button
            type="button"
            className={ui.secondary}
            disabled={fetching}
            onClick={() => setAfter(data.feed.pageInfo.endCursor ?? null)}
          >
            {t('feed.loadMore')}
          </button>
        </div>
      )}
    </div>
  );
}

export default function HomePage() {
  const { status } = useSession();
  return status === 'signedIn' ? <Feed /> : <Landing />;
}
