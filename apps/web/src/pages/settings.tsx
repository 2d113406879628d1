import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { problemOf, ProblemAlert, useProblemText } from '../api/errors';
import { DeliverySelect } from '../components/Delivery';
import { RelativeTime } from '../components/parts';
import { Field, Select, TextArea, ui } from '../components/ui';
import { graphql } from '../graphql';
import { useLocale, useT, type Locale } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';
import { useSession } from '../session/session-context';
import { ResendVerification } from './account';

const Me = graphql(`
  query Me {
    viewer {
      email
      platformRole
      emailVerified
      digestFrequency
      locale
      timeZone
      user {
        id
        handle
        displayName
        bio
      }
      organizations {
        role
        organization {
          id
          slug
          name
        }
      }
    }
  }
`);
const UpdateProfile = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      displayName
      bio
    }
  }
`);
const SetDigest = graphql(`
  mutation SetDigestFrequency($frequency: DigestFrequency!) {
    setDigestFrequency(frequency: $frequency) {
      digestFrequency
    }
  }
`);
const Follows = graphql(`
  query MyFollows($causesAfter: String, $orgsAfter: String) {
    viewer {
      followedCauses(first: 50, after: $causesAfter) {
        edges {
          cursor
          node {
            id
            slug
            name
            viewerDelivery
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      followedOrganizations(first: 50, after: $orgsAfter) {
        edges {
          cursor
          node {
            id
            slug
            name
            viewerDelivery
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
const Exports = graphql(`
  query DataExports {
    viewer {
      dataExports {
        id
        status
        createdAt
        downloadUrl
      }
    }
  }
`);
const RequestExport = graphql(`
  mutation RequestDataExport {
    requestDataExport {
      id
      status
      createdAt
      downloadUrl
    }
  }
`);
const DeleteAccount = graphql(`
  mutation DeleteAccount($password: String!) {
    deleteAccount(password: $password)
  }
`);

const FREQUENCIES = ['DAILY', 'WEEKLY', 'OFF'] as const;

function FollowList() {
  const t = useT();
  const [causesAfter, setCausesAfter] = useState<string | null>(null);
  const [orgsAfter, setOrgsAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: Follows,
    variables: { causesAfter, orgsAfter },
    requestPolicy: 'cache-and-network',
  });
  const causes = data?.viewer?.followedCauses;
  const orgs = data?.viewer?.followedOrganizations;
  const empty = data && !causes?.edges.length && !orgs?.edges.length;
  return (
    <section className={ui.card} aria-labelledby="follows-h">
      <h2 id="follows-h">{t('settings.follows')}</h2>
      <p className={ui.muted}>{t('settings.followsLead')}</p>
      <ProblemAlert error={error} />
      {empty && <p className={ui.muted}>{t('common.none')}</p>}
      {[
        {
          kind: 'cause' as const,
          title: t('settings.followedCauses'),
          conn: causes,
          more: () => setCausesAfter(causes?.pageInfo.endCursor ?? null),
          href: (slug: string) => `/causes/${slug}`,
        },
        {
          kind: 'organization' as const,
          title: t('settings.followedOrgs'),
          conn: orgs,
          more: () => setOrgsAfter(orgs?.pageInfo.endCursor ?? null),
          href: (slug: string) => `/orgs/${slug}`,
        },
      ].map(
        (group) =>
          !!group.conn?.edges.length && (
            <div key={group.kind} className={ui.stack}>
              <h3>{group.title}</h3>
              <ul className={ui.list}>
                {group.conn.edges.map(({ node }) => (
                  <li key={node.id} className={ui.between}>
                    <Link to={group.href(node.slug)}>{node.name}</Link>
                    <DeliverySelect
                      kind={group.kind}
                      id={node.id}
                      name={node.name}
                      value={node.viewerDelivery ?? 'HOME'}
                    />
                  </li>
                ))}
              </ul>
              {group.conn.pageInfo.hasNextPage && (
                <div>
                  <button
                    type="button"
                    className={`${ui.secondary} ${ui.small}`}
                    disabled={fetching}
                    onClick={group.more}
                  >
                    {t('feed.loadMore')}
                  </button>
                </div>
              )}
            </div>
          ),
      )}
      <p className={ui.muted}>{t('settings.followsPeople')}</p>
    </section>
  );
}

function EmailSection({ email, verified }: { email: string; verified: boolean }) {
  const t = useT();
  const [state, resend] = useMutation(ResendVerification);
  return (
    <section className={ui.card} aria-labelledby="email-h">
      <h2 id="email-h">{t('settings.email')}</h2>
      <p>
        {email} · <strong>{verified ? t('settings.verified') : t('settings.notVerified')}</strong>
      </p>
      {!verified && (
        <div className={ui.row}>
          <button
            type="button"
            className={ui.secondary}
            disabled={state.fetching}
            onClick={() => resend({})}
          >
            {t('settings.resend')}
          </button>
          <span role="status">{state.data ? t('settings.resent') : ''}</span>
        </div>
      )}
      <ProblemAlert error={state.error} />
    </section>
  );
}

function DigestSection({ frequency, onSaved }: { frequency: string; onSaved: () => void }) {
  const t = useT();
  const [value, setValue] = useState(frequency);
  const [state, save] = useMutation(SetDigest);
  const [done, setDone] = useState('');
  useEffect(() => setValue(frequency), [frequency]);
  return (
    <section className={ui.card} aria-labelledby="digest-h">
      <h2 id="digest-h">{t('settings.digest')}</h2>
      <p className={ui.muted}>{t('settings.digestLead')}</p>
      <Select
        label={t('settings.digestFrequency')}
        value={value}
        disabled={state.fetching}
        onChange={async (e) => {
          const frequency = e.target.value as (typeof FREQUENCIES)[number];
          setValue(frequency);
          setDone('');
          const r = await save({ frequency });
          if (!r.error) {
            setDone(t('settings.saved'));
            onSaved();
          }
        }}
      >
        {FREQUENCIES.map((f) => (
          <option key={f} value={f}>
            {t(`digest.${f}`)}
          </option>
        ))}
      </Select>
      <span role="status">{done}</span>
      <ProblemAlert error={state.error} />
    </section>
  );
}

function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones =
      (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.(
        'timeZone',
      ) ?? [];
  } catch {
    /* older engines: the current zone only */
  }
  return Array.from(new Set(['UTC', current, ...zones])).sort();
}

function RegionSection({ timeZone, onSaved }: { timeZone: string; onSaved: () => void }) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const [zone, setZone] = useState(timeZone);
  const [state, save] = useMutation(UpdateProfile);
  const [done, setDone] = useState('');
  useEffect(() => setZone(timeZone), [timeZone]);
  const zones = useMemo(() => timeZones(timeZone), [timeZone]);
  const persist = async (input: { locale?: Locale; timeZone?: string }) => {
    setDone('');
    const r = await save({ input });
    if (!r.error) {
      setDone(t('settings.saved'));
      onSaved();
    }
  };
  const fields = problemOf(state.error)?.fields ?? {};
  return (
    <section className={ui.card} aria-labelledby="lang-h">
      <h2 id="lang-h">{t('settings.languageRegion')}</h2>
      <div className={ui.form}>
        <Select
          label={t('settings.language')}
          value={locale}
          error={fields.locale}
          onChange={(e) => {
            const l = e.target.value as Locale;
            setLocale(l);
            void persist({ locale: l });
          }}
        >
          <option value="en">English</option>
          <option value="de">Deutsch</option>
        </Select>
        <Select
          label={t('settings.timeZone')}
          value={zone}
          error={fields.timeZone}
          onChange={(e) => {
            setZone(e.target.value);
            void persist({ timeZone: e.target.value });
          }}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </Select>
        <span role="status">{done}</span>
        {state.error && !Object.keys(fields).length && <ProblemAlert error={state.error} />}
      </div>
    </section>
  );
}

/** "Download your data": request an archive, then poll until it is READY and link it. */
export function DataExportSection() {
  const t = useT();
  const [{ data, error }, refetch] = useQuery({
    query: Exports,
    requestPolicy: 'cache-and-network',
  });
  const [state, request] = useMutation(RequestExport);
  const exports = [...(data?.viewer?.dataExports ?? [])].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  const pending = exports.some((e) => e.status === 'PENDING');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 2000);
    return () => clearInterval(timer);
  }, [pending, refetch]);
  return (
    <section className={ui.card} aria-labelledby="export-h">
      <h2 id="export-h">{t('export.title')}</h2>
      <p className={ui.muted}>{t('export.lead')}</p>
      <div>
        <button
          type="button"
          className={ui.secondary}
          disabled={state.fetching || pending}
          onClick={async () => {
            const r = await request({});
            if (!r.error) refetch({ requestPolicy: 'network-only' });
          }}
        >
          {t('export.request')}
        </button>
      </div>
      <ProblemAlert error={state.error ?? error} />
      <ul className={ui.list} aria-live="polite">
        {exports.map((x) => (
          <li key={x.id}>
            <RelativeTime iso={x.createdAt} /> · {t(`export.${x.status}`)}
            {x.status === 'READY' && x.downloadUrl && (
              <>
                {' '}
                ·{' '}
                <a href={x.downloadUrl} download>
                  {t('export.download')}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Delete account": password re-entered; CONFLICT (last OWNER) shown as the API says it; then signed out. */
export function DeleteAccountSection() {
  const t = useT();
  const { session } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [state, remove] = useMutation(DeleteAccount);
  const text = useProblemText();
  const problem = problemOf(state.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await remove({ password });
    if (r.error || !r.data?.deleteAccount) return;
    await session.logOut().catch(() => undefined);
    void navigate('/', { replace: true });
  };
  return (
    <section className={ui.card} aria-labelledby="delete-h">
      <h2 id="delete-h">{t('delete.title')}</h2>
      <p>{t('delete.lead')}</p>
      <form className={ui.form} onSubmit={submit} noValidate>
        {problem && !problem.fields.password && (
          <p role="alert" className={ui.alert}>
            {problem.code === 'CONFLICT' ? problem.message : text(problem)}
          </p>
        )}
        <Field
          label={t('delete.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={problem?.fields.password}
        />
        <div>
          <button type="submit" className={ui.danger} disabled={state.fetching || !password}>
            {t('delete.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export default function SettingsPage() {
  const t = useT();
  usePageTitle(t('nav.settings'));
  const [{ data, error }, refetchMe] = useQuery({ query: Me });
  const [state, save] = useMutation(UpdateProfile);
  const [form, setForm] = useState({ displayName: '', bio: '' });
  const [done, setDone] = useState('');
  useEffect(() => {
    if (data?.viewer)
      setForm({ displayName: data.viewer.user.displayName, bio: data.viewer.user.bio ?? '' });
  }, [data?.viewer]);
  const fields = problemOf(state.error)?.fields ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const r = await save({ input: { displayName: form.displayName, bio: form.bio || null } });
    if (!r.error) setDone(t('settings.saved'));
  };
  const reloadMe = () => refetchMe({ requestPolicy: 'network-only' });
  const v = data?.viewer;
  return (
    <div className={ui.stack}>
      <h1>{t('nav.settings')}</h1>
      <ProblemAlert error={error} />
      {v && (
        <p className={ui.muted}>
          {v.email} · <Link to={`/@${v.user.handle}`}>@{v.user.handle}</Link>
        </p>
      )}
      <section className={ui.card} aria-labelledby="profile-h">
        <h2 id="profile-h">{t('settings.profile')}</h2>
        <form className={ui.form} onSubmit={submit}>
          <Field
            label={t('field.displayName')}
            value={form.displayName}
            onChange={(e) => setForm((f) => ({ ...f, displayName: e.target.value }))}
            error={fields.displayName}
          />
          <TextArea
            label={t('field.bio')}
            value={form.bio}
            onChange={(e) => setForm((f) => ({ ...f, bio: e.target.value }))}
            error={fields.bio}
          />
          {state.error && !Object.keys(fields).length && <ProblemAlert error={state.error} />}
          <div className={ui.row}>
            <button type="submit" className={ui.button} disabled={state.fetching}>
              {t('settings.save')}
            </button>
            <span role="status">{done}</span>
          </div>
        </form>
      </section>
      {v && <EmailSection email={v.email} verified={v.emailVerified} />}
      {v && <RegionSection timeZone={v.timeZone} onSaved={reloadMe} />}
      {v && <DigestSection frequency={v.digestFrequency} onSaved={reloadMe} />}
      {v && <FollowList />}
      {v && v.organizations.length > 0 && (
        <section className={ui.card} aria-labelledby="orgs-h">
          <h2 id="orgs-h">{t('settings.organizations')}</h2>
          <ul className={ui.list}>
            {v.organizations.map((m) => (
              <li key={m.organization.id}>
                <Link to={`/orgs/${m.organization.slug}/manage`}>{m.organization.name}</Link> ·{' '}
                {t(`role.${m.role}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className={ui.row}>
        <Link to="/orgs/new">{t('org.create')}</Link>
        {v?.platformRole === 'ADMIN' && <Link to="/admin">{t('admin.title')}</Link>}
      </p>
      {v && <DataExportSection />}
      {v && <DeleteAccountSection />}
      <p className={ui.muted}>{t('settings.sessionNote')}</p>
    </div>
  );
}
