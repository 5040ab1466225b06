import type { WidgetRequest } from '@reqio/shared';
import type { RequestRecord } from '../../storage/requests/request-queries.js';

/** A request as the widget may see it: no author, no revenue. */
export const toWidgetRequest = (request: RequestRecord, voted: boolean, commentCount = 0): WidgetRequest => ({
  id: request.id,
  title: request.title,
  body: request.body,
  status: request.status,
  votes: request.votes,
  voted,
  commentCount,
  createdAt: request.createdAt,
});
