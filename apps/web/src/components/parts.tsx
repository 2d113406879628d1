import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { ProblemAlert } from '../api/errors';
import { graphql, readFragment, type FragmentOf } from '../graphql';
import { useLocale, useT } from '../i18n/i18n';
import { formatAmount, type GoalKind } from '../lib/amounts';
import { ui } from './ui';

const FollowCause = graphql(`
  mutation FollowCause($id: ID!) {
    followCause(id: $id) {
      id
      viewerIsFollowing
      followerCount
    }
  }
`);
const UnfollowCause = graphql(`
  mutation UnfollowCause($id: ID!) {
    unfollowCause(id: $id) {
      id
      viewerIsFollowing
      followerCount
    }
  }
`);
const FollowOrg = graphql(`
  mutation FollowOrg($id: ID!) {
    followOrganization(id: $id) {
      id
      viewerIsFollowing
      followerCount
    }
  }
`);
const UnfollowOrg = graphql(`
  mutation UnfollowOrg($id: ID!) {
    unfollowOrganization(id: $id) {
      id
      viewerIsFollowing
      followerCount
    }
  }
`);
const FollowUser = graphql(`
  mutation FollowUser($id: ID!) {
    followUser(id: $id) {
      id
      viewerIsFollowing
      followerCount
    }
  }
`);
const UnfollowUser = graphql(`
  mutation UnfollowUser($id: ID!) {
    unfollowUser(id: $id) {
      id
      viewerIsFollowing
      followerCount
    }
  }
`);

const followOps = {
  cause: [FollowCause, UnfollowCause],
  organization: [FollowOrg, UnfollowOrg],
  user: [FollowUser, UnfollowUser],
} as const;

/** `Follow <name>` with aria-pressed; the name stays the same when pressed. */
export function FollowButton({
  kind,
  id,
  name,
  following,
  showName = false,
}: {
  kind: keyof typeof followOps;
  id: string;
  name: string;
  following: boolean;
  showName?: boolean;
}) {
  const t = useT();
  const [follow, unfollow] = followOps[kind];
  const [f, runFollow] = useMutation(follow as typeof FollowCause);
  const [u, runUnfollow] = useMutation(unfollow as typeof UnfollowCause);
  // Pressed at once; then what the API answered, until the parent's data (the cache) catches up.
  const [local, setLocal] = useState<boolean | null>(null);
  useEffect(() => setLocal(null), [following]);
  const pressed = local ?? following;
  const busy = f.fetching || u.fetching;
  const toggle = async () => {
    const next = !pressed;
    setLocal(next);
    const r = next ? await runFollow({ id }) : await runUnfollow({ id });
    const answered = r.data
      ? (Object.values(r.data)[0] as { viewerIsFollowing: boolean }).viewerIsFollowing
      : null;
    setLocal(answered);
  };
  return (
    <span className={ui.row}>
      <button
        type="button"
        className={`${ui.secondary} ${ui.small} ${pressed ? ui.pressed : ''}`}
        aria-pressed={pressed}
        aria-label={t('follow.name', { name })}
        onClick={toggle}
        disabled={busy}
      >
        <span aria-hidden="true">
          {showName
            ? `${pressed ? '✓' : '+'} ${name}`
            : pressed
              ? `✓ ${t('follow.following')}`
              : t('follow.follow')}
        </span>
      </button>
      <ProblemAlert error={f.error ?? u.error} />
    </span>
  );
}

export const CampaignProgressFields = graphql(`
  fragment CampaignProgress on Campaign {
    id
    title
    goalKind
    goalAmount
    currency
    pledgedTotal
    fulfilledTotal
    pledgeCount
    endsAt
  }
`);

/** Amount formatting with the unit words of the catalogue. */
export function useAmount() {
  const t = useT();
  const { locale } = useLocale();
  return (amount: string, kind: GoalKind, currency: string | null | undefined) =>
    formatAmount(amount, kind, currency ?? null, locale, {
      hours: (n) => t('amount.hours', { n }),
      actions: (n) => t('amount.actions', { n }),
    });
}

/** The campaign's progressbar: named by its title, value and max in one unit, valuetext like the visible text. */
export function CampaignProgress({
  campaign,
  link = true,
  labelledBy,
}: {
  campaign: FragmentOf<typeof CampaignProgressFields>;
  link?: boolean;
  labelledBy?: string;
}) {
  const c = readFragment(CampaignProgressFields, campaign);
  const t = useT();
  const amount = useAmount();
  const kind = c.goalKind;
  const pledged = BigInt(c.pledgedTotal);
  const goal = BigInt(c.goalAmount);
  const share = goal > 0n ? Number((pledged * 1000n) / goal) / 10 : 0;
  const text = t('campaign.progressText', {
    pledged: amount(c.pledgedTotal, kind, c.currency),
    goal: amount(c.goalAmount, kind, c.currency),
  });
  const titleId = labelledBy ?? `campaign-title-${c.id}`;
  return (
    <div className={ui.stack} style={{ gap: '0.4rem' }}>
      {!labelledBy && (
        <h3 id={titleId} style={{ marginBottom: 0 }}>
          {link ? <Link to={`/campaigns/${c.id}`}>{c.title}</Link> : c.title}
        </h3>
      )}
      <div
        role="progressbar"
        aria-labelledby={titleId}
        aria-valuemin={0}
        aria-valuemax={Number(goal)}
        aria-valuenow={Number(pledged > goal ? goal : pledged)}
        aria-valuetext={text}
        className={ui.progress}
      >
        <div className={ui.progressFill} style={{ width: `${Math.min(100, share)}%` }} />
      </div>
      <p className={ui.muted} style={{ margin: 0 }}>
        <span>{text}</span> · <span>{t('campaign.pledgeCount', { count: c.pledgeCount })}</span>
      </p>
    </div>
  );
}

export const UpdateFields = graphql(
  `
    fragment UpdateCard on Update {
      id
      body
      linkUrl
      createdAt
      commentCount
      reactionCount
      viewerHasReacted
      author {
        id
        handle
        displayName
      }
      organization {
        id
        slug
        name
        verified
      }
      causes {
        id
        slug
        name
      }
      campaign {
        id
        ...CampaignProgress
      }
    }
  `,
  [CampaignProgressFields],
);

export function RelativeTime({ iso }: { iso: string }) {
  const { locale } = useLocale();
  const d = new Date(iso);
  return (
    <time dateTime={iso}>
      {new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d)}
    </time>
  );
}

/** One update as an article: who, when, the text, cause chips, link, campaign card, counts. */
export function UpdateCard({
  update,
  posinset,
  setsize,
}: {
  update: FragmentOf<typeof UpdateFields>;
  posinset?: number;
  setsize?: number;
}) {
  const u = readFragment(UpdateFields, update);
  const t = useT();
  const headingId = `update-${u.id}-by`;
  return (
    <article
      className={ui.card}
      tabIndex={-1}
      aria-labelledby={headingId}
      aria-posinset={posinset}
      aria-setsize={setsize}
    >
      <div className={ui.between}>
        <p id={headingId} style={{ margin: 0, fontWeight: 700 }}>
          {u.organization ? (
            <Link to={`/orgs/${u.organization.slug}`}>{u.organization.name}</Link>
          ) : (
            <Link to={`/@${u.author.handle}`}>{u.author.displayName}</Link>
          )}
          {u.organization?.verified && (
            <>
              {' '}
              <span className={ui.verified}>{t('org.verified')}</span>
            </>
          )}
        </p>
        <Link to={`/updates/${u.id}`} className={ui.muted}>
          <RelativeTime iso={u.createdAt} />
        </Link>
      </div>
      <p style={{ whiteSpace: 'pre-wrap' }}>{u.body}</p>
      {u.linkUrl && (
        <p>
          <a href={u.linkUrl} rel="noopener noreferrer nofollow" target="_blank">
            {u.linkUrl}
          </a>
        </p>
      )}
      {u.causes.length > 0 && (
        <ul
          className={ui.row}
          style={{ listStyle: 'none', padding: 0, margin: '0 0 0.75rem' }}
          aria-label={t('update.causes')}
        >
          {u.causes.map((c) => (
            <li key={c.id}>
              <Link className={ui.chip} to={`/causes/${c.slug}`}>
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {u.campaign && (
        <div className={ui.card} style={{ background: 'var(--bg)', marginBottom: '0.75rem' }}>
          <CampaignProgress campaign={u.campaign} />
        </div>
      )}
      <p className={ui.muted} style={{ margin: 0 }}>
        <Link to={`/updates/${u.id}`}>
          {t('update.counts', { reactions: u.reactionCount, comments: u.commentCount })}
        </Link>
      </p>
    </article>
  );
}
