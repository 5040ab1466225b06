import type { WebhookEventType } from '@reqio/shared';
import type { Queryable } from '../database.js';
import { toIso } from '../row-values.js';

/** A webhook endpoint as stored; the secrets stay encrypted. */
export interface WebhookEndpointRecord {
  id: string;
  projectId: string;
  url: string;
  description: string;
  /** Empty: every event. */
  eventTypes: WebhookEventType[];
  enabled: boolean;
  encryptedSecret: string;
  /** The secret before the last rotation, while it still signs; null otherwise. */
  previousEncryptedSecret: string | null;
  previousSecretValidUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The settings of an endpoint that the admin API may change. */
export interface WebhookEndpointSettings {
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  enabled: boolean;
}

type EndpointRow = {
  id: string;
  project_id: string;
  url: string;
  description: string;
  event_types: WebhookEventType[];
  enabled: boolean;
  encrypted_secret: string;
  previous_encrypted_secret: string | null;
  previous_secret_valid_until: Date | null;
  previous_active: boolean;
  created_at: Date;
  updated_at: Date;
};

// A previous secret past its grace period is reported as none, whatever the row still holds.
const COLUMNS = `*, (previous_encrypted_secret is not null and previous_secret_valid_until > now()) as previous_active`;

const toEndpoint = (row: EndpointRow): WebhookEndpointRecord => ({
  id: row.id,
  projectId: row.project_id,
  url: row.url,
  description: row.description,
  eventTypes: row.event_types,
  enabled: row.enabled,
  encryptedSecret: row.encrypted_secret,
  previousEncryptedSecret: row.previous_active ? row.previous_encrypted_secret : null,
  previousSecretValidUntil: row.previous_active && row.previous_secret_valid_until ? toIso(row.previous_secret_valid_until) : null,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

/**
 * Adds an endpoint unless the project already has `maxPerProject`; then undefined. The
 * project row's lock makes the count and the insert one step (call it in a transaction).
 */
export async function insertWebhookEndpoint(
  q: Queryable,
  endpoint: { id: string; projectId: string; encryptedSecret: string } & WebhookEndpointSettings,
  maxPerProject: number,
): Promise<WebhookEndpointRecord | undefined> {
  await q.query('select id from projects where id = $1 for update', [endpoint.projectId]);
  const [count] = await q.query<{ count: number | string }>('select count(*) as count from webhook_endpoints where project_id = $1', [endpoint.projectId]);
  if (Number(count!.count) >= maxPerProject) return undefined;
  const [row] = await q.query<EndpointRow>(
    `insert into webhook_endpoints (id, project_id, url, description, event_types, enabled, encrypted_secret)
     values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
    [endpoint.id, endpoint.projectId, endpoint.url, endpoint.description, endpoint.eventTypes, endpoint.enabled, endpoint.encryptedSecret],
  );
  return toEndpoint(row!);
}

/** A project's endpoints, oldest first. */
export async function listWebhookEndpoints(q: Queryable, projectId: string): Promise<WebhookEndpointRecord[]> {
  const rows = await q.query<EndpointRow>(`select ${COLUMNS} from webhook_endpoints where project_id = $1 order by created_at, id`, [projectId]);
  return rows.map(toEndpoint);
}

/** One endpoint of the project, or undefined. */
export async function findWebhookEndpoint(q: Queryable, projectId: string, endpointId: string): Promise<WebhookEndpointRecord | undefined> {
  const [row] = await q.query<EndpointRow>(`select ${COLUMNS} from webhook_endpoints where project_id = $1 and id = $2`, [projectId, endpointId]);
  return row && toEndpoint(row);
}

/** Changes the given settings; undefined when there is no such endpoint. */
export async function updateWebhookEndpoint(
  q: Queryable,
  projectId: string,
  endpointId: string,
  changes: Partial<WebhookEndpointSettings>,
): Promise<WebhookEndpointRecord | undefined> {
  const [row] = await q.query<EndpointRow>(
    `update webhook_endpoints set
       url = coalesce($3, url),
       description = coalesce($4, description),
       event_types = coalesce($5, event_types),
       enabled = coalesce($6, enabled),
       updated_at = now()
     where project_id = $1 and id = $2 returning ${COLUMNS}`,
    [projectId, endpointId, changes.url ?? null, changes.description ?? null, changes.eventTypes ?? null, changes.enabled ?? null],
  );
  return row && toEndpoint(row);
}

/** Deletes an endpoint with its deliveries and their attempts; returns whether it existed. */
export async function deleteWebhookEndpoint(q: Queryable, projectId: string, endpointId: string): Promise<boolean> {
  const rows = await q.query('delete from webhook_endpoints where project_id = $1 and id = $2 returning id', [projectId, endpointId]);
  return rows.length > 0;
}

/**
 * Makes `encryptedSecret` the endpoint's secret; the one it replaces keeps signing until
 * `previousValidUntil`, or stops at once when that is null.
 */
export async function replaceWebhookSecret(
  q: Queryable,
  projectId: string,
  endpointId: string,
  encryptedSecret: string,
  previousValidUntil: Date | null,
): Promise<WebhookEndpointRecord | undefined> {
  const [row] = await q.query<EndpointRow>(
    `update webhook_endpoints set
       previous_encrypted_secret = case when $4::timestamptz is null then null else encrypted_secret end,
       previous_secret_valid_until = $4,
       encrypted_secret = $3,
       updated_at = now()
     where project_id = $1 and id = $2 returning ${COLUMNS}`,
    [projectId, endpointId, encryptedSecret, previousValidUntil],
  );
  return row && toEndpoint(row);
}

/** The enabled endpoints of a project that subscribe to `type`. */
export async function listSubscribedEndpointIds(q: Queryable, projectId: string, type: WebhookEventType): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `select id from webhook_endpoints where project_id = $1 and enabled and (event_types = '{}' or $2 = any(event_types))`,
    [projectId, type],
  );
  return rows.map((row) => row.id);
}
