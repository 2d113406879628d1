import { lazy, Suspense, useEffect, useMemo, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Provider, type Client } from 'urql';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Layout } from './components/Layout';
import { I18nProvider, useT, type Locale } from './i18n/i18n';
import type { Session } from './session/session';
import { SessionProvider, useSession } from './session/session-context';

const HomePage = lazy(() => import('./pages/home'));
const LogInPage = lazy(() => import('./pages/auth').then((m) => ({ default: m.LogInPage })));
const SignUpPage = lazy(() => import('./pages/auth').then((m) => ({ default: m.SignUpPage })));
const WelcomePage = lazy(() => import('./pages/welcome'));
const CausesPage = lazy(() => import('./pages/causes').then((m) => ({ default: m.CausesPage })));
const CausePage = lazy(() => import('./pages/causes').then((m) => ({ default: m.CausePage })));
const OrgPage = lazy(() => import('./pages/org'));
const NewOrgPage = lazy(() => import('./pages/org-new'));
const ManagePage = lazy(() => import('./pages/manage'));
const CampaignPage = lazy(() => import('./pages/campaign'));
const UpdatePage = lazy(() => import('./pages/update'));
const NotificationsPage = lazy(() => import('./pages/notifications'));
const SearchPage = lazy(() => import('./pages/search'));
const ProfilePage = lazy(() => import('./pages/profile'));
const MyPledgesPage = lazy(() => import('./pages/my-pledges'));
const SettingsPage = lazy(() => import('./pages/settings'));
const AdminPage = lazy(() => import('./pages/admin'));
const ForgotPasswordPage = lazy(() =>
  import('./pages/account').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./pages/account').then((m) => ({ default: m.ResetPasswordPage })),
);
const VerifyEmailPage = lazy(() =>
  import('./pages/account').then((m) => ({ default: m.VerifyEmailPage })),
);
const NotFoundPage = lazy(() => import('./pages/not-found'));

function Loading() {
  const t = useT();
  return (
    <p role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

/** Signed-in routes: wait for the session, send the signed-out to /login (and back afterwards). */
function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'signedOut')
    return (
      <Navigate
        to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
        replace
      />
    );
  return <>{children}</>;
}

/** Focus the main landmark on route changes so screen readers start at the new content. */
function FocusOnNavigate() {
  const location = useLocation();
  useEffect(() => {
    const main = document.getElementById('main');
    if (
      main &&
      document.activeElement &&
      document.activeElement !== document.body &&
      !main.contains(document.activeElement)
    )
      main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);
  return null;
}

function ProfileRoute() {
  const location = useLocation();
  const handle = decodeURIComponent(location.pathname.slice(1));
  if (!handle.startsWith('@')) return <NotFoundPage />;
  return <ProfilePage handle={handle.slice(1)} />;
}

function PageBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return <ErrorBoundary resetKey={location.pathname}>{children}</ErrorBoundary>;
}

export function AppRoutes() {
  const signedIn = (el: ReactNode) => <RequireSession>{el}</RequireSession>;
  return (
    <Layout>
      <FocusOnNavigate />
      <PageBoundary>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/login" element={<LogInPage />} />
            <Route path="/signup" element={<SignUpPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/reset-password" element={<ResetPasswordPage />} />
            <Route path="/verify-email" element={<VerifyEmailPage />} />
            <Route path="/welcome" element={signedIn(<WelcomePage />)} />
            <Route path="/causes" element={<CausesPage />} />
            <Route path="/causes/:slug" element={<CausePage />} />
            <Route path="/orgs/new" element={signedIn(<NewOrgPage />)} />
            <Route path="/orgs/:slug" element={<OrgPage />} />
            <Route path="/orgs/:slug/manage" element={signedIn(<ManagePage />)} />
            <Route path="/campaigns/:id" element={<CampaignPage />} />
            <Route path="/updates/:id" element={<UpdatePage />} />
            <Route path="/notifications" element={signedIn(<NotificationsPage />)} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/me/pledges" element={signedIn(<MyPledgesPage />)} />
            <Route path="/settings" element={signedIn(<SettingsPage />)} />
            <Route path="/admin" element={signedIn(<AdminPage />)} />
            <Route path="*" element={<ProfileRoute />} />
          </Routes>
        </Suspense>
      </PageBoundary>
    </Layout>
  );
}

function ClientPerPerson({
  makeClient,
  children,
}: {
  makeClient: () => Client;
  children: ReactNode;
}) {
  const { status, user } = useSession();
  const client = useMemo(
    () => makeClient(),
    [makeClient, status === 'loading' ? 'loading' : user?.id],
  );
  if (status === 'loading') return null;
  return <Provider value={client}>{children}</Provider>;
}

export function App({
  session,
  makeClient,
  locale,
}: {
  session: Session;
  makeClient: () => Client;
  locale?: Locale;
}) {
  return (
    <I18nProvider locale={locale}>
      <SessionProvider session={session}>
        <ClientPerPerson makeClient={makeClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </ClientPerPerson>
      </SessionProvider>
    </I18nProvider>
  );
}
