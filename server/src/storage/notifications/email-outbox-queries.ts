import type { Queryable } from '../database.js';
import { toNumber } from '../row-values.js';

/** An email ready to go: everything the SMTP conversation needs. */
export interface OutgoingEmail {
  id: string;
  projectId: string | null;
  /** The change it tells about; with `recipient`, unique: one email per change and recipient. */
  changeKey: string;
  recipient: string;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  /** The one-click unsubscribe URL (RFC 8058), or null. */
  unsubscribeUrl: string | null;
}

/** An email a worker has claimed, with this attempt's number. */
export type ClaimedEmail = OutgoingEmail & { attempt: number };

/**
 * Queues emails in the transaction that caused them, due now. An email already queued for
 * the same change and recipient is left as it is: never two of one change to one address.
 */
export async function insertEmails(q: Queryable, emails: OutgoingEmail[]): Promise<void> {
  if (emails.length === 0) return;
  const column = <K extends keyof OutgoingEmail>(key: K) => emails.map((email) => email[key]);
  await q.query(
    `insert into email_outbox (id, project_id, change_key, recipient, message_id, subject, text_body, html_body, unsubscribe_url, next_attempt_at)
     select *, now() from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
     on conflict do nothing`,
    [
      column('id'),
      column('projectId'),
      column('changeKey'),
      column('recipient'),
      column('messageId'),
      column('subject'),
      column('text'),
      column('html'),
      column('unsubscribeUrl'),
    ],
  );
}

/**
 * Claims up to `limit` due emails for `owner` until the lease ends (`skip locked`: instances
 * sharing one PostgreSQL never take the same row). A crashed owner's rows come due again
 * when its lease runs out.
 */
export async function claimDueEmails(q: Queryable, options: { owner: string; limit: number; leaseMs: number }): Promise<ClaimedEmail[]> {
  const rows = await q.query<{
    id: string;
    project_id: string | null;
    change_key: string;
    recipient: string;
    message_id: string;
    subject: string;
    text_body: string;
    html_body: string;
    unsubscribe_url: string | null;
    attempt_count: number;
  }>(
    `with due as (
       select id from email_outbox
       where state = 'pending' and next_attempt_at <= now() and (lease_until is null or lease_until <= now())
       order by next_attempt_at limit $2
       for update skip locked
     )
     update email_outbox e set attempt_count = e.attempt_count + 1, lease_owner = $1, lease_until = now() + make_interval(secs => $3::double precision)
     from due where e.id = due.id
     returning e.id, e.project_id, e.change_key, e.recipient, e.message_id, e.subject, e.text_body, e.html_body, e.unsubscribe_url, e.attempt_count`,
    [options.owner, options.limit, options.leaseMs / 1000],
  );
  return rows.map((row) => ({
    id: row.id,
    projectId: row.project_id,
    changeKey: row.change_key,
    recipient: row.recipient,
    messageId: row.message_id,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    unsubscribeUrl: row.unsubscribe_url,
    attempt: toNumber(row.attempt_count),
  }));
}

/**
 * Moves a claimed email on after an attempt: `sent`, `failed`, or back to `pending` due in
 * `retryInMs`, only while `owner` still holds its lease. Returns whether it did.
 */
export async function finishEmailAttempt(
  q: Queryable,
  options: { id: string; owner: string; next: { state: 'sent' } | { state: 'failed'; error: string } | { state: 'pending'; retryInMs: number; error: string } },
): Promise<boolean> {
  const { next } = options;
  const rows = await q.query(
    `update email_outbox set
       state = $3,
       next_attempt_at = case when $3 = 'pending' then now() + make_interval(secs => $4::double precision) end,
       sent_at = case when $3 = 'sent' then now() end,
       last_error = $5,
       lease_owner = null,
       lease_until = null
     where id = $1 and lease_owner = $2 returning id`,
    [options.id, options.owner, next.state, next.state === 'pending' ? next.retryInMs / 1000 : 0, next.state === 'sent' ? null : next.error],
  );
  return rows.length > 0;
}

/** Ends every lease at once: only for a store one process holds (the embedded one), at start, after a crash. */
export async function releaseEmailLeases(q: Queryable): Promise<number> {
  return (await q.query(`update email_outbox set lease_owner = null, lease_until = null where state = 'pending' and lease_until is not null returning id`)).length;
}

/** Deletes up to `limit` sent or failed emails older than `olderThanSeconds`; returns how many. */
export async function pruneEmails(q: Queryable, olderThanSeconds: number, limit: number): Promise<number> {
  const rows = await q.query(
    `delete from email_outbox where id in (
       select id from email_outbox where state <> 'pending' and created_at < now() - make_interval(secs => $1) limit $2
     ) returning id`,
    [olderThanSeconds, limit],
  );
  return rows.length;
}
