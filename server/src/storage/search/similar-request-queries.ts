import type { Queryable } from '../database.js';
import { toSearchQuery } from '../requests/request-queries.js';
import { trigramSchema } from './enable-trigram-search.js';

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Up to `limit` open requests whose titles are like `title` (what someone is typing), most
 * alike first: by trigram similarity (whole title or words of it) where the store has
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
    // `%` (similarity) and `<%` (word similarity) both walk the trigram index on titles.
    const rows = await q.query<{ id: string }>(
      `select r.id from requests r
       where r.project_id = $1 and r.status = 'open' and (r.title operator(${s}.%) $2 or $2 operator(${s}.<%) r.title)
       order by greatest(${s}.similarity(r.title, $2), ${s}.word_similarity($2, r.title)) desc, r.vote_count desc, r.id
       limit $3`,
      [projectId, title, limit],
    );
    return rows.map((row) => row.id);
  }
  const words = toSearchQuery(title);
  if (words === undefined) return [];
  // Any word will do: a title being typed rarely shares every word with its duplicate.
  const anyWord = words.replace(/ & /g, ' | ');
  const rows = await q.query<{ id: string }>(
    `select r.id from requests r
     where r.project_id = $1 and r.status = 'open' and r.search_vector @@ to_tsquery('english', $2)
     order by ts_rank(r.search_vector, to_tsquery('english', $2)) desc, r.vote_count desc, r.id
     limit $3`,
    [projectId, anyWord, limit],
  );
  return rows.map((row) => row.id);
}

