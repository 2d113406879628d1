import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ProblemAlert } from '../api/errors';
import { FollowButton } from '../components/parts';
import { ui } from '../components/ui';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';

export const CauseTreeQuery = graphql(`
  query CauseTree {
    causes(first: 100) {
      nodes {
        id
        slug
        name
        viewerIsFollowing
        parent {
          id
        }
      }
    }
  }
`);
const SuggestedCauses = graphql(`
  query SuggestedCauses {
    suggestedCauses(first: 6) {
      id
      slug
      name
      viewerIsFollowing
    }
  }
`);
const SuggestedOrgs = graphql(`
  query SuggestedOrgs {
    suggestedOrganizations(first: 10) {
      id
      slug
      name
      mission
      verified
      viewerIsFollowing
      followerCount
    }
  }
`);

type CauseNode = {
  id: string;
  slug: string;
  name: string;
  viewerIsFollowing: boolean;
  parent: { id: string } | null;
};

/** The cause tree as nested lists, each cause with its follow toggle. */
export function CauseTree({
  causes,
  withFollow = true,
}: {
  causes: CauseNode[];
  withFollow?: boolean;
}) {
  const children = (id: string | null) => causes.filter((c) => (c.parent?.id ?? null) === id);
  const render = (id: string | null, depth: number) => {
    const list = children(id);
    if (!list.length) return null;
    return (
      <ul
        className={ui.list}
        style={{ marginLeft: depth ? '1.25rem' : 0, marginTop: depth ? '0.5rem' : 0 }}
      >
        {list.map((c) => (
          <li key={c.id}>
            <div className={ui.row}>
              <Link to={`/causes/${c.slug}`} style={{ fontWeight: depth ? 400 : 700 }}>
                {c.name}
              </Link>
              {withFollow && (
                <FollowButton
                  kind="cause"
                  id={c.id}
                  name={c.name}
                  following={c.viewerIsFollowing}
                />
              )}
            </div>
            {render(c.id, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };
  return render(null, 0);
}

export default function WelcomePage() {
  const t = useT();
  usePageTitle(t('welcome.title'));
  const [step, setStep] = useState<1 | 2>(1);
  const [tree] = useQuery({ query: CauseTreeQuery });
  const [suggested] = useQuery({ query: SuggestedCauses });
  const [orgs] = useQuery({
    query: SuggestedOrgs,
    pause: step !== 2,
    requestPolicy: 'network-only',
  });
  return (
    <div className={ui.stack}>
      <h1>{t('welcome.title')}</h1>
      <p>{step === 1 ? t('welcome.stepCauses') : t('welcome.stepOrgs')}</p>
      {step === 1 ? (
        <>
          <section className={ui.card} aria-labelledby="suggested-causes">
            <h2 id="suggested-causes">{t('welcome.suggested')}</h2>
            <ProblemAlert error={suggested.error} />
            <ul className={ui.row} style={{ listStyle: 'none', padding: 0 }}>
              {suggested.data?.suggestedCauses.map((c) => (
                <li key={c.id}>
                  <FollowButton
                    kind="cause"
                    id={c.id}
                    name={c.name}
                    following={c.viewerIsFollowing}
                    showName
                  />
                </li>
              ))}
            </ul>
          </section>
          <section className={ui.card} aria-labelledby="all-causes">
            <h2 id="all-causes">{t('welcome.allCauses')}</h2>
            <ProblemAlert error={tree.error} />
            {tree.data && <CauseTree causes={tree.data.causes.nodes} />}
          </section>
          <div>
            <button type="button" className={ui.button} onClick={() => setStep(2)}>
              {t('welcome.next')}
            </button>
          </div>
        </>
      ) : (
        <>
          <section aria-labelledby="suggested-orgs">
            <h2 id="suggested-orgs">{t('welcome.orgs')}</h2>
            <ProblemAlert error={orgs.error} />
            {orgs.data?.suggestedOrganizations.length === 0 && <p>{t('welcome.noOrgs')}</p>}
            <ul className={ui.grid} style={{ listStyle: 'none', padding: 0 }}>
              {orgs.data?.suggestedOrganizations.map((o) => (
                <li key={o.id} className={ui.card}>
                  <h3>
                    <Link to={`/orgs/${o.slug}`}>{o.name}</Link>{' '}
                    {o.verified && <span className={ui.verified}>{t('org.verified')}</span>}
                  </h3>
                  {o.mission && <p className={ui.muted}>{o.mission}</p>}
                  <FollowButton
                    kind="organization"
                    id={o.id}
                    name={o.name}
                    following={o.viewerIsFollowing}
                  />
                </li>
              ))}
            </ul>
          </section>
          <div className={ui.row}>
            <button type="button" className={ui.secondary} onClick={() => setStep(1)}>
              {t('welcome.back')}
            </button>
            <Link to="/" className={ui.button}>
              {t('welcome.done')}
            </Link>
          </div>
        </>
      )}
    </div>
  );
}
