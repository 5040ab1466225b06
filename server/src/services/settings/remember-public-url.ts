import { readServiceSetting, writeServiceSetting } from '../../storage/settings/service-setting-queries.js';
import type { ServiceDeps } from '../service-deps.js';

/**
 * Records the PUBLIC_URL the service starts with (CONTRACT §5), so that CLI commands run
 * later print the audience this service checks. Returns the one it last started with.
 */
export function rememberPublicUrl(deps: Pick<ServiceDeps, 'db'>, publicUrl: string): Promise<string | undefined> {
  return writeServiceSetting(deps.db, 'public_url', publicUrl);
}

/** The PUBLIC_URL the service last started with, if it ever started on this store. */
export function readRememberedPublicUrl(deps: Pick<ServiceDeps, 'db'>): Promise<string | undefined> {
  return readServiceSetting(deps.db, 'public_url');
}
