import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, api, describePasswordFailure } from '../api.js';
import type { Owner } from '../types.js';

/** The one-time token from the first-run link: in the fragment, so it never reached a server log. */
const tokenFromFragment = (): string => new URLSearchParams(location.hash.slice(1)).get('token') ?? '';

/** First run: the owner account, created through the link `npm start` printed. */
export function SetupPage(props: { setupRequired: boolean; minPasswordLength: number; onDone: (owner: Owner, csrfToken: string) => void }) {
  const [token] = useState(tokenFromFragment);
  const [usable, setUsable] = useState<boolean | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Out of the address bar (and so out of history and screenshots) once read.
    if (location.hash) history.replaceState(null, '', location.pathname);
    if (!props.setupRequired || token === '') {
      setUsable(false);
      return;
    }
    api<{ usable: boolean }>('POST', '/dashboard/api/setup/check', { token }).then(
      (answer) => setUsable(answer.usable),
      () => setUsable(false),
    );
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    if (password !== confirm) return setError('The two passwords differ.');
    setBusy(true);
    try {
      const answer = await api<{ owner: Owner; csrfToken: string }>('POST', '/dashboard/api/setup', { token, email, password });
      props.onDone(answer.owner, answer.csrfToken);
    } catch (failure) {
      setError(describePasswordFailure(failure));
      if (failure instanceof ApiFailure && failure.reason === 'setup_link_invalid') setUsable(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="center-card card">
      <div class="brand on-light">
        <span class="brand-mark">R</span> Reqio
      </div>
      <h1 class="spaced">Set up your dashboard</h1>
      {usable === null ? (
        <p class="muted">Checking the set-up link…</p>
      ) : !props.setupRequired ? (
        <p>
          This installation already has an owner. <a href="/dashboard">Sign in</a>.
        </p>
      ) : !usable ? (
        <div class="notice" role="alert">
          {error ||
            'This page needs the one-time link that npm start prints on first run. That link is used, expired or incomplete: restart the service to print a new one.'}
        </div>
      ) : (
        <form class="form" onSubmit={submit}>
          <p class="muted">Create the owner account. The link works once; afterwards you sign in with this email and password.</p>
          <label class="field">
            <span>Email</span>
            <input type="email" autocomplete="username" required value={email} onInput={(event) => setEmail(event.currentTarget.value)} />
          </label>
          <label class="field">
            <span>Password</span>
            <input
              type="password"
              autocomplete="new-password"
              required
              minLength={props.minPasswordLength}
              value={password}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
            <small>At least {props.minPasswordLength} characters; a passphrase is best.</small>
          </label>
          <label class="field">
            <span>Password, again</span>
            <input type="password" autocomplete="new-password" required value={confirm} onInput={(event) => setConfirm(event.currentTarget.value)} />
          </label>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button class="primary" type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create owner account'}
          </button>
        </form>
      )}
    </div>
  );
}
