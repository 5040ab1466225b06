import type { RequestRecord } from '../../storage/requests/request-queries.js';

/** A request as webhook events carry it. */
export const requestEventData = (request: RequestRecord) => ({
  id: request.id,
  title: request.title,
  body: request.body,
  status: request.status,
  votes: request.votes,
  createdAt: request.createdAt,
});
