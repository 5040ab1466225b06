import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../widget/src/create-emitter.js';

describe('createEmitter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('isolates listeners: one that throws does not stop the others, and becomes a [reqio] warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const emitter = createEmitter();
    const heard: string[] = [];
    const bug = new Error('listener bug');
    emitter.on('reset', () => void heard.push('first'));
    emitter.on('reset', () => {
      throw bug;
    });
    emitter.on('reset', () => void heard.push('third'));
    expect(() => emitter.emit('reset', undefined)).not.toThrow();
    expect(heard).toEqual(['first', 'third']);
    expect(warn).toHaveBeenCalledWith('[reqio] a "reset" listener threw', bug);
  });

  it('catches a listener that returns a rejected promise', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const emitter = createEmitter();
    const failure = new Error('async bug');
    emitter.on('identity:error', () => Promise.reject(failure));
    emitter.emit('identity:error', { code: 'token_expired' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(warn).toHaveBeenCalledWith('[reqio] a "identity:error" listener failed', failure);
  });

  it('passes the payload, and unsubscribes through off() or the returned function', () => {
    const emitter = createEmitter();
    const payloads: unknown[] = [];
    const listener = (payload: unknown) => void payloads.push(payload);
    emitter.on('identity:error', listener);
    const unsubscribe = emitter.on('identified', listener);
    emitter.emit('identity:error', { code: 'token_expired' });
    emitter.off('identity:error', listener);
    emitter.emit('identity:error', { code: 'signature_invalid' });
    emitter.emit('identified', { id: 'u1', email: null, name: null, plan: null, monthlyAmount: 0 });
    unsubscribe();
    emitter.emit('identified', { id: 'u2', email: null, name: null, plan: null, monthlyAmount: 0 });
    expect(payloads).toEqual([{ code: 'token_expired' }, { id: 'u1', email: null, name: null, plan: null, monthlyAmount: 0 }]);
  });

  it('does not skip a neighbour when a listener unsubscribes itself', () => {
    const emitter = createEmitter();
    const heard: string[] = [];
    const once = () => {
      heard.push('once');
      emitter.off('reset', once);
    };
    emitter.on('reset', once);
    emitter.on('reset', () => void heard.push('next'));
    emitter.emit('reset', undefined);
    emitter.emit('reset', undefined);
    expect(heard).toEqual(['once', 'next', 'next']);
  });

  it('replays a sticky event (ready) to late listeners, asynchronously, and only sticky ones', async () => {
    const emitter = createEmitter();
    emitter.emit('ready', undefined, true);
    emitter.emit('reset', undefined);
    const heard: string[] = [];
    emitter.on('ready', () => void heard.push('ready'));
    emitter.on('reset', () => void heard.push('reset'));
    expect(heard).toEqual([]);
    await Promise.resolve();
    expect(heard).toEqual(['ready']);
  });

  it('warns when on() is given something that is not a function', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const emitter = createEmitter();
    expect(() => emitter.on('ready', 'oops' as never)()).not.toThrow();
    expect(warn).toHaveBeenCalledWith('[reqio] Reqio.on("ready") needs a function');
  });
});
