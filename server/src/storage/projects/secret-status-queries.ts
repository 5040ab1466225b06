import type { SecretStatus } from '@reqio/shared';
import type { Queryable } from '../database.js';
import { toIso } from '../row-values.js';

export type { SecretStatus } from '@reqio/shared';

export async function findSecretStatus(q: Queryable, projectId: string): Promise<SecretStatus> {
  const rows = await q.query<{ state: 'current' | 'previous'; created_at: Date; valid_until: Date | null }>(
    `select state, created_at, valid_until from project_secrets
     where project_id = $1 and (state = 'current' or (state = 'previous' and valid_until > now()))`,
    [projectId],
  );
  const current = rows.find((row) => row.state === 'current');
  const previous = rows.find((row) => row.state === 'previous');
  return {
    current: current ? { createdAt: toIso(current.created_at) } : null,
    previous: previous?.valid_until ? { createdAt: toIso(previous.created_at), validUntil: toIso(previous.valid_until) } : null,
  };
}
