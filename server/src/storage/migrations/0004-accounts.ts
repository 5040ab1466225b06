/**
 * Accounts (CONTRACT §6): a voter's account is its company, or the user alone. A request's
 * revenue is the sum over its distinct accounts, kept with per-(request, account) voter
 * counts. Projects get a currency and exchange rates; users keep their own amount's
 * currency and monthly minor units so a rate change can re-weigh them.
 * Existing users each become an account of one.
 */
export const accounts = `
alter table projects add column currency text not null default 'USD';
alter table projects add column exchange_rates jsonb not null default '{}';

create table accounts (
  id text primary key,
  project_id text not null references projects(id) on delete cascade,
  kind text not null check (kind in ('company', 'user')),
  external_id text not null,
  name text,
  plan text,
  amount bigint,
  billing_interval text check (billing_interval in ('month', 'year')),
  currency text,
  traits jsonb not null default '{}',
  traits_valid boolean not null default true,
  monthly_minor bigint not null default 0 check (monthly_minor >= 0),
  monthly_amount bigint not null default 0 check (monthly_amount >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (project_id, kind, external_id)
);
create index accounts_by_revenue on accounts(project_id, monthly_amount desc, id);
create index accounts_by_name on accounts(project_id, lower(coalesce(name, external_id)), id);
create index accounts_by_currency on accounts(project_id, currency, id) where currency is not null;

alter table users add column account_id text references accounts(id);
alter table users add column currency text;
alter table users add column monthly_minor bigint not null default 0;
create index users_by_account on users(account_id);
create index users_by_currency on users(project_id, currency) where currency is not null;

create table request_accounts (
  request_id text not null references requests(id) on delete cascade,
  account_id text not null references accounts(id) on delete cascade,
  voters integer not null check (voters >= 0),
  primary key (request_id, account_id)
);
create index request_accounts_by_account on request_accounts(account_id, request_id) where voters > 0;

alter table requests add column account_count integer not null default 0 check (account_count >= 0);

insert into accounts (id, project_id, kind, external_id, name, plan, amount, billing_interval, traits, monthly_minor, monthly_amount, created_at)
select 'acc_' || u.id, u.project_id, 'user', u.external_id, u.name, u.plan,
       case when jsonb_typeof(u.traits->'amount') = 'number' then (u.traits->>'amount')::bigint end,
       u.traits->>'interval', coalesce(u.traits->'custom', '{}'), u.monthly_amount, u.monthly_amount, u.created_at
from users u;
update users set account_id = 'acc_' || id, monthly_minor = monthly_amount;

insert into request_accounts (request_id, account_id, voters)
select v.request_id, u.account_id, count(*) from votes v join users u on u.id = v.user_id group by v.request_id, u.account_id;
update requests r set account_count = (select count(*) from request_accounts ra where ra.request_id = r.id and ra.voters > 0);
`;
