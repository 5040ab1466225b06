import { IdentityRequiredError } from '../../errors/identity-required-error.js';
import type { ProjectKeyRing } from '../../identity/project-key-ring.js';
import type { Principal } from '../../identity/widget-sessions.js';
import { loadProject } from '../projects/load-project.js';

/** Anonymous users may post and vote unless the project requires identity. */
export async function requireMayWrite(keyRing: ProjectKeyRing, principal: Principal): Promise<void> {
  if (principal.kind === 'user') return;
  const entry = await loadProject(keyRing, principal.projectId);
  if (entry.project.requireIdentity) throw new IdentityRequiredError('This project asks you to sign in before you post or vote.');
}
