import type { RequestStatus } from '@reqio/shared';

const LABELS: Record<RequestStatus, string> = {
  open: 'Open',
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  closed: 'Closed',
  merged: 'Merged',
};

/** A request's status as a coloured label. */
export function StatusBadge({ status }: { status: RequestStatus }) {
  return <span class={`badge ${status}`}>{LABELS[status] ?? status}</span>;
}
