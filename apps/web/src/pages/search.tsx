import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ProblemAlert } from '../api/errors';
import { Field, ui } from '../components/ui';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';

const SearchQuery = graphql(`
  query Search($q: String!) {
    search(query: $q, first: 20) {
      __typename
      ... on Cause {
        id
        slug
        name
      }
      ... on Organization {
        id
        slug
        name
        verified
      }
      ... on User {
        id
        handle
        displayName
      }
      ... on Update {
        id
        body
        author {
          id
          displayName
        }
      }
    }
  }
`);

export default function SearchPage() {
  const t = useT();
  usePageTitle(t('nav.search'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: SearchQuery,
    variables: { q },
    pause: q.trim().length === 0,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The same words again (after a failure, say) ask the server again.
    if (text.trim() === q && q) refetch({ requestPolicy: 'network-only' });
    else setParams(text.trim() ? { q: text.trim() } : {});
  };
  const results = data?.search ?? [];
  return (
    <div className={ui.stack}>
      <h1>{t('nav.search')}</h1>
      <form role="search" className={ui.row} style={{ alignItems: 'flex-end' }} onSubmit={submit}>
        <div style={{ flex: '1 1 16rem' }}>
          <Field
            label={t('search.label')}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className={ui.button}>
          {t('search.submit')}
        </button>
      </form>
      <ProblemAlert error={error} />
      <p role="status" className={ui.muted}>
        {q && !fetching && data ? t('search.count', { count: results.length }) : ''}
      </p>
      <ul className={ui.list}>
        {results.map((r) => {
          switch (r.__typename) {
            case 'Cause':
              return (
                <li key={`c${r.id}`} className={ui.card}>
                  <span className={ui.chip}>{t('search.cause')}</span>{' '}
                  <Link to={`/causes/${r.slug}`}>{r.name}</Link>
                </li>
              );
            case 'Organization':
              return (
                <li key={`o${r.id}`} className={ui.card}>
                  <span className={ui.chip}>{t('search.organization')}</span>{' '}
                  <Link to={`/orgs/${r.slug}`}>{r.name}</Link>
                </li>
              );
            case 'User':
              return (
                <li key={`u${r.id}`} className={ui.card}>
                  <span className={ui.chip}>{t('search.person')}</span>{' '}
                  <Link to={`/@${r.handle}`}>{r.displayName}</Link>{' '}
                  <span className={ui.muted}>@{r.handle}</span>
                </li>
              );
            case 'Update':
              return (
                <li key={`p${r.id}`} className={ui.card}>
                  <span className={ui.chip}>{t('search.update')}</span>{' '}
                  <Link to={`/updates/${r.id}`}>{r.body.slice(0, 140)}</Link>{' '}
                  <span className={ui.muted}>{r.author.displayName}</span>
                </li>
              );
            default:
              return null;
          }
        })}
      </ul>
    </div>
  );
}
