import { useEffect, useState } from 'preact/hooks';
import { api, whenStepUpNeeded } from '../api.js';
import { PasswordDialog } from './password-dialog.js';

/**
 * Answers the service's step-ups for the whole signed-in dashboard: when a call needs the
 * password again, this dialog asks, sends it to `/dashboard/api/step-up`, and the call goes
 * through once more.
 */
export function StepUpDialog(props: { withCode: boolean }) {
  const [pending, setPending] = useState<((done: boolean) => void) | null>(null);
  useEffect(() => {
    whenStepUpNeeded(() => new Promise<boolean>((resolve) => setPending(() => resolve)));
    return () => whenStepUpNeeded(undefined);
  }, []);
  if (pending === null) return null;
  return (
    <PasswordDialog
      title="Confirm it is you"
      action="Confirm"
      withCode={props.withCode}
      onClose={() => {
        pending(false);
        setPending(null);
      }}
      onSubmit={async (password, code) => {
        await api('POST', '/dashboard/api/step-up', { password, ...(props.withCode && { code }) });
        pending(true);
        setPending(null);
      }}
    />
  );
}
