import { useMutation, useQuery } from 'urql';
import { Link } from 'react-router';
import { ProblemAlert } from '../api/errors';
import { RelativeTime } from '../components/parts';
import { ui } from '../components/ui';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';

const AdminQuery = graphql(`
  query Admin {
    organizations(first: 50) {
      nodes {
        id
        slug
        name
        verified
      }
    }
    reports(first: 50) {
      nodes {
        id
        subject
        subjectId
        reason
        createdAt
        status
        reporter {
          id
          handle
          displayName
        }
      }
    }
  }
`);
const Verify = graphql(`
  mutation Verify($id: ID!) {
    verifyOrganization(id: $id) {
      id
      verified
    }
  }
`);
const Resolve = graphql(`
  mutation Resolve($id: ID!, $action: ReportAction!) {
    resolveReport(id: $id, action: $action) {
      id
      status
    }
  }
`);

export default function AdminPage() {
  const t = useT();
  usePageTitle(t('admin.title'));
  const [{ data, error }, refetch] = useQuery({ query: AdminQuery, requestPolicy: 'network-only' });
  const [verifyState, verify] = useMutation(Verify);
  const [resolveState, resolve] = useMutation(Resolve);
  const unverified = data?.organizations.nodes.filter((o) => !o.verified) ?? [];
  return (
    <div className={ui.stack}>
      <h1>{t('admin.title')}</h1>
      <ProblemAlert error={error ?? verifyState.error ?? resolveState.error} />
      <section className={ui.card} aria-labelledby="verify-h">
        <h2 id="verify-h">{t('admin.verify')}</h2>
        {unverified.length === 0 && <p className={ui.muted}>{t('common.none')}</p>}
        <ul className={ui.list}>
          {unverified.map((o) => (
            <li key={o.id} className={ui.between}>
              <Link to={`/orgs/${o.slug}`}>{o.name}</Link>
              <button
                type="button"
                className={`${ui.button} ${ui.small}`}
                onClick={() => verify({ id: o.id })}
                aria-label={t('admin.verifyName', { name: o.name })}
              >
                {t('admin.verifyButton')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className={ui.card} aria-labelledby="reports-h">
        <h2 id="reports-h">{t('admin.reports')}</h2>
        {data?.reports.nodes.length === 0 && <p className={ui.muted}>{t('common.none')}</p>}
        <ul className={ui.list}>
          {data?.reports.nodes.map((r) => (
            <li key={r.id} className={ui.between}>
              <span>
                {t(`subject.${r.subject}`)} ·{' '}
                {r.subject === 'UPDATE' ? (
                  <Link to={`/updates/${r.subjectId}`}>{r.subjectId.slice(0, 8)}</Link>
                ) : (
                  r.subjectId.slice(0, 8)
                )}{' '}
                · {r.reason} · {r.reporter.displayName} · <RelativeTime iso={r.createdAt} />
              </span>
              <span className={ui.row}>
                <button
                  type="button"
                  className={`${ui.danger} ${ui.small}`}
                  onClick={async () => (
                    await resolve({ id: r.id, action: 'HIDE' }),
                    refetch({ requestPolicy: 'network-only' })
                  )}
                >
                  {t('admin.hide')}
                </button>
                <button
                  type="button"
                  className={`${ui.secondary} ${ui.small}`}
                  onClick={async () => (
                    await resolve({ id: r.id, action: 'DISMISS' }),
                    refetch({ requestPolicy: 'network-only' })
                  )}
                >
                  {t('admin.dismiss')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
