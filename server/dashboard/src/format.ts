import { currencyMinorDigits, type RequestStatus, type SettableStatus } from '@reqio/shared';

const formats = new Map<string, Intl.NumberFormat>();
/** One Intl.NumberFormat per currency and precision, made once. */
function formatFor(currency: string, exact: boolean): Intl.NumberFormat {
  const key = `${currency}:${exact}`;
  let format = formats.get(key);
  if (format === undefined) {
    const digits = currencyMinorDigits(currency);
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: exact ? digits : 0, maximumFractionDigits: exact ? digits : 0 });
    formats.set(key, format);
  }
  return format;
}

/**
 * An amount in a currency's minor units as money, in that currency (the project's, by
 * default USD): 120000 → "$1,200"; 500000 yen → "¥500,000"; with `exact`, every minor digit.
 * Small amounts that are not whole units keep their minor digits.
 */
export function formatMoney(minor: number, currency = 'USD', options: { exact?: boolean } = {}): string {
  const scale = 10 ** currencyMinorDigits(currency);
  const exact = options.exact === true || (minor % scale !== 0 && minor < 100 * scale);
  return formatFor(currency, exact).format(minor / scale);
}

/** Monthly revenue in the project's currency: "$1,200/mo". */
export const formatMonthly = (minor: number, currency = 'USD'): string => `${formatMoney(minor, currency)}/mo`;

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
