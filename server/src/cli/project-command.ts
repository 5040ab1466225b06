import { parseArgs } from 'node:util';
import { createProjectBodySchema } from '@reqio/shared';
import { loadConfig } from '../config/load-config.js';
import { ValidationError } from '../errors/validation-error.js';
import { loadMasterKey } from '../identity/load-master-key.js';
import { createSecretCipher } from '../identity/secret-cipher.js';
import { createProject } from '../services/projects/create-project.js';
import { openDatabase } from '../storage/open-database.js';
import type { CliIo } from './cli-io.js';
import { CliUsageError } from './cli-usage-error.js';
import { resolvePublicUrl } from './resolve-public-url.js';

export const projectUsage = `reqio project create --name NAME [--origin URL]... [--require-identity] [--public-url URL] [--json]
  Creates a project in the store. With --json prints { "id", "audience", "secret", "apiKey" }.
  The audience uses PUBLIC_URL (or --public-url), else the one the service last started with.`;

/** `reqio project create`: a project with its identity secret and first API key, shown once. */
export async function projectCommand(args: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'create') throw new CliUsageError(subcommand === undefined ? 'say what to do: create' : `unknown subcommand "${subcommand}"`);
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      'require-identity': { type: 'boolean' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'public-url': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  if (values.name === undefined) throw new CliUsageError('--name is required');
  const config = loadConfig(io.env, { dataDir: values['data-dir'], databaseUrl: values['database-url'], publicUrl: values['public-url'] });
  const input = { name: values.name, allowedOrigins: values.origin ?? [], requireIdentity: values['require-identity'] ?? false };
  // Check the input before the store is touched, so a typo changes nothing at all.
  const parsed = createProjectBodySchema.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'body');
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const cipher = createSecretCipher(loadMasterKey({ masterKey: config.masterKey, dataDir: config.dataDir }));
    const publicUrl = await resolvePublicUrl(db, config, io, 'project create');
    const created = await createProject({ db, cipher, publicUrl }, input);
    const summary = { id: created.project.id, audience: created.audience, secret: created.secret, apiKey: created.apiKey };
    if (values.json) {
      io.stdout(`${JSON.stringify(summary)}\n`);
    } else {
      io.stdout(
        [
          `Created project "${created.project.name}"`,
          `  id        ${summary.id}`,
          `  audience  ${summary.audience}`,
          `  origins   ${created.project.allowedOrigins.join(', ') || '(none yet: only the service\'s own origin)'}`,
          `  secret    ${summary.secret}`,
          `  API key   ${summary.apiKey}`,
          '',
          'The secret and the API key are shown this once. Put the secret in your server\'s',
          'environment (REQIO_SECRET) and never send it to a browser.',
          '',
        ].join('\n'),
      );
    }
    return 0;
  } finally {
    await db.close();
  }
}
