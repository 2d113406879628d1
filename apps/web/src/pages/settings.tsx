import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { problemOf, ProblemAlert } from '../api/errors';
import { Field, Select, TextArea, ui } from '../components/ui';
import { graphql } from '../graphql';
import { useLocale, useT, type Locale } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';

const Me = graphql(`query Me { viewer { email platformRole user { id handle displayName bio } organizations { role organization { id slug name } } } }`);
const UpdateProfile = graphql(`mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName bio } }`);

export default function SettingsPage() {
  const t = useT();
  usePageTitle(t('nav.settings'));
  const { locale, setLocale } = useLocale();
  const [{ data, error }] = useQuery({ query: Me });
  const [state, save] = useMutation(UpdateProfile);
  const [form, setForm] = useState({ displayName: '', bio: '' });
  const [done, setDone] = useState('');
  useEffect(() => {
    if (data?.viewer) setForm({ displayName: data.viewer.user.displayName, bio: data.viewer.user.bio ?? '' });
  }, [data?.viewer]);
  const fields = problemOf(state.error)?.fields ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const r = await save({ input: { displayName: form.displayName, bio: form.bio || null } });
    if (!r.error) setDone(t('settings.saved'));
  };
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
          <Field label={t('field.displayName')} value={form.displayName} onChange={(e) => setForm((f) => ({ ...f, displayName: e.target.value }))} error={fields.displayName} />
          <TextArea label={t('field.bio')} value={form.bio} onChange={(e) => setForm((f) => ({ ...f, bio: e.target.value }))} error={fields.bio} />
          {state.error && !Object.keys(fields).length && <ProblemAlert error={state.error} />}
          <div className={ui.row}>
            <button type="submit" className={ui.button} disabled={state.fetching}>
              {t('settings.save')}
            </button>
            <span role="status">{done}</span>
          </div>
        </form>
      </section>
      <section className={ui.card} aria-labelledby="lang-h">
        <h2 id="lang-h">{t('settings.language')}</h2>
        <Select label={t('settings.language')} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
          <option value="en">English</option>
          <option value="de">Deutsch</option>
        </Select>
      </section>
      {v && v.organizations.length > 0 && (
        <section className={ui.card} aria-labelledby="orgs-h">
          <h2 id="orgs-h">{t('settings.organizations')}</h2>
          <ul className={ui.list}>
            {v.organizations.map((m) => (
              <li key={m.organization.id}>
                <Link to={`/orgs/${m.organization.slug}/manage`}>{m.organization.name}</Link> · {t(`role.${m.role}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className={ui.row}>
        <Link to="/orgs/new">{t('org.create')}</Link>
        {v?.platformRole === 'ADMIN' && <Link to="/admin">{t('admin.title')}</Link>}
      </p>
      <p className={ui.muted}>{t('settings.sessionNote')}</p>
    </div>
  );
}
