import { useEffect, useRef, useState } from 'preact/hooks';
import { describeFailure } from '../api.js';

/**
 * Asks for the signed-in account's password again (and its two-factor code when `withCode`)
 * before something sensitive; `onSubmit` may throw to show an error.
 */
export function PasswordDialog(props: {
  title: string;
  action: string;
  withCode?: boolean;
  onSubmit: (password: string, code: string) => Promise<void>;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await props.onSubmit(password, code);
    } catch (failure) {
      setError(describeFailure(failure));
      setPassword('');
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} onClose={props.onClose} aria-labelledby="password-dialog-title">
      <form class="form" onSubmit={submit}>
        <h2 id="password-dialog-title">{props.title}</h2>
        <label class="field">
          <span>Your password</span>
          <input type="password" autocomplete="current-password" required value={password} onInput={(event) => setPassword(event.currentTarget.value)} />
        </label>
        {props.withCode && (
          <label class="field">
            <span>Two-factor code</span>
            <input inputMode="numeric" autocomplete="one-time-code" required value={code} onInput={(event) => setCode(event.currentTarget.value)} />
            <small>From your authenticator app, or one of your recovery codes.</small>
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="row">
          <button class="primary" type="submit" disabled={busy}>
            {props.action}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
