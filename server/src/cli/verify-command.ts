import { parseArgs } from 'node:util';
import { IdentityTokenError } from '../identity/identity-token-error.js';
import { verifyIdentityToken } from '../identity/verify-identity-token.js';
import type { CliIo } from './cli-io.js';
import { CliUsageError } from './cli-usage-error.js';
import { parseIntegerFlag } from './parse-integer-flag.js';

export const verifyUsage = `reqio verify TOKEN --secret S --audience A [--leeway SECONDS]
  Prints the verified claims with monthlyAmount as JSON; on failure prints the code and exits 1.`;

/** `reqio verify`: checks a token as the service would and prints what it carries. */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      secret: { type: 'string', multiple: true },
      audience: { type: 'string', multiple: true },
      leeway: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new CliUsageError('give exactly one TOKEN');
  const secrets = values.secret ?? (io.env.REQIO_SECRET === undefined ? [] : [io.env.REQIO_SECRET]);
  if (secrets.length === 0) throw new CliUsageError('--secret is required (or set REQIO_SECRET)');
  if (values.audience === undefined) throw new CliUsageError('--audience is required');
  const clockTolerance = parseIntegerFlag('leeway', values.leeway);

  try {
    const identity = await verifyIdentityToken(positionals[0]!, {
      secrets,
      audience: values.audience,
      ...(clockTolerance !== undefined && { clockTolerance }),
    });
    const output = {
      ...identity.claims,
      email: identity.email,
      traits: identity.traits,
      ...(identity.company !== undefined && { company: identity.company }),
      monthlyAmount: identity.monthlyAmount,
      warnings: identity.warnings,
    };
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof IdentityTokenError)) throw error;
    io.stdout(`${error.code}\n`);
    io.stderr(`reqio verify: ${error.code}: ${error.message}\n`);
    return 1;
  }
}
