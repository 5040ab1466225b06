/**
 * `reqio_identify_existing` (migration 12), with two changes that let an identify skip its
 * read when this instance already knows the user (issue 14): the caller names the user's id
 * (`p_user`: the row must still be that user, so a user deleted and created again under the
 * same id elsewhere is not mistaken for them), and the function answers the account's
 * version (`xmin`) after its write, which the caller keeps for its next identify of the user.
 * Answers no row when a precondition failed (the rates, the user, their account, or the
 * account changed since the caller learnt them): nothing is written and the caller reads the
 * store and tries again. Migration 12's function stays for instances still running the
 * version before this one.
 */
export const identifyUser = `
create function reqio_identify_user(
  p_project text, p_external text,
  p_email text, p_name text, p_plan text, p_traits jsonb, p_raw_traits jsonb, p_monthly_amount bigint, p_currency text, p_monthly_minor bigint,
  p_money_currency text, p_rates jsonb,
  p_account text, p_account_version text, p_account_write boolean,
  p_account_name text, p_account_plan text, p_account_amount bigint, p_account_interval text, p_account_currency text,
  p_account_traits jsonb, p_account_traits_valid boolean, p_account_minor bigint, p_account_monthly bigint,
  p_lock_requests boolean, p_user text
) returns table (user_changed boolean, account_version text) language plpgsql volatile set search_path from current as $$
declare
  v_changed boolean;
  v_previous bigint;
  v_delta bigint;
begin
  perform 1 from projects where id = p_project and currency = p_money_currency and exchange_rates = p_rates for share;
  if not found then
    return;
  end if;
  select (email, name, plan, traits, raw_traits, monthly_amount, currency, monthly_minor)
           is distinct from (p_email, p_name, p_plan, p_traits, p_raw_traits, p_monthly_amount, p_currency, p_monthly_minor)
    into v_changed
    from users where id = p_user and project_id = p_project and external_id = p_external and account_id = p_account for no key update;
  if not found then
    return;
  end if;
  select monthly_amount into v_previous from accounts where id = p_account and xmin::text = p_account_version for update;
  if not found then
    return;
  end if;
  update users set email = p_email, name = p_name, plan = p_plan, traits = p_traits, raw_traits = p_raw_traits,
      monthly_amount = p_monthly_amount, currency = p_currency, monthly_minor = p_monthly_minor,
      last_seen_at = case when last_seen_at < now() - interval '1 hour' then now() else last_seen_at end
    where id = p_user and (v_changed or last_seen_at < now() - interval '1 hour');
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
  user_changed := v_changed;
  -- This transaction's own write, when it wrote the account: its xid.
  select a.xmin::text into account_version from accounts a where a.id = p_account;
  return next;
end
$$;
`;
