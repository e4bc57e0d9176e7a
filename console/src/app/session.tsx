import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '../generated/graphql';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface Session {
  token: string;
  user: SessionUser;
}

const STORAGE_KEY = 'billing-hub.session';

/** The token lives for the tab: sessionStorage survives a reload but not closing the tab, and other tabs sign in on their own. */
export function readStoredSession(storage: Storage = window.sessionStorage): Session | null {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.token !== 'string' || !parsed.user || typeof parsed.user.username !== 'string') return null;
    return parsed as Session;
  } catch {
    return null;
  }
}

interface SessionContextValue {
  session: Session | null;
  /** Why the last session ended when the operator did not sign out (expired token...). */
  endedBecause: string | null;
  signIn(session: Session): void;
  signOut(reason?: string): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children, storage = window.sessionStorage }: { children: ReactNode; storage?: Storage }) {
  const [session, setSession] = useState<Session | null>(() => readStoredSession(storage));
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  const signIn = useCallback(
    (next: Session) => {
      storage.setItem(STORAGE_KEY, JSON.stringify(next));
      setEndedBecause(null);
      setSession(next);
    },
    [storage],
  );
  const signOut = useCallback(
    (reason?: string) => {
      storage.removeItem(STORAGE_KEY);
      setEndedBecause(reason ?? null);
      setSession(null);
    },
    [storage],
  );

  const value = useMemo(() => ({ session, endedBecause, signIn, signOut }), [session, endedBecause, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for screens behind the sign-in. */
export function useCurrentUser(): SessionUser {
  const { session } = useSession();
  if (!session) throw new Error('useCurrentUser without a session');
  return session.user;
}
