import { findSecretStatus, type SecretStatus } from '../../storage/projects/secret-status-queries.js';
import { loadProject } from './load-project.js';
import type { ServiceDeps } from '../service-deps.js';

/** When the project's secret was generated, and whether a previous one is still in its grace period. */
export async function getSecretStatus(deps: Pick<ServiceDeps, 'db' | 'keyRing'>, projectId: string): Promise<SecretStatus> {
  await loadProject(deps.keyRing, projectId);
  return findSecretStatus(deps.db, projectId);
}
