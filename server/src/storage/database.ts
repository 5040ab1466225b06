/** Something SQL can run on: the database, or a transaction. Only `storage/` calls it. */
export interface Queryable {
  /**
   * Which store runs it. PGlite has one session, so no other transaction ever waits on a row
   * lock there: statements may skip locks taken only to order waits (unknown: take them).
   */
  readonly kind?: 'pglite' | 'postgres';
  /** Runs one parameterised statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** The store: PGlite (embedded) or PostgreSQL, with the same SQL. */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Calls `onNotification` with each payload NOTIFYed on `channel`, once the sending
   * transaction commits (PostgreSQL: on a dedicated connection that reconnects by itself;
   * PGlite: in process). `onGap` is called when notifications may have been missed (the
   * connection was lost and is back). Resolves with the function that stops listening.
   */
  listen(channel: string, onNotification: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * The outbox CTEs (and a result column) a write statement carries for its caller, so an event
 * commits with the statement (EventSink.inStatement); given the statement's parameters so
 * far, onto which the event's are pushed.
 */
export type StatementEventCtes = (params: unknown[]) => { ctes: string; column: string };
