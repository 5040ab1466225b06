/**
 * A row of a cached page as the API writes it: its id, and its JSON up to and after the
 * caller's own `voted` (`{"id":…,"votes":3,"voted":` and `,"commentCount":…}`), so a list
 * served from the cache is put together from text, not serialised again (issue 14).
 */
export interface CachedListRow {
  id: string;
  jsonBeforeVoted: string;
  jsonAfterVoted: string;
}

/** A cached page of the widget's list: its rows without the caller's `voted`, and where the next page starts. */
export interface CachedListPage {
  rows: CachedListRow[];
  nextOffset: number | null;
}

/**
 * This instance's copy of the widget's list pages, per project (everything but each
 * caller's `voted`, which always comes from the store). Correct because:
 * - every write to a project's requests, votes or comments on this instance calls
 *   `invalidate(projectId)` after it commits and before its answer is sent (see
 *   `invalidateWidgetLists`), and other instances' writes arrive the same way through the
 *   change feed (`resync`, when notifications may have been missed, calls `clear`);
 * - a page read from the store is kept only if no invalidation of its project came while it
 *   was being read (`generation` before, `set` compares): a read that began before a write
 *   committed, and so may not see it, never outlives that write's invalidation;
 * - entries also expire after `ttlMs`, which bounds what a write the service did not make
 *   (psql, another version during a deploy) could leave stale.
 */
export interface WidgetListCache {
  get(projectId: string, key: string): CachedListPage | undefined;
  /** The project's generation, to take before reading a page from the store and hand to `set`. */
  generation(projectId: string): number;
  /** Keeps a page read since `generation` was taken, unless the project was invalidated meanwhile. */
  set(projectId: string, key: string, generation: number, page: CachedListPage): void;
  /**
   * Whether callers' votes are kept too (`getVoted`/`setVoted`): only where this instance
   * makes every write to the store, the embedded store (one process holds it, CONTRACT §5).
   * Elsewhere `voted` always comes from the store.
   */
  readonly cachesVotes: boolean;
  /** The ids of the project's requests `voter` voted for, when kept. */
  getVoted(projectId: string, voter: string): ReadonlySet<string> | undefined;
  /** Keeps what `voter` voted for, read since `generation` was taken, unless the project was invalidated meanwhile. */
  setVoted(projectId: string, voter: string, generation: number, requestIds: ReadonlySet<string>): void;
  /** Drops the project's pages; reads under way for it will not be kept. */
  invalidate(projectId: string): void;
  /** Drops every page; reads under way will not be kept. */
  clear(): void;
  /**
   * A write to the project's requests, votes or comments committed here: `invalidate` now,
   * and tell the other instances (through the change feed; writes within a few milliseconds
   * of each other — 50 ms by default — share one announcement, so a burst of votes costs the store a NOTIFY or two).
   */
  written(projectId: string): void;
}

interface ProjectPages {
  generation: number;
  pages: Map<string, { page: CachedListPage; expiresAt: number }>;
  voters: Map<string, { requestIds: ReadonlySet<string>; expiresAt: number }>;
}

/** Pages kept per project at most (each order, status filter and window is its own page). */
const MAX_PAGES_PER_PROJECT = 64;
/** Voters whose votes are kept per project at most. */
const MAX_VOTERS_PER_PROJECT = 10_000;

export function createWidgetListCache(
  options: {
    ttlMs?: number;
    now?: () => number;
    announce?: (projectId: string) => Promise<void>;
    announceDelayMs?: number;
    /** Keep callers' votes too (see `cachesVotes`), each for `votedTtlMs`. */
    cacheVotes?: boolean;
    votedTtlMs?: number;
  } = {},
): WidgetListCache {
  const ttlMs = options.ttlMs ?? 1_000;
  const votedTtlMs = options.votedTtlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const projects = new Map<string, ProjectPages>();
  const toAnnounce = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const announcePending = () => {
    timer = undefined;
    for (const projectId of toAnnounce) void options.announce?.(projectId).catch(() => {}); // the TTL covers a lost one
    toAnnounce.clear();
  };
  const projectOf = (projectId: string): ProjectPages => {
    let entry = projects.get(projectId);
    if (entry === undefined) {
      entry = { generation: 0, pages: new Map(), voters: new Map() };
      projects.set(projectId, entry);
    }
    return entry;
  };
  const invalidate = (projectId: string) => {
    const entry = projects.get(projectId);
    if (entry === undefined) return;
    entry.generation += 1;
    entry.pages.clear();
    entry.voters.clear();
  };
  return {
    get(projectId, key) {
      const cached = projects.get(projectId)?.pages.get(key);
      if (cached === undefined) return undefined;
      if (cached.expiresAt > now()) return cached.page;
      projects.get(projectId)!.pages.delete(key);
      return undefined;
    },
    generation(projectId) {
      return projectOf(projectId).generation;
    },
    set(projectId, key, generation, page) {
      const entry = projectOf(projectId);
      if (entry.generation !== generation) return;
      if (entry.pages.size >= MAX_PAGES_PER_PROJECT) entry.pages.clear();
      entry.pages.set(key, { page, expiresAt: now() + ttlMs });
    },
    cachesVotes: options.cacheVotes === true,
    getVoted(projectId, voter) {
      const cached = projects.get(projectId)?.voters.get(voter);
      if (cached === undefined) return undefined;
      if (cached.expiresAt > now()) return cached.requestIds;
      projects.get(projectId)!.voters.delete(voter);
      return undefined;
    },
    setVoted(projectId, voter, generation, requestIds) {
      if (options.cacheVotes !== true) return;
      const entry = projectOf(projectId);
      if (entry.generation !== generation) return;
      if (entry.voters.size >= MAX_VOTERS_PER_PROJECT) entry.voters.clear();
      entry.voters.set(voter, { requestIds, expiresAt: now() + votedTtlMs });
    },
    invalidate,
    clear() {
      for (const entry of projects.values()) {
        entry.generation += 1;
        entry.pages.clear();
        entry.voters.clear();
      }
    },
    written(projectId) {
      invalidate(projectId);
      if (options.announce === undefined) return;
      toAnnounce.add(projectId);
      timer ??= setTimeout(announcePending, options.announceDelayMs ?? 50);
      timer.unref?.();
    },
  };
}
