import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, describeFailure, setCsrfToken, whenSignedOut } from './api.js';
import { Shell } from './components/shell.js';
import { InvitePage } from './pages/invite-page.js';
import { LoginPage } from './pages/login-page.js';
import { ResetPasswordPage } from './pages/reset-password-page.js';
import { SetupPage } from './pages/setup-page.js';
import { navigate, usePath } from './router.js';
import type { SessionAnswer } from './types.js';

type Session = { state: 'loading' } | { state: 'failed'; message: string } | SessionAnswer;

/** The dashboard: finds out who is here, then the set-up, a one-time link's page, the sign-in or the signed-in shell. */
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

  // After any sign-in the session answer says who it is and what their role may do.
  const signedIn = (csrfToken: string) => {
    setCsrfToken(csrfToken);
    void refresh();
  };
  const home = (csrfToken: string) => {
    navigate('/', { replace: true });
    signedIn(csrfToken);
  };

  if (session.state === 'loading') return <p class="center-card muted">Loading…</p>;
  if (session.state === 'failed') return <div class="center-card error">{session.message}</div>;
  if (path === '/setup' || session.state === 'setup_required') {
    return <SetupPage setupRequired={session.state === 'setup_required'} minPasswordLength={session.minPasswordLength} onDone={(_owner, csrfToken) => home(csrfToken)} />;
  }
  if (path === '/invite') return <InvitePage minPasswordLength={session.minPasswordLength} onJoined={home} />;
  if (path === '/reset-password') return <ResetPasswordPage minPasswordLength={session.minPasswordLength} onDone={home} />;
  if (session.state !== 'signed_in' || session.owner === null) {
    return <LoginPage twoFactorRequired={session.state === 'two_factor_required'} onSignedIn={signedIn} />;
  }
  return (
    <Shell
      owner={session.owner}
      twoFactorSetupRequired={session.twoFactorSetupRequired}
      path={path}
      refreshSession={refresh}
      onSignedOut={(csrfToken) => {
        setCsrfToken(csrfToken);
        setSession({ ...session, state: 'signed_out', owner: null, csrfToken });
        navigate('/', { replace: true });
      }}
    />
  );
}
