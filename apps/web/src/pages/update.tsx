import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ProblemAlert } from '../api/errors';
import { Missing } from '../components/NotFound';
import { RelativeTime, UpdateCard, UpdateFields } from '../components/parts';
import { Select, TextArea, ui } from '../components/ui';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';
import { useSession } from '../session/session-context';
import { Link } from 'react-router';

const UpdateQuery = graphql(
  `
    query UpdatePage($id: ID!) {
      update(id: $id) {
        id
        reactionCount
        viewerHasReacted
        ...UpdateCard
        author {
          id
          handle
          displayName
        }
        comments(first: 50) {
          nodes {
            id
            body
            createdAt
            author {
              id
              handle
              displayName
            }
          }
        }
      }
    }
  `,
  [UpdateFields],
);
const React = graphql(`
  mutation React($id: ID!) {
    react(updateId: $id) {
      id
      reactionCount
      viewerHasReacted
    }
  }
`);
const Unreact = graphql(`
  mutation Unreact($id: ID!) {
    unreact(updateId: $id) {
      id
      reactionCount
      viewerHasReacted
    }
  }
`);
const AddComment = graphql(`
  mutation AddComment($id: ID!, $body: String!) {
    addComment(updateId: $id, body: $body) {
      id
    }
  }
`);
const Report = graphql(`
  mutation Report($input: ReportInput!) {
    report(input: $input)
  }
`);
const Block = graphql(`
  mutation Block($id: ID!) {
    blockUser(id: $id)
  }
`);

export function ReportForm({
  subject,
  id,
}: {
  subject: 'UPDATE' | 'COMMENT' | 'USER' | 'ORGANIZATION';
  id: string;
}) {
  const t = useT();
  const [reason, setReason] = useState('spam');
  const [state, report] = useMutation(Report);
  const [done, setDone] = useState('');
  return (
    <details>
      <summary style={{ cursor: 'pointer', minHeight: '1.5rem' }}>{t('report.open')}</summary>
      <form
        className={ui.form}
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await report({ input: { subject, id, reason } });
          if (!r.error) setDone(t('report.done'));
        }}
      >
        <Select
          label={t('report.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        >
          <option value="spam">{t('report.spam')}</option>
          <option value="abuse">{t('report.abuse')}</option>
          <option value="misinformation">{t('report.misinformation')}</option>
        </Select>
        <div className={ui.row}>
          <button type="submit" className={`${ui.secondary} ${ui.small}`} disabled={state.fetching}>
            {t('report.submit')}
          </button>
          <span role="status">{done}</span>
        </div>
        <ProblemAlert error={state.error} />
      </form>
    </details>
  );
}

export default function UpdatePage() {
  const t = useT();
  const { id = '' } = useParams();
  const { status, user } = useSession();
  const [{ data, error }, refetch] = useQuery({ query: UpdateQuery, variables: { id } });
  const [reactState, react] = useMutation(React);
  const [, unreact] = useMutation(Unreact);
  const [commentState, comment] = useMutation(AddComment);
  const [blockState, block] = useMutation(Block);
  const [body, setBody] = useState('');
  const [blocked, setBlocked] = useState('');
  const u = data?.update;
  usePageTitle(u ? t('update.title', { name: u.author.displayName }) : undefined);
  if (!u) return <Missing error={error} loaded={!!data} />;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await comment({ id: u.id, body });
    if (!r.error) {
      setBody('');
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const signedIn = status === 'signedIn';
  return (
    <div className={ui.stack}>
      <h1>{t('update.title', { name: u.author.displayName })}</h1>
      <UpdateCard update={u} />
      {signedIn && (
        <div className={ui.row}>
          <button
            type="button"
            className={`${ui.secondary} ${ui.small} ${u.viewerHasReacted ? ui.pressed : ''}`}
            aria-pressed={u.viewerHasReacted}
            disabled={reactState.fetching}
            onClick={() => (u.viewerHasReacted ? unreact({ id: u.id }) : react({ id: u.id }))}
          >
            {t('update.react')} · {u.reactionCount}
          </button>
          {user?.id !== u.author.id && (
            <button
              type="button"
              className={`${ui.danger} ${ui.small}`}
              disabled={blockState.fetching}
              onClick={async () => {
                const r = await block({ id: u.author.id });
                if (!r.error) setBlocked(t('update.blocked', { name: u.author.displayName }));
              }}
            >
              {t('update.block', { name: u.author.displayName })}
            </button>
          )}
          <span role="status">{blocked}</span>
        </div>
      )}
      {signedIn && <ReportForm subject="UPDATE" id={u.id} />}
      <section aria-labelledby="comments" className={ui.stack}>
        <h2 id="comments">{t('update.comments')}</h2>
        {u.comments.nodes.length === 0 && <p className={ui.muted}>{t('common.none')}</p>}
        <ul className={ui.list}>
          {u.comments.nodes.map((c) => (
            <li key={c.id} className={ui.card}>
              <p style={{ margin: 0 }}>
                <Link to={`/@${c.author.handle}`}>{c.author.displayName}</Link> ·{' '}
                <RelativeTime iso={c.createdAt} />
              </p>
              <p style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.body}</p>
            </li>
          ))}
        </ul>
        {signedIn && (
          <form className={ui.form} onSubmit={submit}>
            <TextArea
              label={t('update.comment')}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              required
              maxLength={2000}
            />
            <ProblemAlert error={commentState.error} />
            <div>
              <button
                type="submit"
                className={ui.button}
                disabled={commentState.fetching || !body.trim()}
              >
                {t('update.addComment')}
              </button>
            </div>
          </form>
        )}
      </section>
    </div>
  );
}
