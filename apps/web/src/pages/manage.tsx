import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { problemOf, ProblemAlert } from '../api/errors';
import { Composer } from '../components/Composer';
import { Integrations } from '../components/Integrations';
import { Missing } from '../components/NotFound';
import { RelativeTime, useAmount } from '../components/parts';
import { Field, Select, ui } from '../components/ui';
import { graphql } from '../graphql';
import { useLocale, useT } from '../i18n/i18n';
import { goalToApi, type GoalKind } from '../lib/amounts';
import { usePageTitle } from '../lib/title';

const ManageQuery = graphql(`
  query Manage($slug: String!) {
    organization(slug: $slug) {
      id
      slug
      name
      viewerRole
      causes {
        id
        slug
        name
      }
      members {
        role
        user {
          id
          handle
          displayName
        }
      }
      campaigns(first: 20) {
        nodes {
          id
          title
          goalKind
          currency
          pledges(first: 50) {
            nodes {
              id
              amount
              kind
              currency
              status
              createdAt
              message
              user {
                id
                handle
                displayName
              }
            }
          }
        }
      }
    }
  }
`);
const CreateCampaign = graphql(`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      id
    }
  }
`);
const MarkFulfilled = graphql(`
  mutation MarkFulfilled($id: ID!) {
    markPledgeFulfilled(id: $id) {
      id
      status
      fulfilledAt
      campaign {
        id
        pledgedTotal
        fulfilledTotal
        pledgeCount
      }
    }
  }
`);
const AddMember = graphql(`
  mutation AddMember($org: ID!, $handle: String!, $role: OrganizationRole!) {
    addOrganizationMember(organizationId: $org, userHandle: $handle, role: $role) {
      id
      members {
        role
        user {
          id
          handle
          displayName
        }
      }
    }
  }
`);
const RemoveMember = graphql(`
  mutation RemoveMember($org: ID!, $user: ID!) {
    removeOrganizationMember(organizationId: $org, userId: $user) {
      id
      members {
        role
        user {
          id
          handle
          displayName
        }
      }
    }
  }
`);

const ROLES = ['OWNER', 'ADMIN', 'EDITOR'] as const;

function CreateCampaignForm({
  organizationId,
  causes,
  onCreated,
}: {
  organizationId: string;
  causes: { slug: string; name: string }[];
  onCreated: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form, setForm] = useState({
    title: '',
    goalKind: 'MONEY' as GoalKind,
    goal: '',
    currency: 'USD',
    endsAt: '',
    causeSlug: '',
  });
  const [localError, setLocalError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [state, create] = useMutation(CreateCampaign);
  const fields = problemOf(state.error)?.fields ?? {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const goal = goalToApi(form.goal, form.goalKind, form.currency, locale);
    if (goal === null) return setLocalError(t('campaignForm.goalInvalid'));
    setLocalError(null);
    const r = await create({
      input: {
        organizationId,
        title: form.title,
        goalKind: form.goalKind,
        goalAmount: goal.toString(),
        currency: form.goalKind === 'MONEY' ? form.currency.toUpperCase() : null,
        endsAt: form.endsAt ? new Date(form.endsAt).toISOString() : null,
        causeSlug: form.causeSlug || null,
      },
    });
    if (!r.error) {
      setForm((f) => ({ ...f, title: '', goal: '', endsAt: '' }));
      setDone(t('campaignForm.created'));
      onCreated();
    }
  };
  const goalHint =
    form.goalKind === 'MONEY'
      ? t('campaignForm.goalMoney')
      : form.goalKind === 'TIME'
        ? t('campaignForm.goalTime')
        : t('campaignForm.goalAction');
  return (
    <form className={ui.form} onSubmit={submit} noValidate aria-labelledby="create-campaign">
      <Field
        label={t('field.title')}
        required
        value={form.title}
        onChange={set('title')}
        error={fields.title}
      />
      <Select label={t('campaignForm.goalKind')} value={form.goalKind} onChange={set('goalKind')}>
        <option value="MONEY">{t('kind.MONEY')}</option>
        <option value="TIME">{t('kind.TIME')}</option>
        <option value="ACTION">{t('kind.ACTION')}</option>
      </Select>
      <Field
        label={t('campaignForm.goal')}
        inputMode="numeric"
        required
        hint={goalHint}
        value={form.goal}
        onChange={set('goal')}
        error={localError ?? fields.goalAmount}
      />
      {form.goalKind === 'MONEY' && (
        <Field
          label={t('campaignForm.currency')}
          value={form.currency}
          maxLength={3}
          onChange={set('currency')}
          error={fields.currency}
        />
      )}
      <Field
        label={t('campaignForm.ends')}
        type="date"
        value={form.endsAt}
        onChange={set('endsAt')}
        error={fields.endsAt}
      />
      {causes.length > 0 && (
        <Select label={t('campaignForm.cause')} value={form.causeSlug} onChange={set('causeSlug')}>
          <option value="">{t('campaignForm.noCause')}</option>
          {causes.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </Select>
      )}
      {state.error && !Object.keys(fields).length && <ProblemAlert error={state.error} />}
      <div className={ui.row}>
        <button type="submit" className={ui.button} disabled={state.fetching}>
          {t('campaignForm.submit')}
        </button>
        <span role="status">{done}</span>
      </div>
    </form>
  );
}

function MarkFulfilledButton({ id }: { id: string }) {
  const t = useT();
  const [state, mark] = useMutation(MarkFulfilled);
  return (
    <>
      <button
        type="button"
        className={`${ui.button} ${ui.small}`}
        disabled={state.fetching}
        onClick={() => mark({ id })}
      >
        {t('manage.markFulfilled')}
      </button>
      <ProblemAlert error={state.error} />
    </>
  );
}

function Members({
  org,
}: {
  org: {
    id: string;
    members: { role: string; user: { id: string; handle: string; displayName: string } }[];
  };
}) {
  const t = useT();
  const [handle, setHandle] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('EDITOR');
  const [add, runAdd] = useMutation(AddMember);
  const [remove, runRemove] = useMutation(RemoveMember);
  const [changeRole, runChange] = useMutation(AddMember);
  const error = add.error ?? remove.error ?? changeRole.error;
  return (
    <div className={ui.stack}>
      <ProblemAlert error={error} />
      <table className={ui.table}>
        <thead>
          <tr>
            <th scope="col">{t('manage.person')}</th>
            <th scope="col">{t('manage.role')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('manage.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {org.members.map((m) => (
            <tr key={m.user.id}>
              <td>
                <Link to={`/@${m.user.handle}`}>{m.user.displayName}</Link>{' '}
                <span className={ui.muted}>@{m.user.handle}</span>
              </td>
              <td>
                <label className="visually-hidden" htmlFor={`role-${m.user.id}`}>
                  {t('manage.roleOf', { name: m.user.displayName })}
                </label>
                <select
                  id={`role-${m.user.id}`}
                  className={ui.input}
                  value={m.role}
                  onChange={(e) =>
                    runChange({
                      org: org.id,
                      handle: m.user.handle,
                      role: e.target.value as (typeof ROLES)[number],
                    })
                  }
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  className={`${ui.danger} ${ui.small}`}
                  onClick={() => runRemove({ org: org.id, user: m.user.id })}
                  aria-label={t('manage.removeName', { name: m.user.displayName })}
                >
                  {t('manage.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className={ui.row}
        style={{ alignItems: 'flex-end' }}
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await runAdd({ org: org.id, handle: handle.replace(/^@/, ''), role });
          if (!r.error) setHandle('');
        }}
      >
        <Field
          label={t('field.handle')}
          value={handle}
          onChange={(e) => setHandle(e.target.value)}
          required
        />
        <Select
          label={t('manage.role')}
          value={role}
          onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </Select>
        <button type="submit" className={ui.button} disabled={add.fetching}>
          {t('manage.addMember')}
        </button>
      </form>
    </div>
  );
}

export default function ManagePage() {
  const t = useT();
  const amount = useAmount();
  const { slug = '' } = useParams();
  const [{ data, error }, refetch] = useQuery({
    query: ManageQuery,
    variables: { slug },
    requestPolicy: 'cache-and-network',
  });
  const o = data?.organization;
  usePageTitle(o ? t('manage.title', { name: o.name }) : undefined);
  // A link to #integrations-section (the WEBHOOK_DISABLED notification) lands on that section once it is there.
  const { hash } = useLocation();
  const ready = !!o;
  useEffect(() => {
    if (ready && hash) document.getElementById(hash.slice(1))?.focus();
  }, [ready, hash]);
  if (!o) return <Missing error={error} loaded={!!data} />;
  if (!o.viewerRole) return <p className={ui.alert}>{t('manage.notMember')}</p>;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const pledges = o.campaigns.nodes.flatMap((c) =>
    c.pledges.nodes.map((p) => ({ ...p, campaignTitle: c.title, campaignId: c.id })),
  );
  return (
    <div className={ui.stack}>
      <h1>{t('manage.title', { name: o.name })}</h1>
      <p>
        <Link to={`/orgs/${o.slug}`}>{t('manage.view')}</Link>
        {(o.viewerRole === 'OWNER' || o.viewerRole === 'ADMIN') && (
          <>
            {' · '}
            <a href="#integrations-section">{t('manage.integrations')}</a>
          </>
        )}
      </p>
      <section className={ui.card} aria-labelledby="post-update">
        <h2 id="post-update">{t('manage.post')}</h2>
        <Composer
          organizationId={o.id}
          causes={o.causes}
          campaigns={o.campaigns.nodes.map((c) => ({ id: c.id, title: c.title }))}
        />
      </section>
      <section className={ui.card} aria-labelledby="create-campaign">
        <h2 id="create-campaign">{t('manage.createCampaign')}</h2>
        <CreateCampaignForm organizationId={o.id} causes={o.causes} onCreated={reload} />
      </section>
      <section className={ui.card} aria-labelledby="pledges">
        <div className={ui.between}>
          <h2 id="pledges">{t('manage.pledges')}</h2>
          <button type="button" className={`${ui.secondary} ${ui.small}`} onClick={reload}>
            {t('common.refresh')}
          </button>
        </div>
        {pledges.length === 0 ? (
          <p className={ui.muted}>{t('common.none')}</p>
        ) : (
          <ul className={ui.list}>
            {pledges.map((p) => (
              <li
                key={p.id}
                className={ui.between}
                style={{ borderBottom: '1px solid var(--line)', paddingBottom: '0.5rem' }}
              >
                <span>
                  <strong>{amount(p.amount, p.kind, p.currency)}</strong> · {p.user.displayName} ·{' '}
                  <Link to={`/campaigns/${p.campaignId}`}>{p.campaignTitle}</Link> ·{' '}
                  <RelativeTime iso={p.createdAt} /> · {t(`status.${p.status}`)}
                </span>
                {p.status === 'PLEDGED' && <MarkFulfilledButton id={p.id} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={ui.card} aria-labelledby="members">
        <h2 id="members">{t('manage.members')}</h2>
        <Members org={o} />
      </section>
      {(o.viewerRole === 'OWNER' || o.viewerRole === 'ADMIN') && (
        <section
          className={ui.card}
          aria-labelledby="integrations"
          id="integrations-section"
          tabIndex={-1}
        >
          <h2 id="integrations">{t('manage.integrations')}</h2>
          <Integrations slug={o.slug} organizationId={o.id} />
        </section>
      )}
    </div>
  );
}
