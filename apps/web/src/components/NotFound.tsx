import { problemOf, ProblemAlert } from '../api/errors';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';

export function NotFound() {
  const t = useT();
  usePageTitle(t('notFound.title'));
  return (
    <section aria-labelledby="nf-title">
      <h1 id="nf-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}

/** What a page shows when its object is not there: NOT_FOUND (or null) is the not-found page, other errors an alert. */
export function Missing({ error, loaded }: { error: unknown; loaded: boolean }) {
  const p = problemOf(error);
  if (p && p.code !== 'NOT_FOUND') return <ProblemAlert error={error} />;
  if (p || loaded) return <NotFound />;
  return null;
}
