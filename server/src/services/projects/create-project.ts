import { createProjectBodySchema } from '@reqio/shared';
import type { z } from 'zod';
import { projectAudience } from '../../config/load-config.js';
import { ValidationError } from '../../errors/validation-error.js';
import type { SecretCipher } from '../../identity/secret-cipher.js';
import { generateIdentitySecret, randomId } from '../../lib/random-id.js';
import type { Database } from '../../storage/database.js';
import { insertProject, type ProjectRecord } from '../../storage/projects/project-queries.js';
import { insertCurrentSecret } from '../../storage/projects/secret-queries.js';
import { createApiKey } from './create-api-key.js';

/** What creating a project gives back: the secret and the API key are shown this once. */
export interface CreatedProject {
  project: ProjectRecord;
  audience: string;
  secret: string;
  apiKey: string;
}

/** Creates a project with a fresh identity secret (encrypted at rest) and a first API key. */
export async function createProject(
  deps: { db: Database; cipher: SecretCipher; publicUrl: string },
  input: z.input<typeof createProjectBodySchema>,
): Promise<CreatedProject> {
  const parsed = createProjectBodySchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'body');
  const settings = parsed.data;
  const id = randomId('prj');
  const secret = generateIdentitySecret();
  return deps.db.transaction(async (tx) => {
    const project = await insertProject(tx, { id, ...settings });
    await insertCurrentSecret(tx, { id: randomId('sec'), projectId: id, encryptedSecret: deps.cipher.encrypt(secret, id) });
    const { apiKey } = await createApiKey(tx, id, 'Default key');
    return { project, audience: projectAudience(deps.publicUrl, id), secret, apiKey };
  });
}
