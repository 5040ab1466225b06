/** Cuts the one row fetched beyond `limit` off a page and says where the next page starts (null on the last). */
export function pageOf<T>(rows: T[], options: { limit: number; offset: number }): { rows: T[]; nextOffset: number | null } {
  return { rows: rows.slice(0, options.limit), nextOffset: rows.length > options.limit ? options.offset + options.limit : null };
}
