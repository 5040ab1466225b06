import type { RequestStatus, SettableStatus } from '@reqio/shared';

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const exactMoney = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });

/** Whole cents as money: 120000 → "$1,200"; with `exact`, "$1,200.00". */
export const formatCents = (cents: number, options: { exact?: boolean } = {}): string =>
  (options.exact || (cents % 100 !== 0 && cents < 10_000) ? exactMoney : money).format(cents / 100);

/** Monthly revenue in cents: "$1,200/mo". */
export const formatMonthly = (cents: number): string => `${formatCents(cents)}/mo`;

/** A moment as "5 min ago", "3 h ago", or a date. */
export function formatAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 0) return `in ${formatDuration(-seconds)}`;
  if (seconds < 45) return 'just now';
  if (seconds < 30 * 24 * 3600) return `${formatDuration(seconds)} ago`;
  return new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Seconds as "5 min", "3 h", "2 days". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

/** A moment as a local date and time. */
export const formatDateTime = (iso: string): string =>
  new Date(iso).toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The statuses the team sets, with their labels, in board order. */
export const SETTABLE_STATUS_LABELS = { open: 'Open', planned: 'Planned', in_progress: 'In progress', done: 'Done', closed: 'Closed' } as const satisfies Record<SettableStatus, string>;

/** Every status a request can have, with its label (`merged` is set only by a merge). */
export const STATUS_LABELS = { ...SETTABLE_STATUS_LABELS, merged: 'Merged' } as const satisfies Record<RequestStatus, string>;
