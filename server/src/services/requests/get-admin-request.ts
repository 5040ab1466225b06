import type { AdminRequestDetail } from '@reqio/shared';
import { NotFoundError } from '../../errors/not-found-error.js';
import { findRequestWithAuthor } from '../../storage/requests/request-queries.js';
import { countAnonymousVotes, listVoters } from '../../storage/votes/vote-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { toAdminRequest } from './to-admin-request.js';

/** One request with who asked for it (highest paying first): why it ranks where it does. */
export async function getAdminRequest(deps: Pick<ServiceDeps, 'db'>, projectId: string, requestId: string): Promise<AdminRequestDetail> {
  const request = await findRequestWithAuthor(deps.db, projectId, requestId);
  if (request === undefined) throw new NotFoundError('There is no such request in this project.');
  const [voters, anonymousVotes] = await Promise.all([listVoters(deps.db, requestId, { limit: 500 }), countAnonymousVotes(deps.db, requestId)]);
  return {
    request: toAdminRequest(request),
    voters: voters.map(({ externalId, ...voter }) => ({ id: externalId, ...voter })),
    anonymousVotes,
  };
}
