import { useState } from 'preact/hooks';
import { adminPath, api, describeFailure } from '../api.js';
import { SETTABLE_STATUS_LABELS, STATUS_LABELS } from '../format.js';
import type { AdminRequest, SettableStatus } from '../types.js';

/**
 * A request's status, changeable in place (voters and commenters hear of it by email). A
 * merged request shows its badge: only a merge sets that status.
 */
export function StatusSelect(props: { projectId: string; request: AdminRequest; onChange: (request: AdminRequest) => void; onError?: (message: string) => void; label?: string }) {
  const [busy, setBusy] = useState(false);
  const { request } = props;
  if (request.status === 'merged') return <span class="badge merged">{STATUS_LABELS.merged}</span>;
  const change = async (status: SettableStatus) => {
    setBusy(true);
    try {
      const answer = await api<{ request: AdminRequest }>('PATCH', adminPath(props.projectId, `/requests/${encodeURIComponent(request.id)}`), { status });
      props.onChange(answer.request);
    } catch (failure) {
      props.onError?.(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <select
      class={`status-select ${request.status}`}
      aria-label={props.label ?? `Status of ${request.title}`}
      value={request.status}
      disabled={busy}
      data-testid="status"
      onClick={(event) => event.stopPropagation()}
      onChange={(event) => void change(event.currentTarget.value as SettableStatus)}
    >
      {(Object.keys(SETTABLE_STATUS_LABELS) as SettableStatus[]).map((status) => (
        <option value={status}>{SETTABLE_STATUS_LABELS[status]}</option>
      ))}
    </select>
  );
}
