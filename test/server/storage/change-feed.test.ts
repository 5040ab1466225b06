import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceChange, openChangeFeed, type ChangeEvent, type ChangeFeed } from '../../../server/src/storage/change-feed.js';
import type { Database } from '../../../server/src/storage/database.js';
import { openTestDatabase, storeKinds } from '../../helpers/test-database.js';
import { within } from '../../helpers/within.js';

describe.each(storeKinds)('the change feed on %s', (store) => {
  let db: Database;
  let feed: ChangeFeed;
  const seen: ChangeEvent[] = [];
  beforeAll(async () => {
    db = await openTestDatabase(store);
    feed = await openChangeFeed(db);
    feed.subscribe((event) => void seen.push(event));
  });
  afterAll(async () => {
    await feed.close();
    await db.close();
  });

  it('delivers a change when its transaction commits, never one that rolled back', async () => {
    const marker = `prj_${Math.random().toString(36).slice(2)}`;
    await db
      .transaction(async (tx) => {
        await announceChange(tx, { type: 'project', projectId: `${marker}-rolled-back` });
        throw new Error('roll back');
      })
      .catch(() => {});
    await db.transaction(async (tx) => {
      await announceChange(tx, { type: 'project', projectId: marker });
      await announceChange(tx, { type: 'user_deleted', userId: `${marker}-user` });
      // Not before the commit: other instances must not reload what is not there yet.
      expect(seen.some((event) => event.type === 'project' && event.projectId === marker)).toBe(false);
    });
    expect(await within(1000, async () => seen.some((event) => event.type === 'user_deleted' && event.userId === `${marker}-user`))).toBe(true);
    expect(seen).toContainEqual({ type: 'project', projectId: marker });
    expect(seen).not.toContainEqual({ type: 'project', projectId: `${marker}-rolled-back` });
  });

  it('ignores notifications on its channel that are not changes', async () => {
    const before = seen.length;
    await db.query("select pg_notify('reqio_changes', 'not json')");
    await db.query(`select pg_notify('reqio_changes', '{"type":"project"}')`);
    await announceChange(db, { type: 'outbox' });
    expect(await within(1000, async () => seen.length > before)).toBe(true);
    // Other test runs may share the PostgreSQL channel: judge only the shape of what arrived.
    expect(seen.slice(before)).toContainEqual({ type: 'outbox' });
    expect(seen.slice(before).filter((event) => event.type === 'project' && typeof event.projectId !== 'string')).toEqual([]);
  });

  it('carries a requests change with the instance that wrote it, and without one', async () => {
    const marker = `prj_${Math.random().toString(36).slice(2)}`;
    await announceChange(db, { type: 'requests', projectId: marker, origin: 'instance-a' });
    await announceChange(db, { type: 'requests', projectId: `${marker}-2` });
    expect(await within(1000, async () => seen.some((event) => event.type === 'requests' && event.projectId === `${marker}-2`))).toBe(true);
    expect(seen).toContainEqual({ type: 'requests', projectId: marker, origin: 'instance-a' });
    expect(seen).toContainEqual({ type: 'requests', projectId: `${marker}-2` });
  });
});
