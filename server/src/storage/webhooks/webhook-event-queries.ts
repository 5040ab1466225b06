import { CHANGES_CHANNEL, type StoreChange } from '../change-feed.js';
import type { Queryable } from '../database.js';

/**
 * Stores an event and one pending delivery per endpoint, due now, and wakes the workers of
 * every instance when it commits (NOTIFY, in the same statement). Runs in the transaction
 * that caused the event, so all of it commits or rolls back with it.
 */
export async function insertWebhookEvent(
  q: Queryable,
  event: { id: string; projectId: string; type: string; payload: string; createdAt: Date },
  deliveries: { id: string; endpointId: string }[],
): Promise<void> {
  await q.query(
    `with event as (
       insert into webhook_events (id, project_id, type, payload, created_at) values ($1, $2, $3, $4, $5) returning id
     )
     , delivery as (
       insert into webhook_deliveries (id, endpoint_id, event_id, next_attempt_at)
       select delivery.id, delivery.endpoint_id, event.id, now()
       from event, unnest($6::text[], $7::text[]) as delivery(id, endpoint_id)
       returning 1
     )
     select pg_notify($8, $9) where exists (select 1 from delivery)`,
    [
      event.id,
      event.projectId,
      event.type,
      event.payload,
      event.createdAt,
      deliveries.map((d) => d.id),
      deliveries.map((d) => d.endpointId),
      CHANGES_CHANNEL,
      JSON.stringify({ type: 'outbox' } satisfies StoreChange),
    ],
  );
}

/**
 * {@link insertWebhookEvent} as part of a caller's statement: CTEs that store the event with
 * one pending delivery per subscribed, enabled endpoint when `when` holds (and the project has
 * such endpoints), and a column whose select NOTIFYs the workers once it commits. The
 * payload is `payloadParts` joined by the SQL expressions of `computed` (as JSON text).
 * Delivery ids are made in SQL, in the form of `randomId('dlv')`.
 */
export function webhookEventCtes(
  params: unknown[],
  event: { id: string; projectId: string; type: string; createdAt: Date; payloadParts: string[]; computed: string[]; when: string },
): { ctes: string; column: string } {
  const at = (value: unknown) => `$${params.push(value)}`;
  const payload = event.payloadParts
    .map((part, index) => (index === 0 ? `${at(part)}::text` : `coalesce((${event.computed[index - 1]})::text, 'null') || ${at(part)}::text`))
    .join(' || ');
  const projectId = at(event.projectId);
  const type = at(event.type);
  const ctes = `
     , outbox_endpoints as (
       select id from webhook_endpoints where project_id = ${projectId} and enabled and (event_types = '{}' or ${type} = any(event_types)) and (${event.when})
     ), outbox_event as (
       insert into webhook_events (id, project_id, type, payload, created_at)
       select ${at(event.id)}, ${projectId}, ${type}, ${payload}, ${at(event.createdAt)} where exists (select 1 from outbox_endpoints) returning id
     ), outbox_delivery as (
       insert into webhook_deliveries (id, endpoint_id, event_id, next_attempt_at)
       select 'dlv_' || rtrim(translate(encode(decode(replace(gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '+/', '-_'), '='), e.id, outbox_event.id, now()
       from outbox_endpoints e, outbox_event returning 1
     )`;
  const column = `(select pg_notify(${at(CHANGES_CHANNEL)}, ${at(JSON.stringify({ type: 'outbox' } satisfies StoreChange))}) where exists (select 1 from outbox_delivery)) is not null as outbox_woken`;
  return { ctes, column };
}

/**
 * Deletes up to `limit` events older than `olderThanSeconds` that no delivery still waits
 * for, with their deliveries and attempts; returns how many.
 */
export async function pruneWebhookEvents(q: Queryable, olderThanSeconds: number, limit: number): Promise<number> {
  const rows = await q.query(
    `delete from webhook_events where id in (
       select event.id from webhook_events event
       where event.created_at < now() - make_interval(secs => $1)
         and not exists (select 1 from webhook_deliveries delivery where delivery.event_id = event.id and delivery.state = 'pending')
       limit $2
     ) returning id`,
    [olderThanSeconds, limit],
  );
  return rows.length;
}
