import type { Database } from '../database.js';

/** The channel the embedded store's identity triggers notify on. */
export const IDENTITY_CHANGES_CHANNEL = 'reqio_identity_changes';

// Statement-level on what a no-write identify compares against (the user, their account, the
// project's money, where an anonymous id was merged); row-level, and only for rows that carry
// an anonymous id, on votes, requests and comments (what an identify may still have to merge).
// A vote by an identified user or a change of a request's totals fires nothing.
const TRIGGERS = `
create or replace function reqio_identity_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('${IDENTITY_CHANGES_CHANNEL}', '');
  return null;
end
$$;
create or replace trigger reqio_identity_users after insert or update or delete or truncate on users for each statement execute function reqio_identity_changed();
create or replace trigger reqio_identity_accounts after insert or update or delete or truncate on accounts for each statement execute function reqio_identity_changed();
create or replace trigger reqio_identity_projects after insert or update or delete or truncate on projects for each statement execute function reqio_identity_changed();
create or replace trigger reqio_identity_anonymous_ids after insert or update or delete or truncate on anonymous_ids for each statement execute function reqio_identity_changed();
create or replace trigger reqio_identity_votes after insert or update of anonymous_id on votes for each row when (new.anonymous_id is not null) execute function reqio_identity_changed();
create or replace trigger reqio_identity_requests after insert or update of author_anonymous_id on requests for each row when (new.author_anonymous_id is not null) execute function reqio_identity_changed();
create or replace trigger reqio_identity_comments after insert or update of author_anonymous_id on comments for each row when (new.author_anonymous_id is not null) execute function reqio_identity_changed();
`;

/**
 * On the embedded store only: installs (again, idempotently) the triggers that tell this
 * process when anything a no-write identify depends on is written, and calls `onChange`
 * for each such write as its statement or transaction commits — before the write's own
 * call returns, since the notification is part of that call's answer. Not on PostgreSQL:
 * there another instance's change would arrive late, and a notification per write would
 * serialise commits on the notify queue.
 */
export async function watchIdentityChanges(db: Database, onChange: () => void): Promise<() => Promise<void>> {
  if (db.kind !== 'pglite') throw new Error('watchIdentityChanges: only the embedded store is held by one process');
  await db.exec(TRIGGERS);
  return db.listen(IDENTITY_CHANGES_CHANNEL, onChange);
}
