import { connectivity } from '../api/connectivity';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { problemOf, ProblemAlert, useProblemText } from '../api/errors';
import { Missing } from '../components/NotFound';
import {
  CampaignProgress,
  CampaignProgressFields,
  RelativeTime,
  useAmount,
} from '../components/parts';
import { Field, ui } from '../components/ui';
import { graphql } from '../graphql';
import { useLocale, useT } from '../i18n/i18n';
import { parseAmount, type GoalKind } from '../lib/amounts';
import { usePageTitle } from '../lib/title';
import { useSession } from '../session/session-context';

const CampaignQuery = graphql(
  `
    query Campaign($id: ID!) {
      campaign(id: $id) {
        id
        title
        description
        goalKind
        currency
        endsAt
        ...CampaignProgress
        organization {
          id
          slug
          name
          verified
          viewerRole
        }
        cause {
          id
          slug
          name
        }
        viewerPledges {
          id
          amount
          kind
          currency
          status
          createdAt
        }
      }
    }
  `,
  [CampaignProgressFields],
);
/** Every pledge is for the organization's members only. */
const RecentPledges = graphql(`
  query RecentPledges($id: ID!) {
    campaign(id: $id) {
      id
      pledges(first: 10) {
        nodes {
          id
          amount
          kind
          currency
          status
          createdAt
          user {
            id
            handle
            displayName
          }
        }
      }
    }
  }
`);
const Progress = graphql(
  `
    subscription Progress($id: ID!) {
      campaignProgress(id: $id) {
        id
        ...CampaignProgress
      }
    }
  `,
  [CampaignProgressFields],
);
const PledgeMutation = graphql(`
  mutation Pledge($input: PledgeInput!) {
    pledge(input: $input) {
      id
      amount
      status
      campaign {
        id
        pledgedTotal
        fulfilledTotal
        pledgeCount
      }
    }
  }
`);
const CancelPledge = graphql(`
  mutation CancelPledge($id: ID!) {
    cancelPledge(id: $id) {
      id
      status
      campaign {
        id
        pledgedTotal
        fulfilledTotal
        pledgeCount
      }
    }
  }
`);

const newKey = () =>
  crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

function PledgeForm({
  campaignId,
  kind,
  currency,
  onPledged,
}: {
  campaignId: string;
  kind: GoalKind;
  currency: string | null;
  onPledged: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const amountText = useAmount();
  const problemText = useProblemText();
  const [value, setValue] = useState('');
  const [status, setStatus] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  // One key per intended pledge: pressing Pledge again (or a retry after a lost answer) reuses it.
  const key = useRef<{ key: string; amount: string } | null>(null);
  const inFlight = useRef(false);
  const [state, pledge] = useMutation(PledgeMutation);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (inFlight.current) return;
    const amount = parseAmount(value, kind, currency, locale);
    if (amount === null) {
      setFieldError(
        kind === 'MONEY'
          ? t('pledge.invalidMoney')
          : kind === 'TIME'
            ? t('pledge.invalidTime')
            : t('pledge.invalidAction'),
      );
      return;
    }
    setFieldError(null);
    if (!key.current || key.current.amount !== amount.toString())
      key.current = { key: newKey(), amount: amount.toString() };
    inFlight.current = true;
    setStatus(t('pledge.sending'));
    try {
      const r = await pledge({
        input: {
          campaignId,
          amount: amount.toString(),
          currency: kind === 'MONEY' ? currency : null,
          idempotencyKey: key.current.key,
        },
      });
      if (r.error) {
        const p = problemOf(r.error)!;
        if (p.code !== 'NETWORK') key.current = null; // refused: a new attempt is a new pledge
        setStatus(p.fields.amount ?? problemText(p));
        return;
      }
      key.current = null;
      setValue('');
      setStatus(t('pledge.thanks', { amount: amountText(r.data!.pledge.amount, kind, currency) }));
      onPledged();
    } finally {
      inFlight.current = false;
    }
  };
  const label =
    kind === 'MONEY'
      ? t('pledge.amountMoney', { currency: currency ?? '' })
      : kind === 'TIME'
        ? t('pledge.amountTime')
        : t('pledge.amountAction');
  return (
    <form className={ui.form} onSubmit={submit} noValidate aria-labelledby="pledge-title">
      <h2 id="pledge-title">{t('pledge.title')}</h2>
      <Field
        label={t('pledge.amount')}
        hint={label}
        inputMode="decimal"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={fieldError}
        autoComplete="off"
      />
      <div>
        <button type="submit" className={ui.button} aria-disabled={state.fetching || undefined}>
          {t('pledge.submit')}
        </button>
      </div>
      <p role="status" aria-live="polite" style={{ minHeight: '1.5rem', margin: 0 }}>
        {status}
      </p>
    </form>
  );
}

function CancelButton({ id }: { id: string }) {
  const t = useT();
  const [state, cancel] = useMutation(CancelPledge);
  return (
    <>
      <button
        type="button"
        className={`${ui.danger} ${ui.small}`}
        disabled={state.fetching}
        onClick={() => cancel({ id })}
      >
        {t('pledge.cancel')}
      </button>
      <ProblemAlert error={state.error} />
    </>
  );
}

export default function CampaignPage() {
  const t = useT();
  const amount = useAmount();
  const { id = '' } = useParams();
  const { status } = useSession();
  const [{ data, error }, refetch] = useQuery({ query: CampaignQuery, variables: { id } });
  useSubscription({ query: Progress, variables: { id }, pause: !data?.campaign });
  useEffect(
    () => connectivity.onReconnect(() => refetch({ requestPolicy: 'network-only' })),
    [refetch],
  );
  const c = data?.campaign;
  const member = !!c?.organization.viewerRole;
  const [recent] = useQuery({ query: RecentPledges, variables: { id }, pause: !member });
  usePageTitle(c?.title);
  if (!c) return <Missing error={error} loaded={!!data} />;
  const kind = c.goalKind;
  const ended = c.endsAt !== null && new Date(c.endsAt).getTime() < Date.now();
  return (
    <div className={ui.stack}>
      <p className={ui.muted} style={{ margin: 0 }}>
        <Link to={`/orgs/${c.organization.slug}`}>{c.organization.name}</Link>
        {c.cause && (
          <>
            {' · '}
            <Link to={`/causes/${c.cause.slug}`}>{c.cause.name}</Link>
          </>
        )}
      </p>
      <h1 id="campaign-title">{c.title}</h1>
      <section className={ui.card} aria-label={t('campaign.progress')}>
        <CampaignProgress campaign={c} labelledBy="campaign-title" />
        {c.endsAt && (
          <p className={ui.muted}>
            {t('campaign.ends')} <RelativeTime iso={c.endsAt} />
          </p>
        )}
      </section>
      {c.description && <p style={{ whiteSpace: 'pre-wrap' }}>{c.description}</p>}
      <section className={ui.card}>
        {status === 'signedIn' ? (
          ended ? (
            <p>{t('campaign.ended')}</p>
          ) : (
            <PledgeForm
              campaignId={c.id}
              kind={kind}
              currency={c.currency}
              onPledged={() => refetch({ requestPolicy: 'network-only' })}
            />
          )
        ) : (
          <p>
            <Link to={`/login?next=/campaigns/${c.id}`}>{t('campaign.logInToPledge')}</Link>
          </p>
        )}
      </section>
      {c.viewerPledges.length > 0 && (
        <section className={ui.card} aria-labelledby="your-pledges">
          <h2 id="your-pledges">{t('campaign.yourPledges')}</h2>
          <ul className={ui.list}>
            {c.viewerPledges.map((p) => (
              <li key={p.id} className={ui.between}>
                <span>
                  {amount(p.amount, p.kind, p.currency)} · {t(`status.${p.status}`)} ·{' '}
                  <RelativeTime iso={p.createdAt} />
                </span>
                {p.status === 'PLEDGED' && <CancelButton id={p.id} />}
              </li>
            ))}
          </ul>
        </section>
      )}
      {member && (
        <section aria-labelledby="recent-pledges">
          <h2 id="recent-pledges">{t('campaign.recent')}</h2>
          <ProblemAlert error={recent.error} />
          {recent.data?.campaign?.pledges.nodes.length === 0 && (
            <p className={ui.muted}>{t('common.none')}</p>
          )}
          <ul className={ui.list}>
            {recent.data?.campaign?.pledges.nodes.map((p) => (
              <li key={p.id}>
                {p.user.displayName} · {amount(p.amount, p.kind, p.currency)} ·{' '}
                {t(`status.${p.status}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
