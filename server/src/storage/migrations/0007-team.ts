/**
 * The team (CONTRACT §9). Dashboard accounts keep their table, `owners`, and gain a role:
 * every account that exists when this runs was an owner, so it becomes an admin. Invite
 * and password-reset links are stored by the hash of their token, like the first-run
 * links; two-factor secrets are encrypted with the master key; recovery codes are hashed.
 * The audit log refuses updates and deletes.
 */
export const team = `
alter table owners add column role text not null default 'admin' check (role in ('admin', 'member'));
alter table owners alter column role drop default;
alter table owners add column name text not null default '';
alter table owners add column totp_secret text;
alter table owners add column totp_enabled_at timestamptz;
alter table owners add column totp_last_counter bigint;

alter table owner_sessions add column verified boolean not null default true;
alter table owner_sessions alter column verified drop default;
alter table owner_sessions add column stepped_up_at timestamptz;

create table member_links (
  token_hash text primary key,
  purpose text not null check (purpose in ('invite', 'reset')),
  email text not null,
  role text check (role in ('admin', 'member')),
  owner_id text references owners(id) on delete cascade,
  created_by text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index member_links_by_email on member_links(email);

create table owner_recovery_codes (
  owner_id text not null references owners(id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (owner_id, code_hash)
);

create table audit_log (
  seq bigint generated always as identity primary key,
  at timestamptz not null,
  project_id text,
  actor_kind text not null check (actor_kind in ('member', 'apiKey', 'cli')),
  actor_id text,
  actor_name text,
  action text not null,
  target text,
  changes jsonb
);
create index audit_log_by_project on audit_log(project_id, seq desc);
create index audit_log_by_action on audit_log(action, seq desc);

create function audit_log_refuse_change() returns trigger language plpgsql
  as $$ begin raise exception 'the audit log is append-only'; end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
`;
