/** The statuses' names as the widget shows them. */
export const STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  closed: 'Closed',
  merged: 'Merged',
};

/** A request's status as a coloured label. */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge ${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}
