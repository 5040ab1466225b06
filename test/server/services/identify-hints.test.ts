import { describe, expect, it } from 'vitest';
import { createIdentifyHints, type IdentifyHint } from '../../../server/src/services/users/identify-hints.js';

const hint = (userId: string): IdentifyHint => ({
  user: { id: userId, projectId: 'p', externalId: userId, email: null, name: null, plan: 'pro', traits: { custom: {} }, monthlyAmount: 100, accountId: `acc_${userId}`, createdAt: '2026-01-01T00:00:00.000Z', lastSeenAt: '2026-01-01T00:00:00.000Z' },
  stored: { email: null, name: null, plan: 'pro', traits: { custom: {} }, rawTraits: null, monthlyMinor: 100 },
  account: { id: `acc_${userId}` } as IdentifyHint['account'],
  accountVersion: '42',
  money: { currency: 'USD', exchangeRates: {} },
});

describe('identify hints', () => {
  it('keeps one hint per project and user, the latest', () => {
    const hints = createIdentifyHints();
    hints.set('p1', 'ada', hint('u1'));
    hints.set('p2', 'ada', hint('u2'));
    hints.set('p1', 'ada', { ...hint('u1'), accountVersion: '43' });
    expect(hints.get('p1', 'ada')?.accountVersion).toBe('43');
    expect(hints.get('p2', 'ada')?.user.id).toBe('u2');
    expect(hints.get('p1', 'bob')).toBeUndefined();
    hints.forget('p1', 'ada');
    expect(hints.get('p1', 'ada')).toBeUndefined();
    expect(hints.get('p2', 'ada')).toBeDefined();
  });

  it('never mixes up ids that join into the same text', () => {
    const hints = createIdentifyHints();
    hints.set('p1:', 'x', hint('u1'));
    expect(hints.get('p1', ':x')).toBeUndefined();
  });

  it('drops the least recently learnt user when full', () => {
    const hints = createIdentifyHints(2);
    hints.set('p', 'a', hint('a'));
    hints.set('p', 'b', hint('b'));
    hints.set('p', 'a', hint('a')); // learnt again: now the latest
    hints.set('p', 'c', hint('c'));
    expect(hints.get('p', 'b')).toBeUndefined();
    expect(hints.get('p', 'a')?.user.id).toBe('a');
    expect(hints.get('p', 'c')?.user.id).toBe('c');
  });

  it('forgets a deleted user wherever they were learnt', () => {
    const hints = createIdentifyHints();
    hints.set('p1', 'ada', hint('u1'));
    hints.set('p1', 'bob', hint('u2'));
    hints.forgetUser('u1');
    expect(hints.get('p1', 'ada')).toBeUndefined();
    expect(hints.get('p1', 'bob')?.user.id).toBe('u2');
    hints.clear();
    expect(hints.get('p1', 'bob')).toBeUndefined();
  });
});
