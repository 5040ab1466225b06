import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, describeFailure, setCsrfToken, whenSignedOut } from './api.js';
import { Shell } from './components/shell.js';
import { LoginPage } from './pages/login-page.js';
import { SetupPage } from './pages/setup-page.js';
import { navigate, usePath } from './router.js';
import type { Owner, SessionAnswer } from './types.js';

type Session = { state: 'loading' } | { state: 'failed'; message: string } | (SessionAnswer & { state: SessionAnswer['state'] });

/** The dashboard: finds out who is here, then the set-up, the sign-in or the signed-in shell. */
export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const answer = await api<SessionAnswer>('GET', '/dashboard/api/session');
      setCsrfToken(answer.csrfToken);
      setSession(answer);
    } catch (error) {
      setSession({ state: 'failed', message: describeFailure(error) });
    }
  }, []);
  useEffect(() => {
    whenSignedOut(() => void refresh());
    void refresh();
  }, [refresh]);

  const signedIn = (owner: Owner, csrfToken: string) => {
    setCsrfToken(csrfToken);
    setSession((current) => ({ state: 'signed_in', owner, csrfToken, minPasswordLength: 'minPasswordLength' in current ? current.minPasswordLength : 12 }));
  };

  if (session.state === 'loading') return <p class="center-card muted">Loading…</p>;
  if (session.state === 'failed') return <div class="center-card error">{session.message}</div>;
  if (path === '/setup' || session.state === 'setup_required') {
    return (
      <SetupPage
        setupRequired={session.state === 'setup_required'}
        minPasswordLength={session.minPasswordLength}
        onDone={(owner, csrfToken) => {
          signedIn(owner, csrfToken);
          navigate('/', { replace: true });
        }}
      />
    );
  }
  if (session.state === 'signed_out' || session.owner === null) return <LoginPage onSignedIn={signedIn} />;
  return (
    <Shell
      owner={session.owner}
      path={path}
      onSignedOut={(csrfToken) => {
        setCsrfToken(csrfToken);
        setSession({ state: 'signed_out', owner: null, csrfToken, minPasswordLength: session.minPasswordLength });
        navigate('/', { replace: true });
      }}
    />
  );
}
