/** Dashboard owners, their sessions, and the one-time first-run setup links. */
export const dashboard = `
create table owners (
  id text primary key,
  email text not null unique,
  password_hash text not null,
  created_at timestamptz not null default now(),
  password_changed_at timestamptz not null default now()
);

create table owner_sessions (
  token_hash text primary key,
  owner_id text not null references owners(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index owner_sessions_by_owner on owner_sessions(owner_id);

create table owner_setup_links (
  token_hash text primary key,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
`;
