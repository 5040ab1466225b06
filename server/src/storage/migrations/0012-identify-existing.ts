/**
 * The common identify that changes something (issue 14): an existing user, staying in the
 * account they are in, with nothing of an anonymous id to merge. One call, so one round trip:
 * it locks the project's money (FOR SHARE, still the rates the caller converted with), the
 * user (FOR NO KEY UPDATE, still in `p_account`) and the account (FOR UPDATE, still the
 * version the caller read, by `xmin`), in the lock order of every identify; writes the user;
 * and, when the caller says the account changes, writes its fields and moves its amount's
 * difference through every request where it has voters.
 *
 * Why a function and not one statement: a statement reads with the snapshot it started
 * with, so after waiting for the account's lock it would not see a vote that committed in
 * the meantime, and that vote's request would keep the old amount. Each statement of a
 * VOLATILE function reads with a fresh snapshot: the re-weigh runs after the lock and sees
 * every vote that committed before it was granted (what the two-statement transaction did,
 * in five round trips on PostgreSQL).
 *
 * Answers whether the user's own fields changed, or null when a precondition failed (the
 * rates, the user's account, or the account changed since the caller read them, or there is
 * no such user): then nothing is written and the caller takes the long way. On PostgreSQL the
 * requests are locked in id order before they are updated (two re-weighs sharing requests
 * cannot deadlock); the embedded store has one session, so it passes false and skips that pass.
 */
export const identifyExisting = `
create function reqio_identify_existing(
  p_project text, p_external text,
  p_email text, p_name text, p_plan text, p_traits jsonb, p_raw_traits jsonb, p_monthly_amount bigint, p_currency text, p_monthly_minor bigint,
  p_money_currency text, p_rates jsonb,
  p_account text, p_account_version text, p_account_write boolean,
  p_account_name text, p_account_plan text, p_account_amount bigint, p_account_interval text, p_account_currency text,
  p_account_traits jsonb, p_account_traits_valid boolean, p_account_minor bigint, p_account_monthly bigint,
  p_lock_requests boolean
) returns boolean language plpgsql volatile set search_path from current as $$
declare
  v_user text;
  v_changed boolean;
  v_previous bigint;
  v_delta bigint;
begin
  perform 1 from projects where id = p_project and currency = p_money_currency and exchange_rates = p_rates for share;
  if not found then
    return null;
  end if;
  select id, (email, name, plan, traits, raw_traits, monthly_amount, currency, monthly_minor)
           is distinct from (p_email, p_name, p_plan, p_traits, p_raw_traits, p_monthly_amount, p_currency, p_monthly_minor)
    into v_user, v_changed
    from users where project_id = p_project and external_id = p_external and account_id = p_account for no key update;
  if not found then
    return null;
  end if;
  select monthly_amount into v_previous from accounts where id = p_account and xmin::text = p_account_version for update;
  if not found then
    return null;
  end if;
  update users set email = p_email, name = p_name, plan = p_plan, traits = p_traits, raw_traits = p_raw_traits,
      monthly_amount = p_monthly_amount, currency = p_currency, monthly_minor = p_monthly_minor,
      last_seen_at = case when last_seen_at < now() - interval '1 hour' then now() else last_seen_at end
    where id = v_user and (v_changed or last_seen_at < now() - interval '1 hour');
  if p_account_write then
    update accounts set name = p_account_name, plan = p_account_plan, amount = p_account_amount, billing_interval = p_account_interval,
        currency = p_account_currency, traits = p_account_traits, traits_valid = p_account_traits_valid, monthly_minor = p_account_minor,
        monthly_amount = p_account_monthly, updated_at = now()
      where id = p_account;
    v_delta := p_account_monthly - v_previous;
    if v_delta <> 0 and p_lock_requests then
      with locked as (
        select r.id from requests r join request_accounts ra on ra.request_id = r.id
        where ra.account_id = p_account and ra.voters > 0 order by r.id for update of r
      )
      update requests r set monthly_revenue = r.monthly_revenue + v_delta from locked where r.id = locked.id;
    elsif v_delta <> 0 then
      update requests r set monthly_revenue = r.monthly_revenue + v_delta from request_accounts ra
        where ra.account_id = p_account and ra.voters > 0 and r.id = ra.request_id;
    end if;
  end if;
  return v_changed;
end
$$;
`;
