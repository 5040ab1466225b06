import type { WidgetRequest } from '@reqio/shared';
import type { RequestRecord } from '../../storage/requests/request-queries.js';

/** A request as the widget may see it: no author, no revenue. */
export const toWidgetRequest = (request: RequestRecord, voted: boolean): WidgetRequest => ({
  id: request.id,
  title: request.title,
  body: request.body,
  status: request.status,
  votes: request.votes,
  voted,
  createdAt: request.createdAt,
});
