import { listActiveSecrets } from '../../storage/projects/secret-queries.js';
import { loadProject } from './load-project.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * The project's current identity secret, decrypted from the store. Only for an owner who
 * has just re-entered their password: the caller checks that first.
 */
export async function revealSecret(deps: Pick<ServiceDeps, 'db' | 'cipher' | 'keyRing'>, projectId: string): Promise<string> {
  await loadProject(deps.keyRing, projectId);
  const current = (await listActiveSecrets(deps.db, projectId)).find((secret) => secret.state === 'current');
  // Every project is created with a secret and rotation replaces it in one transaction.
  if (current === undefined) throw new Error(`Project ${projectId} has no current secret.`);
  return deps.cipher.decrypt(current.encryptedSecret, projectId);
}
