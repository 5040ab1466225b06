import type { AnonymousSessionResponse } from '@reqio/shared';
import { loadProject } from '../projects/load-project.js';
import type { ServiceDeps } from '../service-deps.js';

/** Issues an anonymous widget session for the widget's random anonymous id. */
export async function startAnonymousSession(
  deps: Pick<ServiceDeps, 'keyRing' | 'sessions'>,
  input: { projectId: string; anonymousId: string },
): Promise<AnonymousSessionResponse> {
  const entry = await loadProject(deps.keyRing, input.projectId);
  return deps.sessions.issue({ kind: 'anonymous', projectId: input.projectId, anonymousId: input.anonymousId }, entry.project.sessionEpoch);
}
