import { useEffect, useRef, useState } from 'preact/hooks';
import { describeFailure } from '../api.js';

/**
 * A styled confirmation (never `window.confirm`): a modal dialog naming what will happen,
 * with the destructive action and Cancel; `onConfirm` may throw to show why it failed.
 */
export function ConfirmDialog(props: { title: string; message: string; action: string; onConfirm: () => Promise<void>; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const confirm = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await props.onConfirm();
      dialog.current?.close();
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} onClose={props.onClose} aria-labelledby="confirm-dialog-title" aria-describedby="confirm-dialog-message" data-testid="confirm-dialog">
      <form class="form" onSubmit={confirm}>
        <h2 id="confirm-dialog-title">{props.title}</h2>
        <p id="confirm-dialog-message">{props.message}</p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="row">
          <button class="danger-solid" type="submit" disabled={busy}>
            {props.action}
          </button>
          <button type="button" onClick={() => dialog.current?.close()} autofocus>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
