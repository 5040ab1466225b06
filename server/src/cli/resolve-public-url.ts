import type { Config } from '../config/load-config.js';
import { readRememberedPublicUrl } from '../services/settings/remember-public-url.js';
import type { Database } from '../storage/database.js';
import type { CliIo } from './cli-io.js';

/**
 * The PUBLIC_URL a command builds audiences (and links) with, so they match what the
 * running service checks (CONTRACT §5): the one given by flag or environment, else the one
 * the service last started with on this store, else the default. A note on stderr says when
 * the remembered one is used, and a warning when the given one differs from it.
 */
export async function resolvePublicUrl(db: Database, config: Config, io: CliIo, command: string): Promise<string> {
  const remembered = await readRememberedPublicUrl({ db });
  if (remembered === undefined || remembered === config.publicUrl) return config.publicUrl;
  if (config.publicUrlSource === 'default') {
    io.stderr(`reqio ${command}: using PUBLIC_URL ${remembered}, the one the service last started with (set PUBLIC_URL or --public-url to choose another).\n`);
    return remembered;
  }
  io.stderr(
    `reqio ${command}: warning: the service last started with PUBLIC_URL ${remembered} and checks the audience ${remembered}/p/<projectId>, ` +
      `but this command uses ${config.publicUrl}. Tokens minted for one are refused by the other with audience_mismatch: ` +
      `start the service with PUBLIC_URL=${config.publicUrl}, or run this command without PUBLIC_URL.\n`,
  );
  return config.publicUrl;
}
