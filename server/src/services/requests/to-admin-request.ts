import type { AdminRequest } from '@reqio/shared';
import type { RequestWithAuthor } from '../../storage/requests/request-queries.js';

/** A request as the product team sees it. */
export const toAdminRequest = (request: RequestWithAuthor): AdminRequest => ({
  id: request.id,
  title: request.title,
  body: request.body,
  status: request.status,
  votes: request.votes,
  accounts: request.accounts,
  monthlyRevenue: request.monthlyRevenue,
  commentCount: request.commentCount,
  mergedInto: request.mergedInto,
  createdAt: request.createdAt,
  updatedAt: request.updatedAt,
  author: request.author && { id: request.author.externalId, email: request.author.email },
  ...(request.segment !== undefined && { segment: request.segment }),
});
