import type { WebhookAttempt, WebhookDeliveryState, WebhookEventType } from '@reqio/shared';
import type { Queryable } from '../database.js';
import { toIso, toNumber } from '../row-values.js';

/** A delivery the worker has claimed: everything one attempt needs. */
export interface ClaimedDelivery {
  id: string;
  /** This attempt's number, counted when claimed so a crash mid-attempt still uses one up. */
  attempt: number;
  endpointId: string;
  projectId: string;
  url: string;
  encryptedSecret: string;
  /** A rotated secret still inside its grace period; null otherwise. */
  previousEncryptedSecret: string | null;
  eventId: string;
  payload: string;
}

/** A delivery as the log lists it. */
export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: WebhookEventType;
  eventCreatedAt: string;
  state: WebhookDeliveryState;
  attemptCount: number;
  nextAttemptAt: string | null;
  redeliveryOf: string | null;
  createdAt: string;
  completedAt: string | null;
}

type DeliveryRow = {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: WebhookEventType;
  event_created_at: Date;
  state: WebhookDeliveryState;
  attempt_count: number;
  next_attempt_at: Date | null;
  redelivery_of: string | null;
  created_at: Date;
  completed_at: Date | null;
};

const toDelivery = (row: DeliveryRow): WebhookDeliveryRecord => ({
  id: row.id,
  endpointId: row.endpoint_id,
  eventId: row.event_id,
  eventType: row.event_type,
  eventCreatedAt: toIso(row.event_created_at),
  state: row.state,
  attemptCount: toNumber(row.attempt_count),
  nextAttemptAt: row.next_attempt_at && toIso(row.next_attempt_at),
  redeliveryOf: row.redelivery_of,
  createdAt: toIso(row.created_at),
  completedAt: row.completed_at && toIso(row.completed_at),
});

const DELIVERY_COLUMNS = `delivery.id, delivery.endpoint_id, delivery.event_id, event.type as event_type, event.created_at as event_created_at,
  delivery.state, delivery.attempt_count, delivery.next_attempt_at, delivery.redelivery_of, delivery.created_at, delivery.completed_at`;

/**
 * Claims up to `limit` due deliveries of enabled endpoints for `owner` until the lease
 * ends. `skip locked` lets instances sharing one PostgreSQL claim side by side without
 * waiting on each other or taking the same row; a crashed owner's rows come due again
 * when its lease runs out.
 */
export async function claimDueDeliveries(q: Queryable, options: { owner: string; limit: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const rows = await q.query<{
    id: string;
    attempt_count: number;
    endpoint_id: string;
    project_id: string;
    url: string;
    encrypted_secret: string;
    previous_encrypted_secret: string | null;
    event_id: string;
    payload: string;
  }>(
    `with due as (
       select delivery.id from webhook_deliveries delivery
       join webhook_endpoints endpoint on endpoint.id = delivery.endpoint_id
       where delivery.state = 'pending' and delivery.next_attempt_at <= now()
         and (delivery.lease_until is null or delivery.lease_until <= now())
         and endpoint.enabled
       order by delivery.next_attempt_at
       limit $2
       for update of delivery skip locked
     )
     update webhook_deliveries delivery
     set attempt_count = delivery.attempt_count + 1, lease_owner = $1, lease_until = now() + make_interval(secs => $3::double precision)
     from due, webhook_endpoints endpoint, webhook_events event
     where delivery.id = due.id and endpoint.id = delivery.endpoint_id and event.id = delivery.event_id
     returning delivery.id, delivery.attempt_count, endpoint.id as endpoint_id, endpoint.project_id, endpoint.url, endpoint.encrypted_secret,
       case when endpoint.previous_secret_valid_until > now() then endpoint.previous_encrypted_secret end as previous_encrypted_secret,
       event.id as event_id, event.payload`,
    [options.owner, options.limit, options.leaseMs / 1000],
  );
  return rows.map((row) => ({
    id: row.id,
    attempt: toNumber(row.attempt_count),
    endpointId: row.endpoint_id,
    projectId: row.project_id,
    url: row.url,
    encryptedSecret: row.encrypted_secret,
    previousEncryptedSecret: row.previous_encrypted_secret,
    eventId: row.event_id,
    payload: row.payload,
  }));
}

/**
 * Logs an attempt and moves its delivery on: to `succeeded`, to `failed`, or back to
 * `pending` due in `retryInMs`. The move happens only while `owner` still holds the lease
 * (a slower, lease-expired worker must not undo a newer attempt), the log entry always; both
 * in one statement.
 */
export async function finishDeliveryAttempt(
  q: Queryable,
  options: {
    deliveryId: string;
    owner: string;
    attempt: WebhookAttempt;
    next: { state: 'succeeded' | 'failed' } | { state: 'pending'; retryInMs: number };
  },
): Promise<boolean> {
  const { deliveryId, owner, attempt, next } = options;
  // One statement: a reader never sees the attempt logged with the delivery not yet moved on.
  const rows = await q.query(
    `with logged as (
       insert into webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, succeeded, error, response_excerpt)
       values ($1, $5, $6, $7, $8, $9, $10, $11) on conflict (delivery_id, attempt) do nothing
     )
     update webhook_deliveries set
       state = $3,
       next_attempt_at = case when $3 = 'pending' then now() + make_interval(secs => $4::double precision) end,
       completed_at = case when $3 = 'pending' then null else now() end,
       lease_owner = null,
       lease_until = null
     where id = $1 and lease_owner = $2 returning id`,
    [
      deliveryId,
      owner,
      next.state,
      next.state === 'pending' ? next.retryInMs / 1000 : 0,
      attempt.attempt,
      attempt.startedAt,
      attempt.durationMs,
      attempt.statusCode,
      attempt.succeeded,
      attempt.error,
      attempt.responseExcerpt,
    ],
  );
  return rows.length > 0;
}

/** An endpoint's deliveries, newest first, optionally in one state, with the total. */
export async function listWebhookDeliveries(
  q: Queryable,
  endpointId: string,
  options: { limit: number; offset: number; state?: WebhookDeliveryState | undefined },
): Promise<{ deliveries: WebhookDeliveryRecord[]; total: number }> {
  const state = options.state ?? null;
  const [rows, [count]] = await Promise.all([
    q.query<DeliveryRow>(
      `select ${DELIVERY_COLUMNS} from webhook_deliveries delivery join webhook_events event on event.id = delivery.event_id
       where delivery.endpoint_id = $1 and ($2::text is null or delivery.state = $2)
       order by delivery.created_at desc, delivery.id desc limit $3 offset $4`,
      [endpointId, state, options.limit, options.offset],
    ),
    q.query<{ count: number | string }>(
      `select count(*) as count from webhook_deliveries where endpoint_id = $1 and ($2::text is null or state = $2)`,
      [endpointId, state],
    ),
  ]);
  return { deliveries: rows.map(toDelivery), total: toNumber(count!.count) };
}

/** One delivery of an endpoint with the exact body it sends; `lock` holds the row until the transaction ends. */
export async function findWebhookDelivery(
  q: Queryable,
  endpointId: string,
  deliveryId: string,
  options: { lock?: boolean } = {},
): Promise<{ delivery: WebhookDeliveryRecord; payload: string } | undefined> {
  const [row] = await q.query<DeliveryRow & { payload: string }>(
    `select ${DELIVERY_COLUMNS}, event.payload from webhook_deliveries delivery join webhook_events event on event.id = delivery.event_id
     where delivery.endpoint_id = $1 and delivery.id = $2${options.lock ? ' for update of delivery' : ''}`,
    [endpointId, deliveryId],
  );
  return row && { delivery: toDelivery(row), payload: row.payload };
}

/** The attempts of these deliveries, in order, by delivery id. */
export async function listWebhookAttempts(q: Queryable, deliveryIds: string[]): Promise<Map<string, WebhookAttempt[]>> {
  const byDelivery = new Map<string, WebhookAttempt[]>(deliveryIds.map((id) => [id, []]));
  if (deliveryIds.length === 0) return byDelivery;
  const rows = await q.query<{
    delivery_id: string;
    attempt: number;
    started_at: Date;
    duration_ms: number;
    status_code: number | null;
    succeeded: boolean;
    error: string | null;
    response_excerpt: string | null;
  }>('select * from webhook_attempts where delivery_id = any($1::text[]) order by delivery_id, attempt', [deliveryIds]);
  for (const row of rows) {
    byDelivery.get(row.delivery_id)?.push({
      attempt: toNumber(row.attempt),
      startedAt: toIso(row.started_at),
      durationMs: toNumber(row.duration_ms),
      statusCode: row.status_code,
      succeeded: row.succeeded,
      error: row.error,
      responseExcerpt: row.response_excerpt,
    });
  }
  return byDelivery;
}

/** Brings a pending delivery's next attempt forward to now. */
export async function retryDeliveryNow(q: Queryable, deliveryId: string): Promise<void> {
  await q.query(`update webhook_deliveries set next_attempt_at = now() where id = $1 and state = 'pending'`, [deliveryId]);
}

/** A new pending delivery of the same event to the same endpoint, due now. */
export async function insertRedelivery(q: Queryable, redelivery: { id: string; of: string }): Promise<void> {
  await q.query(
    `insert into webhook_deliveries (id, endpoint_id, event_id, next_attempt_at, redelivery_of)
     select $1, endpoint_id, event_id, now(), id from webhook_deliveries where id = $2`,
    [redelivery.id, redelivery.of],
  );
}
