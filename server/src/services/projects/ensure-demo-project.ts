import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../storage/database.js';
import type { SecretCipher } from '../../identity/secret-cipher.js';
import { findProject } from '../../storage/projects/project-queries.js';
import { createProject } from './create-project.js';

/** The demo project's credentials, kept in the data directory (mode 0600) for the demo pages. */
export interface DemoProject {
  id: string;
  audience: string;
  secret: string;
  apiKey: string;
  /** True on the run that created it: the API key is printed this once. */
  created: boolean;
}

/**
 * Makes the demo project on first run (allowed on the service's own origin) and remembers
 * its credentials in `demo.json`, so the demo host pages can mint tokens for it.
 */
export async function ensureDemoProject(deps: { db: Database; cipher: SecretCipher; publicUrl: string; dataDir: string }): Promise<DemoProject> {
  const file = path.join(deps.dataDir, 'demo.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Omit<DemoProject, 'created'>;
    if ((await findProject(deps.db, saved.id)) !== undefined) return { ...saved, audience: `${deps.publicUrl}/p/${saved.id}`, created: false };
  }
  const origin = new URL(deps.publicUrl).origin;
  const created = await createProject(deps, { name: 'Demo', allowedOrigins: [origin] });
  const demo = { id: created.project.id, audience: created.audience, secret: created.secret, apiKey: created.apiKey };
  writeFileSync(file, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { ...demo, created: true };
}
