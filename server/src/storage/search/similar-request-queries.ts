import type { Queryable } from '../database.js';
import { toSearchQuery } from '../requests/request-queries.js';
import { trigramSchema } from './enable-trigram-search.js';

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** How alike a title must be to what is typed (pg_trgm's word similarity, 0–1); 0.3 is pg_trgm's own default threshold. */
const MIN_WORD_SIMILARITY = 0.3;

/**
 * Up to `limit` open requests whose titles are like `title` (what someone is typing), most
 * alike first: by trigram word similarity (the typed text against a stretch of a title) where the store has
 * `pg_trgm` (unless `method` is `fulltext`), else by full-text rank of its words as
 * prefixes. Returns their ids.
 */
export async function findSimilarRequestIds(
  q: Queryable,
  projectId: string,
  title: string,
  limit: number,
  options: { method?: 'auto' | 'fulltext' } = {},
): Promise<string[]> {
  const schema = options.method === 'fulltext' ? null : await trigramSchema(q);
  if (schema !== null) {
    const s = quoteIdentifier(schema);
    // `<<->` is 1 − word similarity (how well the typed text matches some stretch of a title):
    // the GiST index yields the titles nearest first. Of a few times `limit` of them, those
    // too unlike are dropped and the rest ordered by word plus whole-title similarity, which
    // breaks the many ties of a short text ("dark mode" is in every "Dark mode …").
    const rows = await q.query<{ id: string }>(
      `select id from (
         select r.id, rs.title, r.vote_count, 1 - ($2 operator(${s}.<<->) rs.title) as words
         from request_search rs join requests r on r.id = rs.request_id
         where rs.project_id = $1 and r.status = 'open'
         order by $2 operator(${s}.<<->) rs.title limit $3 * 4
       ) nearest
       where words >= $4
       order by words + ${s}.similarity(title, $2) desc, vote_count desc, id
       limit $3`,
      [projectId, title, limit, MIN_WORD_SIMILARITY],
    );
    return rows.map((row) => row.id);
  }
  const words = toSearchQuery(title);
  if (words === undefined) return [];
  // Any word will do: a title being typed rarely shares every word with its duplicate.
  const anyWord = words.replace(/ & /g, ' | ');
  const rows = await q.query<{ id: string }>(
    `select r.id from request_search rs join requests r on r.id = rs.request_id
     where rs.project_id = $1 and r.status = 'open' and rs.search_vector @@ to_tsquery('english', $2)
     order by ts_rank(rs.search_vector, to_tsquery('english', $2)) desc, r.vote_count desc, r.id
     limit $3`,
    [projectId, anyWord, limit],
  );
  return rows.map((row) => row.id);
}

