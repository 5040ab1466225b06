import { useState } from 'preact/hooks';
import { api, describeFailure } from '../api.js';
import type { Owner } from '../types.js';

/** Sign-in for an existing owner. */
export function LoginPage(props: { onSignedIn: (owner: Owner, csrfToken: string) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const answer = await api<{ owner: Owner; csrfToken: string }>('POST', '/dashboard/api/login', { email, password });
      props.onSignedIn(answer.owner, answer.csrfToken);
    } catch (failure) {
      setError(describeFailure(failure));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="center-card card">
      <div class="brand on-light">
        <span class="brand-mark">R</span> Reqio
      </div>
      <h1 class="spaced">Sign in</h1>
      <form class="form" onSubmit={submit}>
        <label class="field">
          <span>Email</span>
          <input type="email" autocomplete="username" required value={email} onInput={(event) => setEmail(event.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Password</span>
          <input type="password" autocomplete="current-password" required value={password} onInput={(event) => setPassword(event.currentTarget.value)} />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button class="primary" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
