import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { problemOf, ProblemAlert } from '../api/errors';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { RelativeTime } from './parts';
import { Field, ui } from './ui';

/** The events a webhook may subscribe to (PING only comes from the Ping button). */
export const WEBHOOK_EVENTS = [
  'UPDATE_POSTED',
  'NEW_FOLLOWER',
  'PLEDGE_RECEIVED',
  'PLEDGE_CANCELLED',
  'PLEDGE_FULFILLED',
  'CAMPAIGN_GOAL_REACHED',
] as const;
type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const WebhooksQuery = graphql(`
  query Webhooks($slug: String!) {
    organization(slug: $slug) {
      id
      webhooks {
        id
        url
        events
        active
        createdAt
      }
    }
  }
`);
const DeliveriesQuery = graphql(`
  query WebhookDeliveries($slug: String!, $after: String) {
    organization(slug: $slug) {
      id
      webhooks {
        id
        deliveries(first: 10, after: $after) {
          edges {
            cursor
            node {
              id
              event
              status
              attempts
              responseStatus
              createdAt
              nextAttemptAt
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`);
const CreateWebhook = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
        url
        events
        active
        createdAt
      }
    }
  }
`);
const RotateSecret = graphql(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      webhook {
        id
        active
      }
    }
  }
`);
const PingWebhook = graphql(`
  mutation PingWebhook($id: ID!) {
    pingWebhook(id: $id) {
      id
      status
    }
  }
`);
const DeleteWebhook = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

/** The signing secret, shown once: a read-only field, a copy button and a plain warning. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState('');
  return (
    <div
      className={`${ui.notice} ${ui.stack}`}
      role="region"
      aria-label={t('webhooks.secretTitle')}
    >
      <strong>{t('webhooks.secretWarning')}</strong>
      <Field
        label={t('webhooks.secret')}
        value={secret}
        readOnly
        onFocus={(e) => e.target.select()}
        style={{ fontFamily: 'monospace' }}
      />
      <div className={ui.row}>
        <button
          type="button"
          className={`${ui.button} ${ui.small}`}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret);
              setCopied(t('webhooks.copied'));
            } catch {
              setCopied(t('webhooks.copyFailed'));
            }
          }}
        >
          {t('webhooks.copy')}
        </button>
        <button type="button" className={`${ui.secondary} ${ui.small}`} onClick={onDone}>
          {t('webhooks.secretDone')}
        </button>
        <span role="status">{copied}</span>
      </div>
    </div>
  );
}

/** Create: URL and event checkboxes; fields.url appears next to the URL field. */
export function CreateWebhookForm({
  organizationId,
  onCreated,
}: {
  organizationId: string;
  onCreated: (secret: string) => void;
}) {
  const t = useT();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['PLEDGE_RECEIVED']);
  const [state, create] = useMutation(CreateWebhook);
  const fields = problemOf(state.error)?.fields ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({ input: { organizationId, url: url.trim(), events } });
    if (r.data) {
      setUrl('');
      onCreated(r.data.createWebhook.secret);
    }
  };
  return (
    <form className={ui.form} onSubmit={submit} noValidate aria-labelledby="webhook-new">
      <h3 id="webhook-new">{t('webhooks.new')}</h3>
      <Field
        label={t('webhooks.url')}
        type="url"
        inputMode="url"
        required
        hint={t('webhooks.urlHint')}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={fields.url}
      />
      <fieldset
        className={ui.checks}
        aria-describedby={fields.events ? 'webhook-events-error' : undefined}
      >
        <legend>{t('webhooks.events')}</legend>
        {WEBHOOK_EVENTS.map((ev) => (
          <label key={ev} className={ui.check}>
            <input
              type="checkbox"
              checked={events.includes(ev)}
              onChange={(e) =>
                setEvents((cur) => (e.target.checked ? [...cur, ev] : cur.filter((x) => x !== ev)))
              }
            />
            {t(`webhookEvent.${ev}`)}
          </label>
        ))}
      </fieldset>
      {fields.events && (
        <span id="webhook-events-error" className={ui.error}>
          {fields.events}
        </span>
      )}
      {state.error && !Object.keys(fields).length && <ProblemAlert error={state.error} />}
      <div>
        <button type="submit" className={ui.button} disabled={state.fetching}>
          {t('webhooks.create')}
        </button>
      </div>
    </form>
  );
}

function DeliveryLog({
  slug,
  webhookId,
  refreshKey,
}: {
  slug: string;
  webhookId: string;
  refreshKey: number;
}) {
  const t = useT();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: DeliveriesQuery,
    variables: { slug, after },
    requestPolicy: 'cache-and-network',
  });
  const conn = data?.organization?.webhooks.find((w) => w.id === webhookId)?.deliveries;
  const items = conn?.edges.map((e) => e.node) ?? [];
  const pending = items.some((d) => d.status === 'PENDING');
  useEffect(() => {
    if (refreshKey) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 2000);
    return () => clearInterval(timer);
  }, [pending, refetch]);
  return (
    <div className={ui.stack}>
      <ProblemAlert error={error} />
      {data && items.length === 0 && <p className={ui.muted}>{t('webhooks.noDeliveries')}</p>}
      {items.length > 0 && (
        <div
          style={{ overflowX: 'auto' }}
          tabIndex={0}
          role="region"
          aria-label={t('webhooks.log')}
        >
          <table className={ui.table} style={{ whiteSpace: 'nowrap' }}>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.when')}</th>
                <th scope="col">{t('webhooks.event')}</th>
                <th scope="col">{t('webhooks.status')}</th>
                <th scope="col">{t('webhooks.attempts')}</th>
                <th scope="col">{t('webhooks.response')}</th>
                <th scope="col">{t('webhooks.nextAttempt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <RelativeTime iso={d.createdAt} />
                  </td>
                  <td>{t(`webhookEvent.${d.event}`)}</td>
                  <td>{t(`deliveryStatus.${d.status}`)}</td>
                  <td>{d.attempts}</td>
                  <td>{d.responseStatus ?? t('webhooks.noResponse')}</td>
                  <td>{d.nextAttemptAt ? <RelativeTime iso={d.nextAttemptAt} /> : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className={ui.row}>
        {conn?.pageInfo.hasNextPage && (
          <button
            type="button"
            className={`${ui.secondary} ${ui.small}`}
            disabled={fetching}
            onClick={() => setAfter(conn.pageInfo.endCursor ?? null)}
          >
            {t('feed.loadMore')}
          </button>
        )}
        <button
          type="button"
          className={`${ui.secondary} ${ui.small}`}
          disabled={fetching}
          onClick={() => refetch({ requestPolicy: 'network-only' })}
        >
          {t('common.refresh')}
        </button>
      </div>
    </div>
  );
}

function WebhookItem({
  slug,
  webhook,
  onSecret,
  onDeleted,
}: {
  slug: string;
  webhook: {
    id: string;
    url: string;
    events: readonly string[];
    active: boolean;
    createdAt: string;
  };
  onSecret: (s: string) => void;
  onDeleted: () => void;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [pinged, setPinged] = useState(0);
  const [rotate, runRotate] = useMutation(RotateSecret);
  const [ping, runPing] = useMutation(PingWebhook);
  const [del, runDelete] = useMutation(DeleteWebhook);
  const logId = `webhook-log-${webhook.id}`;
  return (
    <li className={ui.card} style={{ overflowWrap: 'anywhere' }}>
      <div className={ui.stack} style={{ gap: '0.5rem' }}>
        <div className={ui.between}>
          <strong>{webhook.url}</strong>
          <span className={webhook.active ? ui.badge : `${ui.badge} ${ui.disabledBadge}`}>
            {webhook.active ? t('webhooks.active') : t('webhooks.disabled')}
          </span>
        </div>
        <p className={ui.muted}>
          {webhook.events.map((e) => t(`webhookEvent.${e as WebhookEvent}`)).join(', ')} ·{' '}
          <RelativeTime iso={webhook.createdAt} />
        </p>
        {!webhook.active && <p className={ui.alert}>{t('webhooks.disabledHint')}</p>}
        <div className={ui.row}>
          <button
            type="button"
            className={`${ui.secondary} ${ui.small}`}
            disabled={ping.fetching}
            aria-label={t('webhooks.pingUrl', { url: webhook.url })}
            onClick={async () => {
              const r = await runPing({ id: webhook.id });
              if (!r.error) {
                setShowLog(true);
                setPinged((n) => n + 1);
              }
            }}
          >
            {t('webhooks.ping')}
          </button>
          <button
            type="button"
            className={`${ui.secondary} ${ui.small}`}
            disabled={rotate.fetching}
            aria-label={t('webhooks.rotateUrl', { url: webhook.url })}
            onClick={async () => {
              const r = await runRotate({ id: webhook.id });
              if (r.data) onSecret(r.data.rotateWebhookSecret.secret);
            }}
          >
            {t('webhooks.rotate')}
          </button>
          <button
            type="button"
            className={`${ui.secondary} ${ui.small}`}
            aria-expanded={showLog}
            aria-controls={logId}
            onClick={() => setShowLog((s) => !s)}
          >
            {t('webhooks.log')}
          </button>
          {!confirming ? (
            <button
              type="button"
              className={`${ui.danger} ${ui.small}`}
              aria-label={t('webhooks.deleteUrl', { url: webhook.url })}
              onClick={() => setConfirming(true)}
            >
              {t('webhooks.delete')}
            </button>
          ) : (
            <span className={ui.row} role="group" aria-label={t('webhooks.confirmDelete')}>
              <span>{t('webhooks.confirmDelete')}</span>
              <button
                type="button"
                className={`${ui.danger} ${ui.small}`}
                disabled={del.fetching}
                autoFocus
                onClick={async () => {
                  const r = await runDelete({ id: webhook.id });
                  if (!r.error) onDeleted();
                }}
              >
                {t('webhooks.confirmDeleteYes')}
              </button>
              <button
                type="button"
                className={`${ui.secondary} ${ui.small}`}
                onClick={() => setConfirming(false)}
              >
                {t('webhooks.cancel')}
              </button>
            </span>
          )}
        </div>
        <ProblemAlert error={ping.error ?? rotate.error ?? del.error} />
        <div id={logId} hidden={!showLog}>
          {showLog && <DeliveryLog slug={slug} webhookId={webhook.id} refreshKey={pinged} />}
        </div>
      </div>
    </li>
  );
}

/** The Integrations section of /orgs/:slug/manage (OWNER and ADMIN). */
export function Integrations({ slug, organizationId }: { slug: string; organizationId: string }) {
  const t = useT();
  const [{ data, error }, refetch] = useQuery({
    query: WebhooksQuery,
    variables: { slug },
    requestPolicy: 'cache-and-network',
  });
  const [secret, setSecret] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const hooks = data?.organization?.webhooks ?? [];
  return (
    <div className={ui.stack}>
      <p className={ui.muted}>{t('webhooks.lead')}</p>
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
      <ProblemAlert error={error} />
      {data && hooks.length === 0 && <p className={ui.muted}>{t('webhooks.none')}</p>}
      <ul className={ui.list} aria-label={t('webhooks.list')}>
        {hooks.map((w) => (
          <WebhookItem
            key={w.id}
            slug={slug}
            webhook={w}
            onSecret={(s) => (setSecret(s), reload())}
            onDeleted={reload}
          />
        ))}
      </ul>
      <CreateWebhookForm
        organizationId={organizationId}
        onCreated={(s) => {
          setSecret(s);
          reload();
        }}
      />
    </div>
  );
}
