import { useState } from 'preact/hooks';
import { api, describePasswordFailure, isLinkRefusal } from '../api.js';
import { NewPasswordFields } from '../components/new-password-fields.js';
import { useLinkToken } from '../use-link-token.js';

/** Joining the team through an invite link: a name and a password, then signed in. */
export function InvitePage(props: { minPasswordLength: number; onJoined: (csrfToken: string) => void }) {
  const { token, link, refuse } = useLinkToken('invite');
  const [name, setName] = useState('');
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
      const answer = await api<{ csrfToken: string }>('POST', '/dashboard/api/invites/accept', { token, name, password });
      props.onJoined(answer.csrfToken);
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
      <h1 class="spaced">Join the team</h1>
      {link.state === 'checking' ? (
        <p class="muted">Checking the invite…</p>
      ) : link.state === 'refused' ? (
        <div class="notice" role="alert" data-testid="link-refused">
          {link.message} <a href="/dashboard">Sign in</a> if you already have an account.
        </div>
      ) : (
        <form class="form" onSubmit={submit}>
          <p class="muted">
            You were invited as <strong>{link.link.email}</strong>. Choose your name and a password; you sign in with this email afterwards.
          </p>
          <label class="field">
            <span>Your name</span>
            <input autocomplete="name" required maxLength={100} value={name} onInput={(event) => setName(event.currentTarget.value)} />
          </label>
          <NewPasswordFields minLength={props.minPasswordLength} password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} />
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button class="primary" type="submit" disabled={busy}>
            {busy ? 'Joining…' : 'Join'}
          </button>
        </form>
      )}
    </div>
  );
}
