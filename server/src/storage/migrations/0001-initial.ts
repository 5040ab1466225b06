/** Projects, secrets, API keys, users, requests, votes, and the identify failure log. */
export const initial = `
create table projects (
  id text primary key,
  name text not null,
  allowed_origins text[] not null default '{}',
  extra_audiences text[] not null default '{}',
  leeway_seconds integer not null default 30 check (leeway_seconds between 0 and 120),
  require_identity boolean not null default false,
  session_epoch integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table project_secrets (
  id text primary key,
  project_id text not null references projects(id) on delete cascade,
  encrypted_secret text not null,
  state text not null check (state in ('current', 'previous', 'retired')),
  valid_until timestamptz,
  created_at timestamptz not null default now()
);
create unique index project_secrets_one_current on project_secrets(project_id) where state = 'current';

create table api_keys (
  id text primary key,
  project_id text not null references projects(id) on delete cascade,
  name text not null,
  key_hash text not null unique,
  key_prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_project on api_keys(project_id);

create table users (
  id text primary key,
  project_id text not null references projects(id) on delete cascade,
  external_id text not null,
  email text,
  name text,
  plan text,
  traits jsonb not null default '{}',
  raw_traits jsonb,
  monthly_amount bigint not null default 0 check (monthly_amount >= 0),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  unique (project_id, external_id)
);

create table anonymous_ids (
  project_id text not null references projects(id) on delete cascade,
  anonymous_id text not null,
  merged_user_id text not null references users(id) on delete cascade,
  merged_at timestamptz not null default now(),
  primary key (project_id, anonymous_id)
);

create table requests (
  id text primary key,
  project_id text not null references projects(id) on delete cascade,
  title text not null,
  body text not null default '',
  status text not null default 'open' check (status in ('open', 'planned', 'in_progress', 'done', 'closed')),
  author_user_id text references users(id) on delete set null,
  author_anonymous_id text,
  vote_count integer not null default 0 check (vote_count >= 0),
  monthly_revenue bigint not null default 0 check (monthly_revenue >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index requests_by_new on requests(project_id, created_at desc, id);
create index requests_by_votes on requests(project_id, vote_count desc, created_at desc, id);
create index requests_by_revenue on requests(project_id, monthly_revenue desc, vote_count desc, created_at desc, id);
create index requests_by_author_anonymous on requests(project_id, author_anonymous_id) where author_anonymous_id is not null;

create table votes (
  request_id text not null references requests(id) on delete cascade,
  project_id text not null references projects(id) on delete cascade,
  user_id text references users(id) on delete cascade,
  anonymous_id text,
  created_at timestamptz not null default now(),
  check ((user_id is null) <> (anonymous_id is null))
);
create unique index votes_one_per_user on votes(request_id, user_id) where user_id is not null;
create unique index votes_one_per_anonymous on votes(request_id, anonymous_id) where anonymous_id is not null;
create index votes_by_user on votes(user_id) where user_id is not null;
create index votes_by_anonymous on votes(project_id, anonymous_id) where anonymous_id is not null;

create table identify_failures (
  id bigserial primary key,
  project_id text not null references projects(id) on delete cascade,
  code text not null,
  origin text,
  created_at timestamptz not null default now()
);
create index identify_failures_recent on identify_failures(project_id, created_at desc);
`;
