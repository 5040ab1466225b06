import { parseArgs } from 'node:util';
import { mintIdentityToken } from '../mint/mint-identity-token.js';
import type { CliIo } from './cli-io.js';
import { CliUsageError } from './cli-usage-error.js';
import { parseIntegerFlag } from './parse-integer-flag.js';

export const mintUsage = `reqio mint --secret S --audience A --sub ID [--email E] [--name N] [--plan P]
           [--amount CENTS] [--interval month|year] [--expires-in SECONDS]
  Prints an identity token. --secret may be left out when REQIO_SECRET is set.`;

/** `reqio mint`: prints a token signed with the given secret, for testing an integration. */
export async function mintCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      secret: { type: 'string' },
      audience: { type: 'string' },
      sub: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      plan: { type: 'string' },
      amount: { type: 'string' },
      interval: { type: 'string' },
      'expires-in': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  const secret = values.secret ?? io.env.REQIO_SECRET;
  if (secret === undefined) throw new CliUsageError('--secret is required (or set REQIO_SECRET)');
  if (values.audience === undefined) throw new CliUsageError('--audience is required');
  if (values.sub === undefined) throw new CliUsageError('--sub is required');

  const amount = parseIntegerFlag('amount', values.amount);
  const traits = {
    ...(values.plan !== undefined && { plan: values.plan }),
    ...(amount !== undefined && { amount }),
    ...(values.interval !== undefined && { interval: values.interval as 'month' | 'year' }),
  };
  const expiresIn = parseIntegerFlag('expires-in', values['expires-in']);
  const token = await mintIdentityToken(
    {
      sub: values.sub,
      ...(values.email !== undefined && { email: values.email }),
      ...(values.name !== undefined && { name: values.name }),
      ...(Object.keys(traits).length > 0 && { traits }),
    },
    { secret, audience: values.audience, ...(expiresIn !== undefined && { expiresIn }) },
  );
  io.stdout(`${token}\n`);
  return 0;
}
