import { hashApiKey } from '../../lib/hash-api-key.js';
import { generateApiKey, randomId } from '../../lib/random-id.js';
import type { ApiKeyRecord } from '../../storage/projects/api-key-queries.js';
import { insertApiKey } from '../../storage/projects/api-key-queries.js';
import type { Queryable } from '../../storage/database.js';

/** Creates an API key for one project. The key itself is returned once and stored only as a hash. */
export async function createApiKey(db: Queryable, projectId: string, name: string): Promise<{ apiKey: string; key: ApiKeyRecord }> {
  const apiKey = generateApiKey();
  const key = await insertApiKey(db, { id: randomId('key'), projectId, name, keyHash: hashApiKey(apiKey), prefix: apiKey.slice(0, 10) });
  return { apiKey, key };
}
