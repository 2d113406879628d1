import { useEffect, useState, type ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { connectivity } from '../api/connectivity';
import { graphql } from '../graphql';
import { useT } from '../i18n/i18n';
import { useSession } from '../session/session-context';
import { Icon } from './icons';
import css from './layout.module.css';
import { ui } from './ui';

export const UnreadQuery = graphql(`
  query Unread {
    viewer {
      user {
        id
        handle
      }
      platformRole
      unreadNotificationCount
    }
  }
`);
const NotificationAdded = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      id
    }
  }
`);

function OfflineBanner() {
  const t = useT();
  const [online, setOnline] = useState(
    connectivity.online && (typeof navigator === 'undefined' || navigator.onLine !== false),
  );
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    const off = connectivity.subscribe(setOnline);
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      off();
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  if (online) return null;
  const retry = async () => {
    setChecking(true);
    try {
      const r = await fetch('/health', { cache: 'no-store' });
      if (r.ok) window.location.reload();
    } catch {
      /* still down */
    } finally {
      setChecking(false);
    }
  };
  return (
    <div className={css.banner} role="alert">
      <div className={css.bannerInner}>
        <span>{t('banner.offline')}</span>
        <button
          type="button"
          className={`${ui.secondary} ${ui.small}`}
          onClick={retry}
          disabled={checking}
        >
          {t('banner.retry')}
        </button>
      </div>
    </div>
  );
}

function NotificationsLink() {
  const t = useT();
  const [{ data }, refetch] = useQuery({ query: UnreadQuery, requestPolicy: 'cache-and-network' });
  useSubscription({ query: NotificationAdded }, (_prev, event) => {
    refetch({ requestPolicy: 'network-only' });
    return event;
  });
  useEffect(
    () => connectivity.onReconnect(() => refetch({ requestPolicy: 'network-only' })),
    [refetch],
  );
  const unread = data?.viewer?.unreadNotificationCount ?? 0;
  const name =
    unread > 0 ? t('nav.notificationsUnread', { count: unread }) : t('nav.notifications');
  return (
    <NavLink to="/notifications" aria-label={name}>
      <Icon name="bell" className={css.icon} />
      <span>{t('nav.notifications')}</span>
      {unread > 0 && (
        <span className={css.count} aria-hidden="true">
          {unread}
        </span>
      )}
    </NavLink>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const { session, status, user } = useSession();
  const navigate = useNavigate();
  const signedIn = status === 'signedIn';
  const logOut = async () => {
    await session.logOut().catch(() => undefined);
    void navigate('/');
  };
  return (
    <>
      <a className={css.skip} href="#main">
        {t('nav.skip')}
      </a>
      <header className={css.header} data-fixed-bar="">
        <div className={css.bar}>
          <Link to="/" className={css.brand}>
            Causeway
          </Link>
          <nav className={css.nav} aria-label={t('nav.label')} data-fixed-bar="">
            <ul>
              <li>
                <NavLink to="/" end>
                  <Icon name="home" className={css.icon} />
                  <span>{t('nav.home')}</span>
                </NavLink>
              </li>
              <li>
                <NavLink to="/causes">
                  <Icon name="causes" className={css.icon} />
                  <span>{t('nav.causes')}</span>
                </NavLink>
              </li>
              <li>
                <NavLink to="/search">
                  <Icon name="search" className={css.icon} />
                  <span>{t('nav.search')}</span>
                </NavLink>
              </li>
              {signedIn && (
                <>
                  <li>
                    <NotificationsLink />
                  </li>
                  <li>
                    <NavLink to="/me/pledges">
                      <Icon name="heart" className={css.icon} />
                      <span>{t('nav.pledges')}</span>
                    </NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
          <div className={css.account}>
            {signedIn ? (
              <>
                <Link to="/settings" className={css.settings}>
                  <span className={css.hideSmall}>{user?.displayName} ·</span>
                  {t('nav.settings')}
                </Link>
                <button type="button" className={`${ui.secondary} ${ui.small}`} onClick={logOut}>
                  {t('nav.logOut')}
                </button>
              </>
            ) : status === 'signedOut' ? (
              <>
                <Link to="/login">{t('nav.logIn')}</Link>
                <Link to="/signup" className={`${ui.button} ${ui.small}`}>
                  {t('nav.signUp')}
                </Link>
              </>
            ) : null}
          </div>
        </div>
      </header>
      <OfflineBanner />
      <main id="main" className={css.main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
