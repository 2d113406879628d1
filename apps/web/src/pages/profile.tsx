import { useQuery } from 'urql';
import { DeliverySelect } from '../components/Delivery';
import { Missing } from '../components/NotFound';
import { FollowButton, UpdateCard, UpdateFields } from '../components/parts';
import { ui } from '../components/ui';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { usePageTitle } from '../lib/title';
import { useSession } from '../session/session-context';
import { ReportForm } from './update';

const ProfileQuery = graphql(
  `
    query Profile($handle: String!) {
      user(handle: $handle) {
        id
        handle
        displayName
        bio
        followerCount
        followingCount
        viewerIsFollowing
        viewerDelivery
        updates(first: 10) {
          nodes {
            id
            ...UpdateCard
          }
        }
      }
    }
  `,
  [UpdateFields],
);

export default function ProfilePage({ handle }: { handle: string }) {
  const t = useT();
  const { status, user: me } = useSession();
  const [{ data, error }] = useQuery({ query: ProfileQuery, variables: { handle } });
  const u = data?.user;
  usePageTitle(u?.displayName);
  if (!u) return <Missing error={error} loaded={!!data} />;
  return (
    <div className={ui.stack}>
      <div className={ui.between}>
        <div>
          <h1>{u.displayName}</h1>
          <p className={ui.muted} style={{ margin: 0 }}>
            @{u.handle} · {t('common.followers', { count: u.followerCount })} ·{' '}
            {t('profile.following', { count: u.followingCount })}
          </p>
        </div>
        {status === 'signedIn' && me?.id !== u.id && (
          <FollowButton
            kind="user"
            id={u.id}
            name={u.displayName}
            following={u.viewerIsFollowing}
          />
        )}
      </div>
      {status === 'signedIn' && me?.id !== u.id && u.viewerIsFollowing && (
        <DeliverySelect
          kind="user"
          id={u.id}
          name={u.displayName}
          value={u.viewerDelivery ?? 'HOME'}
        />
      )}
      {u.bio && <p style={{ whiteSpace: 'pre-wrap' }}>{u.bio}</p>}
      {status === 'signedIn' && me?.id !== u.id && <ReportForm subject="USER" id={u.id} />}
      <section aria-labelledby="profile-updates" className={ui.stack}>
        <h2 id="profile-updates">{t('cause.updates')}</h2>
        {u.updates.nodes.length === 0 && <p className={ui.muted}>{t('common.none')}</p>}
        {u.updates.nodes.map((x) => (
          <UpdateCard key={x.id} update={x} />
        ))}
      </section>
    </div>
  );
}
