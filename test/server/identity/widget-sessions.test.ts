import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionExpiredError } from '../../../server/src/errors/session-expired-error.js';
import { UnauthorizedError } from '../../../server/src/errors/unauthorized-error.js';
import { createWidgetSessions } from '../../../server/src/identity/widget-sessions.js';

const sessions = () => createWidgetSessions({ masterKey: randomBytes(32), ttlSeconds: 3600, anonymousTtlSeconds: 600 });

describe('widget sessions', () => {
  afterEach(() => vi.useRealTimers());

  it('verifies what it issued, again and again, as the same principal', async () => {
    const widgetSessions = sessions();
    const { session } = await widgetSessions.issue({ kind: 'user', projectId: 'prj_1', userId: 'usr_1' }, 3);
    for (let i = 0; i < 3; i += 1) {
      expect(await widgetSessions.verify(session)).toEqual({ principal: { kind: 'user', projectId: 'prj_1', userId: 'usr_1' }, epoch: 3 });
    }
  });

  it('refuses a session signed under another master key, and a tampered one, even after a good one was verified', async () => {
    const ours = sessions();
    const { session } = await ours.issue({ kind: 'anonymous', projectId: 'prj_1', anonymousId: 'anon_1' }, 0);
    await ours.verify(session);
    const foreign = await sessions().issue({ kind: 'anonymous', projectId: 'prj_1', anonymousId: 'anon_1' }, 0);
    await expect(ours.verify(foreign.session)).rejects.toBeInstanceOf(UnauthorizedError);
    const [header, payload, signature] = session.split('.');
    const tampered = `${header}.${payload}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(ours.verify(tampered)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('ends a session at its expiry although it was verified (and remembered) before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    const widgetSessions = sessions();
    const { session, expiresAt } = await widgetSessions.issue({ kind: 'anonymous', projectId: 'prj_1', anonymousId: 'anon_1' }, 0);
    expect(expiresAt).toBe('2026-12-02T10:10:00.000Z');
    await widgetSessions.verify(session);
    vi.setSystemTime(new Date('2026-12-02T10:09:59Z'));
    await expect(widgetSessions.verify(session)).resolves.toMatchObject({ epoch: 0 });
    vi.setSystemTime(new Date('2026-12-02T10:10:00Z'));
    await expect(widgetSessions.verify(session)).rejects.toBeInstanceOf(SessionExpiredError);
    await expect(widgetSessions.verify(session)).rejects.toBeInstanceOf(SessionExpiredError);
  });
});
