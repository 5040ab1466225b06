import type { Database, Queryable } from '../../server/src/storage/database.js';

/**
 * `db` with its round trips to the store counted: each statement one, a transaction two more
 * (its BEGIN and COMMIT). Issue 14 holds the widget's calls to a number of them.
 */
export function countRoundTrips(db: Database): { db: Database; trips(): number; reset(): void } {
  let trips = 0;
  const counted = (q: Queryable): Queryable => ({
    ...(q.kind !== undefined && { kind: q.kind }),
    query: (sql, params) => {
      trips += 1;
      return q.query(sql, params);
    },
  });
  return {
    db: {
      ...db,
      query: (sql, params) => counted(db).query(sql, params),
      transaction: (work) => {
        trips += 2;
        return db.transaction((tx) => work(counted(tx)));
      },
      close: () => db.close(),
    },
    trips: () => trips,
    reset: () => {
      trips = 0;
    },
  };
}
