import { useEffect, useRef, useState } from 'preact/hooks';
import { describeFailure } from '../api.js';

/** Asks for the owner's password again before something sensitive; `onSubmit` may throw to show an error. */
export function PasswordDialog(props: { title: string; action: string; onSubmit: (password: string) => Promise<void>; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
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
      await props.onSubmit(password);
    } catch (failure) {
      setError(describeFailure(failure));
      setPassword('');
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
