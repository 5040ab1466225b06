import type { Queryable } from '../storage/database.js';

/** The events teams can subscribe to (webhooks). */
export type ReqioEventType =
  | 'request.created'
  | 'request.status_changed'
  | 'request.updated'
  | 'request.merged'
  | 'request.deleted'
  | 'comment.created'
  | 'vote.created'
  | 'vote.deleted'
  | 'user.identified'
  | 'user.deleted';

/** Something that happened in a project. */
export interface ReqioEvent {
  type: ReqioEventType;
  projectId: string;
  data: Record<string, unknown>;
}

/** An event written by the very statement that causes it: SQL to splice into that statement. */
export interface StatementEvent {
  /** Common table expressions to append to the statement's WITH list (each begins with a comma). */
  ctes: string;
  /** An expression for the statement's final select list: selecting it makes the wake-up NOTIFY run. */
  column: string;
}

/** What a statement that writes an event in itself says about it (see {@link EventSink.inStatement}). */
export interface StatementEventOptions {
  /** The statement's parameters so far; the event's are pushed onto it. */
  params: unknown[];
  /** A SQL condition over the statement's CTEs: the event is written only when it holds. */
  when: string;
  /** Keys of `event.data` whose values the statement computes: a SQL expression (a number or boolean) for each. */
  computed?: Record<string, string>;
}

/**
 * Where services report events. `emit` runs inside the transaction that caused the event,
 * so a durable outbox commits or rolls back with it and never delays the answer.
 * `inStatement` gives the same outbox rows as SQL for a write that is one statement (issue
 * 14: a vote in one round trip): the event commits if and only if that statement does.
 */
export interface EventSink {
  emit(tx: Queryable, event: ReqioEvent): Promise<void>;
  inStatement(event: ReqioEvent, options: StatementEventOptions): StatementEvent;
}
