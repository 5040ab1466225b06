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

/**
 * Where services report events. `emit` runs inside the transaction that caused the event,
 * so a durable outbox commits or rolls back with it and never delays the answer.
 */
export interface EventSink {
  emit(tx: Queryable, event: ReqioEvent): Promise<void>;
}
