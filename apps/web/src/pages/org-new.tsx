import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { problemOf, ProblemAlert } from '../api/errors';
import { Field, TextArea, ui } from '../components/ui';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';
import { CauseTreeQuery } from './welcome';

const CreateOrg = graphql(`
  mutation CreateOrg($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
      slug
    }
  }
`);

export default function NewOrgPage() {
  const t = useT();
  usePageTitle(t('orgNew.title'));
  const navigate = useNavigate();
  const [causes] = useQuery({ query: CauseTreeQuery });
  const [form, setForm] = useState({ name: '', slug: '', mission: '', websiteUrl: '' });
  const [causeSlugs, setCauseSlugs] = useState<string[]>([]);
  const [state, create] = useMutation(CreateOrg);
  const problem = problemOf(state.error);
  const fields = problem?.fields ?? {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({
      input: {
        name: form.name,
        slug: form.slug,
        mission: form.mission || null,
        websiteUrl: form.websiteUrl || null,
        causeSlugs,
      },
    });
    if (r.data) void navigate(`/orgs/${r.data.createOrganization.slug}/manage`);
  };
  return (
    <div className={ui.stack}>
      <h1>{t('orgNew.title')}</h1>
      <form className={ui.form} onSubmit={submit} noValidate>
        {problem && <ProblemAlert error={state.error} />}
        <Field
          label={t('field.name')}
          required
          value={form.name}
          onChange={set('name')}
          error={fields.name}
        />
        <Field
          label={t('field.slug')}
          required
          hint={t('orgNew.slugHint')}
          value={form.slug}
          onChange={set('slug')}
          error={fields.slug}
        />
        <TextArea
          label={t('field.mission')}
          value={form.mission}
          onChange={set('mission')}
          error={fields.mission}
        />
        <Field
          label={t('field.website')}
          type="url"
          value={form.websiteUrl}
          onChange={set('websiteUrl')}
          error={fields.websiteUrl}
          placeholder="https://"
        />
        <fieldset className={ui.checks}>
          <legend>{t('orgNew.causes')}</legend>
          {causes.data?.causes.nodes.map((c) => (
            <label key={c.id} className={ui.check}>
              <input
                type="checkbox"
                checked={causeSlugs.includes(c.slug)}
                onChange={(e) =>
                  setCauseSlugs((s) =>
                    e.target.checked ? [...s, c.slug] : s.filter((x) => x !== c.slug),
                  )
                }
              />
              {c.name}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className={ui.button} disabled={state.fetching}>
            {t('orgNew.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
