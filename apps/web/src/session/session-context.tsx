import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Session, SessionStatus, SessionUser } from './session';

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): {
  session: Session;
  status: SessionStatus;
  user: SessionUser | null;
} {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  const snapshot = useSyncExternalStore(
    (l) => session.subscribe(l),
    () => `${session.status}:${session.user?.id ?? ''}:${session.user?.displayName ?? ''}`,
  );
  void snapshot;
  return { session, status: session.status, user: session.user };
}
