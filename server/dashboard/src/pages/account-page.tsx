import { useState } from 'preact/hooks';
import { ApiFailure, api, describeFailure } from '../api.js';
import { CopyButton } from '../components/code-block.js';
import { NewPasswordFields } from '../components/new-password-fields.js';
import type { Owner, TwoFactorSetupAnswer } from '../types.js';

/** The signed-in account: its password and its two-factor sign-in. */
export function AccountPage(props: { owner: Owner; setupRequired: boolean; refreshSession: () => Promise<void> }) {
  return (
    <div class="stack">
      <div class="page-head">
        <div>
          <h1>Your account</h1>
          <p class="muted">
            {props.owner.name ? `${props.owner.name}, ` : ''}
            {props.owner.email} ({props.owner.role})
          </p>
        </div>
      </div>
      {props.setupRequired && (
        <div class="notice" role="alert">
          Your team requires two-factor sign-in: set it up below to use the dashboard.
        </div>
      )}
      <TwoFactorCard owner={props.owner} refreshSession={props.refreshSession} />
      {!props.setupRequired && <PasswordCard />}
    </div>
  );
}

function PasswordCard() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (newPassword !== confirm) return setMessage({ ok: false, text: 'The two new passwords differ.' });
    setBusy(true);
    setMessage(null);
    try {
      await api('POST', '/dashboard/api/account/password', { currentPassword, newPassword });
      setMessage({ ok: true, text: 'Password changed. Every other session of your account has been signed out.' });
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
    } catch (failure) {
      setMessage({ ok: false, text: failure instanceof ApiFailure && failure.fields.newPassword ? `New password ${failure.fields.newPassword}.` : describeFailure(failure) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="card">
      <h2>Password</h2>
      <form class="form" onSubmit={submit}>
        <label class="field">
          <span>Current password</span>
          <input type="password" autocomplete="current-password" required value={currentPassword} onInput={(event) => setCurrentPassword(event.currentTarget.value)} />
        </label>
        <NewPasswordFields minLength={12} password={newPassword} confirm={confirm} onPassword={setNewPassword} onConfirm={setConfirm} label="New password" />
        {message && (
          <p class={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <div>
          <button class="primary" type="submit" disabled={busy}>
            Change password
          </button>
        </div>
      </form>
    </div>
  );
}

function TwoFactorCard({ owner, refreshSession }: { owner: Owner; refreshSession: () => Promise<void> }) {
  const [setup, setSetup] = useState<TwoFactorSetupAnswer | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (failure) {
      setError(describeFailure(failure));
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  const start = () => void run(async () => setSetup(await api<TwoFactorSetupAnswer>('POST', '/dashboard/api/account/two-factor/setup')));
  const confirmCode = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const answer = await api<{ recoveryCodes: string[] }>('POST', '/dashboard/api/account/two-factor/confirm', { code });
      setRecoveryCodes(answer.recoveryCodes);
      setSetup(null);
      setCode('');
    });
  };
  const disable = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await api('POST', '/dashboard/api/account/two-factor/disable', { password, code });
      setPassword('');
      setCode('');
      await refreshSession();
    });
  };

  return (
    <div class="card">
      <h2>Two-factor sign-in</h2>
      {recoveryCodes ? (
        <div role="status">
          <p class="success">Two-factor sign-in is on.</p>
          <p>
            Keep these recovery codes somewhere safe: each signs you in once if you lose your phone. They are shown this once.
          </p>
          <pre class="secret" data-testid="recovery-codes">
            {recoveryCodes.join('\n')}
          </pre>
          <div class="row">
            <CopyButton class="" text={recoveryCodes.join('\n')} />
            <button class="primary" onClick={() => void refreshSession().then(() => setRecoveryCodes(null))}>
              I have saved them
            </button>
          </div>
        </div>
      ) : owner.twoFactorEnabled ? (
        <form class="form" onSubmit={disable}>
          <p>
            <span class="badge">on</span> Signing in asks for a code from your authenticator app.
          </p>
          <p class="muted small">To turn it off, enter your password and a current code.</p>
          <div class="row">
            <label class="field spacer">
              <span>Password</span>
              <input type="password" autocomplete="current-password" required value={password} onInput={(event) => setPassword(event.currentTarget.value)} />
            </label>
            <label class="field spacer">
              <span>Code</span>
              <input inputMode="numeric" autocomplete="one-time-code" required value={code} onInput={(event) => setCode(event.currentTarget.value)} />
            </label>
          </div>
          <div>
            <button class="danger" type="submit" disabled={busy}>
              Turn off two-factor sign-in
            </button>
          </div>
        </form>
      ) : setup ? (
        <form class="form" onSubmit={confirmCode}>
          <p>Scan this code with your authenticator app (1Password, Google Authenticator, Aegis…), then enter the 6-digit code it shows.</p>
          <div class="qr" data-testid="totp-qr" dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
          <p class="muted small">
            Cannot scan? Enter this key: <code data-testid="totp-key">{setup.key}</code>
          </p>
          <label class="field">
            <span>Code from the app</span>
            <input inputMode="numeric" autocomplete="one-time-code" required value={code} onInput={(event) => setCode(event.currentTarget.value)} />
          </label>
          <div>
            <button class="primary" type="submit" disabled={busy}>
              Turn on
            </button>
          </div>
        </form>
      ) : (
        <>
          <p class="muted">Off. With it on, signing in also asks for a code from an app on your phone.</p>
          <button class="primary" onClick={start} disabled={busy}>
            Set up two-factor sign-in
          </button>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
