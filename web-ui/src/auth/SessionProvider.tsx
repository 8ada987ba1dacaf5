import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, errorMessage, type Role, type Session } from '../shared/api';
import { can, type Permission } from '../shared/permissions';

interface SessionContextValue {
  /** 'loading' until the first refresh attempt has answered. */
  status: 'loading' | 'ready';
  session: Session | null;
  role: Role | undefined;
  /** A message for the login page, such as "Your session has expired…". */
  notice: string | null;
  can: (permission: Permission) => boolean;
  login: (username: string, password: string) => Promise<Session>;
  logout: () => Promise<void>;
  clearNotice: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * Holds who is logged in. On start it asks the hub for a new access token from the refresh
 * cookie, so a reload keeps the admin logged in; when a call finds the session expired, the
 * session ends here and the protected routes send the admin to /login with the notice.
 */
export function SessionProvider({ children }: { children: React.ReactNode }) {
  const [status, setStatus] = useState<'loading' | 'ready'>('loading');
  const [session, setSession] = useState<Session | null>(api.currentSession);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const unsubscribe = api.subscribe(setSession);
    api.onSessionExpired((message) => setNotice(message));
    let cancelled = false;
    api
      .restoreSession()
      .catch((error: unknown) => {
        if (!cancelled) setNotice(errorMessage(error));
      })
      .finally(() => {
        if (!cancelled) setStatus('ready');
      });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const started = await api.login(username, password);
    setNotice(null);
    return started;
  }, []);

  const logout = useCallback(() => api.logout(), []);
  const clearNotice = useCallback(() => setNotice(null), []);

  const value = useMemo<SessionContextValue>(() => {
    const role = session?.admin.role;
    return {
      status,
      session,
      role,
      notice,
      can: (permission) => can(role, permission),
      login,
      logout,
      clearNotice,
    };
  }, [status, session, notice, login, logout, clearNotice]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** For tests and stories: a fixed session without talking to the hub. */
export function StaticSessionProvider({ value, children }: { value: Partial<SessionContextValue> & { role?: Role }; children: React.ReactNode }) {
  const role = value.role ?? value.session?.admin.role;
  const full: SessionContextValue = {
    status: 'ready',
    session: value.session ?? (role ? { accessToken: 'test', expiresIn: 300, admin: { username: 'tester', role } } : null),
    role,
    notice: null,
    can: (permission) => can(role, permission),
    login: async () => {
      throw new Error('not in tests');
    },
    logout: async () => {},
    clearNotice: () => {},
    ...value,
  };
  return <SessionContext.Provider value={full}>{children}</SessionContext.Provider>;
}
