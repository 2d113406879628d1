import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
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

const OrgQuery = graphql(
  `
    query Org($slug: String!) {
      organization(slug: $slug) {
        id
        slug
        name
        mission
        websiteUrl
        verified
        followerCount
        viewerIsFollowing
        viewerRole
        causes {
          id
          slug
          name
        }
        campaigns(first: 10) {
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

export default function OrgPage() {
  const t = useT();
  const { slug = '' } = useParams();
  const { status } = useSession();
  const [{ data, error }] = useQuery({ query: OrgQuery, variables: { slug } });
  const o = data?.organization;
  usePageTitle(o?.name);
  if (!o) return <Missing error={error} loaded={!!data} />;
  return (
    <div className={ui.stack}>
      <div className={ui.between}>
        <div>
          <h1>
            {o.name} {o.verified && <span className={ui.verified}>{t('org.verified')}</span>}
          </h1>
          <p className={ui.muted} style={{ margin: 0 }}>
            {t('common.followers', { count: o.followerCount })}
          </p>
        </div>
        <div className={ui.row}>
          {status === 'signedIn' && (
            <FollowButton
              kind="organization"
              id={o.id}
              name={o.name}
              following={o.viewerIsFollowing}
            />
          )}
          {o.viewerRole && (
            <Link className={`${ui.button} ${ui.small}`} to={`/orgs/${o.slug}/manage`}>
              {t('org.manage')}
            </Link>
          )}
        </div>
      </div>
      {o.mission && <p style={{ whiteSpace: 'pre-wrap' }}>{o.mission}</p>}
      {o.websiteUrl && (
        <p>
          <a href={o.websiteUrl} rel="noopener noreferrer nofollow">
            {o.websiteUrl}
          </a>
        </p>
      )}
      {o.causes.length > 0 && (
        <ul
          className={ui.row}
          style={{ listStyle: 'none', padding: 0 }}
          aria-label={t('update.causes')}
        >
          {o.causes.map((c) => (
            <li key={c.id}>
              <Link className={ui.chip} to={`/causes/${c.slug}`}>
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="org-campaigns" className={ui.stack}>
        <h2 id="org-campaigns">{t('cause.campaigns')}</h2>
        {o.campaigns.nodes.length === 0 && <p className={ui.muted}>{t('common.none')}</p>}
        {o.campaigns.nodes.map((k) => (
          <div key={k.id} className={ui.card}>
            <CampaignProgress campaign={k} />
          </div>
        ))}
      </section>
      <section aria-labelledby="org-updates" className={ui.stack}>
        <h2 id="org-updates">{t('cause.updates')}</h2>
        {o.updates.nodes.length === 0 && <p className={ui.muted}>{t('common.none')}</p>}
        {o.updates.nodes.map((u) => (
          <UpdateCard key={u.id} update={u} />
        ))}
      </section>
    </div>
  );
}
