import type { ApiKeyInfo } from '@reqio/shared';
import type { Queryable } from '../database.js';
import { toIso } from '../row-values.js';

/** An API key as listed: never the key itself, only its first characters. */
export type ApiKeyRecord = ApiKeyInfo;

type ApiKeyRow = { id: string; project_id: string; name: string; key_prefix: string; created_at: Date; revoked_at: Date | null };
const toApiKey = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  projectId: row.project_id,
  name: row.name,
  prefix: row.key_prefix,
  createdAt: toIso(row.created_at),
  revokedAt: row.revoked_at && toIso(row.revoked_at),
});

export async function insertApiKey(
  q: Queryable,
  key: { id: string; projectId: string; name: string; keyHash: string; prefix: string },
): Promise<ApiKeyRecord> {
  const [row] = await q.query<ApiKeyRow>(
    'insert into api_keys (id, project_id, name, key_hash, key_prefix) values ($1, $2, $3, $4, $5) returning *',
    [key.id, key.projectId, key.name, key.keyHash, key.prefix],
  );
  return toApiKey(row!);
}

/** The live key with this hash, if any. */
export async function findApiKeyByHash(q: Queryable, keyHash: string): Promise<ApiKeyRecord | undefined> {
  const [row] = await q.query<ApiKeyRow>('select * from api_keys where key_hash = $1 and revoked_at is null', [keyHash]);
  return row && toApiKey(row);
}

export async function listApiKeys(q: Queryable, projectId: string): Promise<ApiKeyRecord[]> {
  return (await q.query<ApiKeyRow>('select * from api_keys where project_id = $1 order by created_at desc', [projectId])).map(toApiKey);
}

export async function revokeApiKey(q: Queryable, projectId: string, keyId: string): Promise<boolean> {
  const rows = await q.query('update api_keys set revoked_at = now() where project_id = $1 and id = $2 and revoked_at is null returning id', [
    projectId,
    keyId,
  ]);
  return rows.length > 0;
}
