import { useState } from 'preact/hooks';
import { api, describePasswordFailure, isLinkRefusal } from '../api.js';
import { NewPasswordFields } from '../components/new-password-fields.js';
import { useLinkToken } from '../use-link-token.js';

/** A new password through the one-time link from `reqio member reset-link`; then sign in with it. */
export function ResetPasswordPage(props: { minPasswordLength: number; onDone: (csrfToken: string) => void }) {
  const { token, link, refuse } = useLinkToken('reset');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    if (password !== confirm) return setError('The two passwords differ.');
    setBusy(true);
    try {
      const answer = await api<{ csrfToken: string }>('POST', '/dashboard/api/password/reset', { token, password });
      props.onDone(answer.csrfToken);
    } catch (failure) {
      if (isLinkRefusal(failure)) refuse(failure.message);
      else setError(describePasswordFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="center-card card">
      <div class="brand on-light">
        <span class="brand-mark">R</span> Reqio
      </div>
      <h1 class="spaced">Choose a new password</h1>
      {link.state === 'checking' ? (
        <p class="muted">Checking the link…</p>
      ) : link.state === 'refused' ? (
        <div class="notice" role="alert" data-testid="link-refused">
          {link.message}
        </div>
      ) : (
        <form class="form" onSubmit={submit}>
          <p class="muted">
            For <strong>{link.link.email}</strong>. Every session of this account ends; sign in again with the new password.
          </p>
          <NewPasswordFields minLength={props.minPasswordLength} password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} label="New password" />
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button class="primary" type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Set the new password'}
          </button>
        </form>
      )}
    </div>
  );
}
