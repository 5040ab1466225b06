import { hashApiKey } from '../../lib/hash-api-key.js';
import { findApiKeyByHash, type ApiKeyRecord } from '../../storage/projects/api-key-queries.js';
import type { Queryable } from '../../storage/database.js';

/** The live API key a bearer string is, or undefined. */
export async function authenticateApiKey(db: Queryable, apiKey: string): Promise<ApiKeyRecord | undefined> {
  if (!apiKey.startsWith('rq_ak_') || apiKey.length > 100) return undefined;
  return findApiKeyByHash(db, hashApiKey(apiKey));
}
