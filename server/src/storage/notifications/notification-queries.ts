import type { Queryable } from '../database.js';

/** Whether the project emails voters and commenters (on unless turned off). */
export async function isEmailEnabled(q: Queryable, projectId: string): Promise<boolean> {
  const [row] = await q.query<{ email_enabled: boolean }>('select email_enabled from project_notifications where project_id = $1', [projectId]);
  return row?.email_enabled ?? true;
}

export async function setEmailEnabled(q: Queryable, projectId: string, enabled: boolean): Promise<void> {
  await q.query(
    `insert into project_notifications (project_id, email_enabled) values ($1, $2)
     on conflict (project_id) do update set email_enabled = excluded.email_enabled, updated_at = now()`,
    [projectId, enabled],
  );
}

/**
 * The addresses to tell about a change to a request: its identified voters and commenters
 * with an email, each once (compared case-insensitively), without those who unsubscribed.
 */
export async function listChangeRecipients(q: Queryable, projectId: string, requestId: string): Promise<string[]> {
  const rows = await q.query<{ email: string }>(
    `select distinct lower(u.email) as email from users u
     where u.project_id = $1 and u.email is not null
       and u.id in (
         select user_id from votes where request_id = $2 and user_id is not null
         union
         select author_user_id from comments where request_id = $2 and author_user_id is not null
       )
       and not exists (select 1 from email_unsubscribes s where s.project_id = $1 and s.email = lower(u.email))
     order by 1`,
    [projectId, requestId],
  );
  return rows.map((row) => row.email);
}

/** Stops all email of the project to `email`; returns false when it was stopped already. */
export async function insertUnsubscribe(q: Queryable, projectId: string, email: string): Promise<boolean> {
  const rows = await q.query(
    'insert into email_unsubscribes (project_id, email) select id, $2 from projects where id = $1 on conflict do nothing returning 1',
    [projectId, email.toLowerCase()],
  );
  return rows.length > 0;
}
