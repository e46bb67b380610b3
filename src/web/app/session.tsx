import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import type { SessionUser } from '../api/types.ts';
import { queryClient } from './use-resource.ts';

type SessionState = { kind: 'loading' } | { kind: 'anonymous'; expired: boolean } | { kind: 'signedIn'; user: SessionUser };

interface SessionContextValue {
  state: SessionState;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState({ kind: 'anonymous', expired: true });
    });
    endpoints.me().then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setState({ kind: 'signedIn', user: session.user });
      },
      (error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.error(error);
        setState({ kind: 'anonymous', expired: false });
      },
    );
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const session = await endpoints.login(email, password);
    // Nothing one user loaded is shown to the next, even for a moment.
    queryClient.clear();
    setCsrfToken(session.csrfToken);
    setState({ kind: 'signedIn', user: session.user });
  }, []);

  const logout = useCallback(async () => {
    try {
      await endpoints.logout();
    } finally {
      queryClient.clear();
      setCsrfToken(null);
      setState({ kind: 'anonymous', expired: false });
    }
  }, []);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for screens rendered behind the login. */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.kind !== 'signedIn') throw new Error('useUser without a session');
  return state.user;
}
