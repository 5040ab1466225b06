import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../storage/database.js';
import type { SecretCipher } from '../../identity/secret-cipher.js';
import { findProject } from '../../storage/projects/project-queries.js';
import { readServiceSetting, writeServiceSetting } from '../../storage/settings/service-setting-queries.js';
import { createProject } from './create-project.js';

/** The demo project, and its credentials on the run that created it. */
export interface DemoProject {
  id: string;
  audience: string;
  /** The credentials, on the run that created the project only: the API key is shown this once. */
  created: { secret: string; apiKey: string } | undefined;
  /** Where the credentials are kept (mode 0600) in embedded mode; undefined with PostgreSQL, which writes nothing to disk. */
  file: string | undefined;
}

/**
 * Makes the demo project on first run (allowed on the service's own origin) and finds it
 * again later: by the store's `demo_project_id` setting, and in embedded mode (`dataDir`)
 * also keeps its credentials in `demo.json` for `reqio mint` examples.
 */
export async function ensureDemoProject(deps: { db: Database; cipher: SecretCipher; publicUrl: string; dataDir: string | undefined }): Promise<DemoProject> {
  const file = deps.dataDir === undefined ? undefined : path.join(deps.dataDir, 'demo.json');
  const savedId = file !== undefined && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { id: string }).id : await readServiceSetting(deps.db, 'demo_project_id');
  if (savedId !== undefined && (await findProject(deps.db, savedId)) !== undefined) {
    return { id: savedId, audience: `${deps.publicUrl}/p/${savedId}`, created: undefined, file };
  }
  const origin = new URL(deps.publicUrl).origin;
  const created = await createProject(deps, { name: 'Demo', allowedOrigins: [origin] });
  const demo = { id: created.project.id, audience: created.audience, secret: created.secret, apiKey: created.apiKey };
  await writeServiceSetting(deps.db, 'demo_project_id', demo.id);
  if (file !== undefined) {
    writeFileSync(file, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { id: demo.id, audience: demo.audience, created: { secret: demo.secret, apiKey: demo.apiKey }, file };
}
