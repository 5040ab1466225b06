import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/storage/database.js';
import { migrate } from '../../../server/src/storage/migrate.js';
import { migrations } from '../../../server/src/storage/migrations/index.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';

describe.each(storeKinds)('the team migration on %s', (store) => {
  let db: Database;
  afterEach(() => db.close());

  it('makes the existing owner the first admin, and keeps their sessions', async () => {
    db = await openTestDatabase(store);
    // Roll the store back to before 0007 by starting from one migrated up to 0006 in a fresh schema.
    await db.exec('drop table audit_log, owner_recovery_codes, member_links; drop function audit_log_refuse_change() cascade');
    await db.exec('alter table owners drop column role, drop column name, drop column totp_secret, drop column totp_enabled_at, drop column totp_last_counter');
    await db.exec('alter table owner_sessions drop column verified, drop column stepped_up_at');
    await db.query('delete from schema_migrations where version = 7');
    await db.query("insert into owners (id, email, password_hash) values ('own_1', 'owner@example.com', 'scrypt$x')");
    await db.query("insert into owner_sessions (token_hash, owner_id, expires_at) values ('h', 'own_1', now() + interval '1 hour')");

    expect(await migrate(db, migrations)).toEqual([7]);
    expect(await db.query('select id, role, name from owners')).toEqual([{ id: 'own_1', role: 'admin', name: '' }]);
    expect(await db.query('select verified from owner_sessions')).toEqual([{ verified: true }]);
    await expect(db.query("insert into owners (id, email, password_hash) values ('own_2', 'b@example.com', 'x')")).rejects.toThrow();
    await expect(db.query("insert into owners (id, email, password_hash, role) values ('own_2', 'b@example.com', 'x', 'owner')")).rejects.toThrow();
  });

  it('keeps the audit log append-only', async () => {
    db = await openTestDatabase(store);
    await db.query("insert into audit_log (at, project_id, actor_kind, actor_id, action) values (now(), 'prj_1', 'cli', null, 'member.invited')");
    await expect(db.query("update audit_log set action = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(db.exec('truncate audit_log')).rejects.toThrow(/append-only/);
    expect(await db.query('select action from audit_log')).toEqual([{ action: 'member.invited' }]);
  });
});
