import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ProblemAlert } from '../api/errors';
import { Missing } from '../components/NotFound';
import {
  CampaignProgress,
  CampaignProgressFields,
  FollowButton,
  UpdateCard,
  UpdateFields,
} from '../components/parts';
import { ui } from '../components/ui';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';
import { useSession } from '../session/session-context';
import { CauseTree, CauseTreeQuery } from './welcome';

export function CausesPage() {
  const t = useT();
  usePageTitle(t('causes.title'));
  const { status } = useSession();
  const [{ data, error }] = useQuery({ query: CauseTreeQuery });
  return (
    <div className={ui.stack}>
      <h1>{t('causes.title')}</h1>
      <ProblemAlert error={error} />
      {data && <CauseTree causes={data.causes.nodes} withFollow={status === 'signedIn'} />}
    </div>
  );
}

const CauseQuery = graphql(
  `
    query Cause($slug: String!) {
      cause(slug: $slug) {
        id
        slug
        name
        description
        followerCount
        viewerIsFollowing
        parent {
          id
          slug
          name
        }
        children {
          id
          slug
          name
        }
        organizations(first: 12) {
          nodes {
            id
            slug
            name
            verified
          }
        }
        campaigns(first: 5) {
          nodes {
            id
            ...CampaignProgress
          }
        }
        updates(first: 10) {
          nodes {
            id
            ...UpdateCard
          }
        }
      }
    }
  `,
  [UpdateFields, CampaignProgressFields],
);

export function CausePage() {
  const t = useT();
  const { slug = '' } = useParams();
  const { status } = useSession();
  const [{ data, error, fetching }] = useQuery({ query: CauseQuery, variables: { slug } });
  const c = data?.cause;
  usePageTitle(c?.name);
  if (!c) return <Missing error={error} loaded={!!data} />;
  void fetching;
  return (
    <div className={ui.stack}>
      <div className={ui.between}>
        <div>
          {c.parent && (
            <p className={ui.muted} style={{ margin: 0 }}>
              <Link to={`/causes/${c.parent.slug}`}>{c.parent.name}</Link> ›
            </p>
          )}
          <h1>{c.name}</h1>
          <p className={ui.muted}>{t('common.followers', { count: c.followerCount })}</p>
        </div>
        {status === 'signedIn' && (
          <FollowButton kind="cause" id={c.id} name={c.name} following={c.viewerIsFollowing} />
        )}
      </div>
      {c.description && <p>{c.description}</p>}
      {c.children.length > 0 && (
        <ul
          className={ui.row}
          style={{ listStyle: 'none', padding: 0 }}
          aria-label={t('cause.children')}
        >
          {c.children.map((k) => (
            <li key={k.id}>
              <Link className={ui.chip} to={`/causes/${k.slug}`}>
                {k.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="cause-orgs">
        <h2 id="cause-orgs">{t('cause.organizations')}</h2>
        {c.organizations.nodes.length === 0 ? (
          <p className={ui.muted}>{t('common.none')}</p>
        ) : (
          <ul className={ui.row} style={{ listStyle: 'none', padding: 0 }}>
            {c.organizations.nodes.map((o) => (
              <li key={o.id}>
                <Link className={ui.chip} to={`/orgs/${o.slug}`}>
                  {o.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="cause-campaigns" className={ui.stack}>
        <h2 id="cause-campaigns">{t('cause.campaigns')}</h2>
        {c.campaigns.nodes.length === 0 && <p className={ui.muted}>{t('common.none')}</p>}
        {c.campaigns.nodes.map((k) => (
          <div key={k.id} className={ui.card}>
            <CampaignProgress campaign={k} />
          </div>
        ))}
      </section>
      <section aria-labelledby="cause-updates" className={ui.stack}>
        <h2 id="cause-updates">{t('cause.updates')}</h2>
        {c.updates.nodes.length === 0 && <p className={ui.muted}>{t('common.none')}</p>}
        {c.updates.nodes.map((u) => (
          <UpdateCard key={u.id} update={u} />
        ))}
      </section>
    </div>
  );
}
