/**
 * The feedback workflow (CONTRACT §7, §8): the `merged` status and `merged_into`, ranked
 * full-text search over title and body (a generated `tsvector` with a GIN index; the
 * trigram index on titles is added after the migrations where `pg_trgm` is available),
 * votes by recency for the trending sort, comments (team replies, internal notes), the log
 * of changes a voter hears about and when each reader last looked, tombstones of deleted
 * requests, and the email outbox with its per-project switch and unsubscribes.
 */
export const workflow = `
alter table requests drop constraint requests_status_check;
alter table requests add constraint requests_status_check check (status in ('open', 'planned', 'in_progress', 'done', 'closed', 'merged'));
alter table requests add column merged_into text references requests(id) on delete set null;
alter table requests add column search_vector tsvector generated always as (
  setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
) stored;
create index requests_search on requests using gin (search_vector);
create index requests_merged_into on requests(merged_into) where merged_into is not null;

create index votes_recent on votes(project_id, created_at);

create table comments (
  id text primary key,
  request_id text not null references requests(id) on delete cascade,
  project_id text not null references projects(id) on delete cascade,
  author_user_id text references users(id) on delete set null,
  author_anonymous_id text,
  author_member_id text,
  team boolean not null default false,
  internal boolean not null default false,
  body text not null,
  created_at timestamptz not null default now(),
  check (team or not internal)
);
create index comments_by_request on comments(request_id, created_at, id);
create index comments_by_user on comments(author_user_id) where author_user_id is not null;
create index comments_by_anonymous on comments(project_id, author_anonymous_id) where author_anonymous_id is not null;

create table request_updates (
  id text primary key,
  project_id text not null references projects(id) on delete cascade,
  request_id text not null references requests(id) on delete cascade,
  kind text not null check (kind in ('status', 'reply')),
  status text,
  at timestamptz not null default now()
);
create index request_updates_by_request on request_updates(request_id, at);

create table update_reads (
  project_id text not null references projects(id) on delete cascade,
  reader text not null,
  seen_at timestamptz not null,
  primary key (project_id, reader)
);

create table deleted_requests (
  project_id text not null references projects(id) on delete cascade,
  request_id text not null,
  deleted_at timestamptz not null default now(),
  primary key (project_id, request_id)
);

create table project_notifications (
  project_id text primary key references projects(id) on delete cascade,
  email_enabled boolean not null default true,
  updated_at timestamptz not null default now()
);

create table email_unsubscribes (
  project_id text not null references projects(id) on delete cascade,
  email text not null,
  unsubscribed_at timestamptz not null default now(),
  primary key (project_id, email)
);

create table email_outbox (
  id text primary key,
  project_id text references projects(id) on delete cascade,
  change_key text not null,
  recipient text not null,
  message_id text not null unique,
  subject text not null,
  text_body text not null,
  html_body text not null,
  unsubscribe_url text,
  state text not null default 'pending' check (state in ('pending', 'sent', 'failed')),
  attempt_count integer not null default 0,
  next_attempt_at timestamptz,
  lease_owner text,
  lease_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (change_key, recipient),
  check ((state = 'pending') = (next_attempt_at is not null))
);
create index email_outbox_due on email_outbox(next_attempt_at) where state = 'pending';
`;
