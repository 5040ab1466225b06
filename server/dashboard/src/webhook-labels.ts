// Labels for the webhook section. Kept here rather than imported from `@reqio/shared`:
// that module builds zod schemas as it loads, which would pull zod into the bundle. The
// `satisfies` clauses make the compiler fail if the service adds a type we do not list.
import type { WebhookDeliveryState, WebhookEventType } from './types.js';

/** Every event type, with what it means, in the order the service lists them. */
export const WEBHOOK_EVENT_LABELS = {
  'request.created': 'A request is posted',
  'request.status_changed': 'A request changes status',
  'request.updated': 'A request’s title or description is edited',
  'request.merged': 'A request is merged into another',
  'request.deleted': 'A request is deleted',
  'comment.created': 'A comment, team reply or internal note is posted',
  'vote.created': 'A vote is cast',
  'vote.deleted': 'A vote is withdrawn',
  'user.identified': 'A user is identified',
  'user.deleted': 'A user is deleted',
} as const satisfies Record<WebhookEventType, string>;

/** The event types, for checkboxes. */
export const WEBHOOK_EVENTS = Object.keys(WEBHOOK_EVENT_LABELS) as WebhookEventType[];

/** Where a delivery stands, as words. */
export const DELIVERY_STATE_LABELS = { pending: 'Pending', succeeded: 'Succeeded', failed: 'Failed' } as const satisfies Record<WebhookDeliveryState, string>;

/** How long a rotated secret keeps signing beside the new one. */
export const GRACE_PERIODS = [
  { seconds: 0, label: 'None: the old secret stops at once' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 24 * 3600, label: '24 hours' },
  { seconds: 7 * 24 * 3600, label: '7 days' },
] as const;

/** The service's own default grace period: 24 hours. */
export const DEFAULT_GRACE_SECONDS = 24 * 3600;
