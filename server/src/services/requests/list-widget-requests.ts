import type { RequestStatus } from '@reqio/shared';
import type { Principal } from '../../identity/widget-sessions.js';
import {
  findAllVotedRequestIds,
  findVotedRequestIds,
  listRequestsWithVoted,
  toSearchQuery,
  voterKey,
  type Voter,
  type WidgetListRow,
} from '../../storage/requests/request-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toVoter } from '../votes/to-voter.js';
import { pageOf } from './page-of.js';
import type { CachedListPage, CachedListRow, WidgetListCache } from './widget-list-cache.js';

/** What the widget's list asks for: an order, statuses, words to search, a page. */
export interface WidgetListOptions {
  sort: 'top' | 'new' | 'trending';
  status?: RequestStatus[] | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** A page as the API answers it: `{"requests":[…],"nextOffset":…}`, the rows in their order. */
const pageJson = (rows: string[], nextOffset: number | null) => `{"requests":[${rows.join(',')}],"nextOffset":${JSON.stringify(nextOffset)}}`;

/** A row read from the store, cut around its `voted` for the cache (the keys in WidgetRequest's order). */
function toCachedRow(row: WidgetListRow): CachedListRow {
  const before = JSON.stringify({ id: row.id, title: row.title, body: row.body, status: row.status, votes: row.votes });
  const after = JSON.stringify({ commentCount: row.commentCount, createdAt: row.createdAt });
  return { id: row.id, jsonBeforeVoted: `${before.slice(0, -1)},"voted":`, jsonAfterVoted: `,${after.slice(1)}` };
}

/** A cached row with a caller's `voted` put in. */
const rowJson = (row: CachedListRow, voted: boolean) => `${row.jsonBeforeVoted}${voted}${row.jsonAfterVoted}`;

/**
 * A page of the project's requests for the widget (never merged ones), with whether the
 * caller voted for each, and the offset of the next page (null on the last one), as the JSON
 * the API answers with (`WidgetRequestList`). With `q`, only requests whose title or body
 * match, best match first.
 *
 * Without `q`, the page itself (all but `voted`) may come from this instance's
 * `widgetListCache`, kept as JSON text around each row's `voted`; `voted` then comes from the
 * store, for the page's ids. The hottest read of the widget is then no serialisation, only
 * the caller's votes put into text (issue 14).
 */
export async function listWidgetRequestsJson(
  deps: Pick<ServiceDeps, 'db' | 'widgetListCache' | 'votedReads'>,
  principal: Principal,
  options: WidgetListOptions,
): Promise<string> {
  const search = options.q === undefined ? undefined : toSearchQuery(options.q);
  if (options.q !== undefined && search === undefined) return pageJson([], null);
  const statuses = options.status?.filter((status) => status !== 'merged');
  if (statuses !== undefined && statuses.length === 0) return pageJson([], null);
  const voter = toVoter(principal);
  const read = async () => {
    // One row more than asked says whether there is a next page, without a count.
    const rows = await listRequestsWithVoted(deps.db, principal.projectId, voter, { sort: options.sort, statuses, search, limit: options.limit + 1, offset: options.offset });
    return pageOf(rows, options);
  };
  const cache = deps.widgetListCache;
  if (cache === undefined || search !== undefined) {
    // The rows are already WidgetRequests (keys, order and values), so they go out as they are.
    const page = await read();
    return JSON.stringify({ requests: page.rows, nextOffset: page.nextOffset });
  }
  const key = `${options.sort}|${statuses?.join(',') ?? ''}|${options.limit}|${options.offset}`;
  const cached = cache.get(principal.projectId, key);
  if (cached === undefined) {
    const generation = cache.generation(principal.projectId);
    const page = await read();
    const rows = page.rows.map(toCachedRow);
    cache.set(principal.projectId, key, generation, { rows, nextOffset: page.nextOffset });
    return pageJson(rows.map((row, index) => rowJson(row, page.rows[index]!.voted)), page.nextOffset);
  }
  const voted = await votedOf(deps, cache, principal.projectId, voter, cached.rows);
  return pageJson(cached.rows.map((row) => rowJson(row, voted.has(row.id))), cached.nextOffset);
}

/**
 * Which requests of a cached page the caller voted for: from the store, for the page's ids;
 * or, where the cache keeps votes (the embedded store), all the caller's votes in the
 * project, read once and kept until the project's next write.
 */
async function votedOf(
  { db, votedReads }: Pick<ServiceDeps, 'db' | 'votedReads'>,
  cache: WidgetListCache,
  projectId: string,
  voter: Voter,
  rows: CachedListPage['rows'],
): Promise<ReadonlySet<string>> {
  if (rows.length === 0) return new Set();
  if (!cache.cachesVotes) {
    const requestIds = rows.map((row) => row.id);
    return votedReads === undefined ? findVotedRequestIds(db, voter, requestIds) : votedReads({ voter, requestIds });
  }
  const key = voterKey(voter);
  const kept = cache.getVoted(projectId, key);
  if (kept !== undefined) return kept;
  const generation = cache.generation(projectId);
  const requestIds = await findAllVotedRequestIds(db, projectId, voter);
  cache.setVoted(projectId, key, generation, requestIds);
  return requestIds;
}
