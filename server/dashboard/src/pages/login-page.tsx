import { useState } from 'preact/hooks';
import { api, describeFailure } from '../api.js';

/**
 * Sign-in: the email and password, then, for an account with two-factor sign-in, the code
 * from the authenticator app (or a recovery code). `twoFactorRequired`: the password step
 * is already done (the page was reloaded in between).
 */
export function LoginPage(props: { twoFactorRequired: boolean; onSignedIn: (csrfToken: string) => void }) {
  const [step, setStep] = useState<'password' | 'code'>(props.twoFactorRequired ? 'code' : 'password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      if (step === 'password') {
        const answer = await api<{ state: string; csrfToken: string }>('POST', '/dashboard/api/login', { email, password });
        setPassword('');
        if (answer.state === 'two_factor_required') {
          // The half-signed-in session has its own CSRF token: keep it for the code step.
          props.onSignedIn(answer.csrfToken);
          setStep('code');
        } else {
          props.onSignedIn(answer.csrfToken);
        }
      } else {
        const answer = await api<{ csrfToken: string }>('POST', '/dashboard/api/login/two-factor', { code });
        props.onSignedIn(answer.csrfToken);
      }
    } catch (failure) {
      setError(describeFailure(failure));
      setPassword('');
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="center-card card">
      <div class="brand on-light">
        <span class="brand-mark">R</span> Reqio
      </div>
      <h1 class="spaced">{step === 'password' ? 'Sign in' : 'Two-factor sign-in'}</h1>
      <form class="form" onSubmit={submit}>
        {step === 'password' ? (
          <>
            <label class="field">
              <span>Email</span>
              <input type="email" autocomplete="username" required value={email} onInput={(event) => setEmail(event.currentTarget.value)} />
            </label>
            <label class="field">
              <span>Password</span>
              <input type="password" autocomplete="current-password" required value={password} onInput={(event) => setPassword(event.currentTarget.value)} />
            </label>
          </>
        ) : (
          <label class="field">
            <span>Code</span>
            <input inputMode="numeric" autocomplete="one-time-code" required value={code} onInput={(event) => setCode(event.currentTarget.value)} />
            <small>The 6-digit code from your authenticator app, or one of your recovery codes.</small>
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button class="primary" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : step === 'password' ? 'Sign in' : 'Verify'}
        </button>
        {step === 'password' && <p class="muted small">Forgot your password? Ask the person who runs the service for a reset link (<code>reqio member reset-link --email …</code>).</p>}
      </form>
    </div>
  );
}
