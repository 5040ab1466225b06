import { describe, expect, it } from 'vitest';
import { createWidgetListCache, type CachedListPage } from '../../../server/src/services/requests/widget-list-cache.js';

const page = (title: string): CachedListPage => ({
  rows: [{ id: 'req_1', jsonBeforeVoted: `{"id":"req_1","title":${JSON.stringify(title)},"voted":`, jsonAfterVoted: '}' }],
  nextOffset: null,
});

describe('the widget list cache', () => {
  it('keeps a page read while nothing was written, per project and key', () => {
    const cache = createWidgetListCache();
    const generation = cache.generation('p1');
    cache.set('p1', 'top', generation, page('a'));
    expect(cache.get('p1', 'top')?.rows[0]?.jsonBeforeVoted).toContain('"a"');
    expect(cache.get('p1', 'new')).toBeUndefined();
    expect(cache.get('p2', 'top')).toBeUndefined();
  });

  it('drops a page read across a write of its project, but not of another project', () => {
    const cache = createWidgetListCache();
    const before = cache.generation('p1');
    const other = cache.generation('p2');
    cache.invalidate('p1'); // a write committed while both pages were being read
    cache.set('p1', 'top', before, page('stale'));
    cache.set('p2', 'top', other, page('fine'));
    expect(cache.get('p1', 'top')).toBeUndefined();
    expect(cache.get('p2', 'top')?.rows[0]?.jsonBeforeVoted).toContain('"fine"');
    cache.set('p1', 'top', cache.generation('p1'), page('fresh'));
    expect(cache.get('p1', 'top')?.rows[0]?.jsonBeforeVoted).toContain('"fresh"');
  });

  it('drops the pages already kept on a write and on clear, and reads under way with them', () => {
    const cache = createWidgetListCache();
    cache.set('p1', 'top', cache.generation('p1'), page('a'));
    cache.written('p1');
    expect(cache.get('p1', 'top')).toBeUndefined();
    cache.set('p1', 'top', cache.generation('p1'), page('b'));
    const during = cache.generation('p1');
    cache.clear();
    expect(cache.get('p1', 'top')).toBeUndefined();
    cache.set('p1', 'top', during, page('stale'));
    expect(cache.get('p1', 'top')).toBeUndefined();
  });

  it('forgets a page after the TTL', () => {
    let now = 1_000;
    const cache = createWidgetListCache({ ttlMs: 500, now: () => now });
    cache.set('p1', 'top', cache.generation('p1'), page('a'));
    now += 499;
    expect(cache.get('p1', 'top')).toBeDefined();
    now += 1;
    expect(cache.get('p1', 'top')).toBeUndefined();
  });

  it('announces the writes of a few milliseconds once per project', async () => {
    const announced: string[] = [];
    const cache = createWidgetListCache({ announce: async (projectId) => void announced.push(projectId), announceDelayMs: 5 });
    cache.written('p1');
    cache.written('p1');
    cache.written('p2');
    expect(announced).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(announced.sort()).toEqual(['p1', 'p2']);
    cache.written('p1');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(announced).toEqual(['p1', 'p2', 'p1']);
  });

  it('keeps votes only when told to, and drops them with the pages', () => {
    const off = createWidgetListCache();
    off.setVoted('p1', 'u:1', off.generation('p1'), new Set(['req_1']));
    expect(off.cachesVotes).toBe(false);
    expect(off.getVoted('p1', 'u:1')).toBeUndefined();
    const cache = createWidgetListCache({ cacheVotes: true });
    const before = cache.generation('p1');
    cache.invalidate('p1');
    cache.setVoted('p1', 'u:1', before, new Set(['stale']));
    expect(cache.getVoted('p1', 'u:1')).toBeUndefined();
    cache.setVoted('p1', 'u:1', cache.generation('p1'), new Set(['req_1']));
    expect([...(cache.getVoted('p1', 'u:1') ?? [])]).toEqual(['req_1']);
    expect(cache.getVoted('p1', 'u:2')).toBeUndefined();
    cache.written('p1');
    expect(cache.getVoted('p1', 'u:1')).toBeUndefined();
  });
});
