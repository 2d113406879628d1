import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { problemOf, ProblemAlert } from '../api/errors';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { Field, Select, TextArea, ui } from './ui';

const PostUpdate = graphql(`
  mutation PostUpdate($input: PostUpdateInput!) {
    postUpdate(input: $input) {
      id
    }
  }
`);

/** The composer: `Update`, cause checkboxes, an optional `Campaign` and `Link`, `Post update`. */
export function Composer({
  organizationId,
  causes,
  campaigns = [],
  onPosted,
}: {
  organizationId?: string;
  causes: { slug: string; name: string }[];
  campaigns?: { id: string; title: string }[];
  onPosted?: () => void;
}) {
  const t = useT();
  const [body, setBody] = useState('');
  const [link, setLink] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [causeSlugs, setCauseSlugs] = useState<string[]>([]);
  const [done, setDone] = useState('');
  const [state, post] = useMutation(PostUpdate);
  const problem = problemOf(state.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const r = await post({
      input: {
        body,
        organizationId: organizationId ?? null,
        causeSlugs: causeSlugs.length ? causeSlugs : null,
        campaignId: campaignId || null,
        linkUrl: link.trim() || null,
      },
    });
    if (!r.error) {
      setBody('');
      setLink('');
      setCampaignId('');
      setCauseSlugs([]);
      setDone(t('composer.posted'));
      onPosted?.();
    }
  };
  return (
    <form className={ui.form} onSubmit={submit} aria-label={t('composer.label')}>
      <TextArea
        label={t('composer.update')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        required
        maxLength={5000}
        error={problem?.fields.body}
      />
      {causes.length > 0 && (
        <fieldset className={ui.checks}>
          <legend>{t('composer.causes')}</legend>
          {causes.map((c) => (
            <label key={c.slug} className={ui.check}>
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
      )}
      {campaigns.length > 0 && (
        <Select
          label={t('composer.campaign')}
          value={campaignId}
          onChange={(e) => setCampaignId(e.target.value)}
        >
          <option value="">{t('composer.noCampaign')}</option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </Select>
      )}
      <Field
        label={t('composer.link')}
        type="url"
        value={link}
        onChange={(e) => setLink(e.target.value)}
        error={problem?.fields.linkUrl}
        placeholder="https://"
      />
      {problem && !Object.keys(problem.fields).length && <ProblemAlert error={state.error} />}
      <div className={ui.row}>
        <button type="submit" className={ui.button} disabled={state.fetching || body.trim() === ''}>
          {t('composer.post')}
        </button>
        <span role="status">{done}</span>
      </div>
    </form>
  );
}
