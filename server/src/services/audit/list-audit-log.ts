import type { AuditAction, AuditLog } from '@reqio/shared';
import type { Queryable } from '../../storage/database.js';
import { listAuditEntries } from '../../storage/audit/audit-queries.js';
import type { ServiceDeps } from '../service-deps.js';
import { loadProject } from '../projects/load-project.js';

/** A page of the project's audit log (with the team's own entries), newest first, optionally one action only. */
export async function listAuditLog(
  deps: Pick<ServiceDeps, 'keyRing'> & { db: Queryable },
  projectId: string,
  page: { offset: number; limit: number; action?: AuditAction | undefined },
): Promise<AuditLog> {
  await loadProject(deps.keyRing, projectId);
  const entries = await listAuditEntries(deps.db, projectId, { ...page, limit: page.limit + 1 });
  const more = entries.length > page.limit;
  return { entries: entries.slice(0, page.limit), nextOffset: more ? page.offset + page.limit : null };
}
