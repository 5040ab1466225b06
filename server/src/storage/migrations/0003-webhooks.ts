/**
 * Outgoing webhooks: endpoints (secrets encrypted at rest), the event outbox written in the
 * transaction that caused each event, one delivery per event and endpoint, and its attempts.
 */
export const webhooks = `
create table webhook_endpoints (
  id text primary key,
  project_id text not null references projects(id) on delete cascade,
  url text not null,
  description text not null default '',
  event_types text[] not null default '{}',
  enabled boolean not null default true,
  encrypted_secret text not null,
  previous_encrypted_secret text,
  previous_secret_valid_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index webhook_endpoints_project on webhook_endpoints(project_id, created_at, id);

create table webhook_events (
  id text primary key,
  project_id text not null references projects(id) on delete cascade,
  type text not null,
  payload text not null,
  created_at timestamptz not null default now()
);
create index webhook_events_created on webhook_events(created_at);

create table webhook_deliveries (
  id text primary key,
  endpoint_id text not null references webhook_endpoints(id) on delete cascade,
  event_id text not null references webhook_events(id) on delete cascade,
  state text not null default 'pending' check (state in ('pending', 'succeeded', 'failed')),
  attempt_count integer not null default 0 check (attempt_count >= 0),
  next_attempt_at timestamptz,
  lease_owner text,
  lease_until timestamptz,
  redelivery_of text references webhook_deliveries(id) on delete set null,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  check ((state = 'pending') = (next_attempt_at is not null))
);
create index webhook_deliveries_due on webhook_deliveries(next_attempt_at) where state = 'pending';
create index webhook_deliveries_by_endpoint on webhook_deliveries(endpoint_id, created_at desc, id desc);
create index webhook_deliveries_by_event on webhook_deliveries(event_id);

create table webhook_attempts (
  delivery_id text not null references webhook_deliveries(id) on delete cascade,
  attempt integer not null,
  started_at timestamptz not null,
  duration_ms integer not null,
  status_code integer,
  succeeded boolean not null,
  error text,
  response_excerpt text,
  primary key (delivery_id, attempt)
);
`;
