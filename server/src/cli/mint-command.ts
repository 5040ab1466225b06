import { parseArgs } from 'node:util';
import { mintIdentityToken } from '../mint/mint-identity-token.js';
import type { CliIo } from './cli-io.js';
import { CliUsageError } from './cli-usage-error.js';
import { parseIntegerFlag } from './parse-integer-flag.js';

export const mintUsage = `reqio mint --secret S --audience A --sub ID [--email E] [--name N] [--plan P]
           [--amount MINOR_UNITS] [--interval month|year] [--currency CODE]
           [--company-id ID [--company-name N] [--company-plan P] [--company-amount MINOR_UNITS]
            [--company-interval month|year] [--company-currency CODE]] [--expires-in SECONDS]
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
      currency: { type: 'string' },
      'company-id': { type: 'string' },
      'company-name': { type: 'string' },
      'company-plan': { type: 'string' },
      'company-amount': { type: 'string' },
      'company-interval': { type: 'string' },
      'company-currency': { type: 'string' },
      'expires-in': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  const secret = values.secret ?? io.env.REQIO_SECRET;
  if (secret === undefined) throw new CliUsageError('--secret is required (or set REQIO_SECRET)');
  if (values.audience === undefined) throw new CliUsageError('--audience is required');
  if (values.sub === undefined) throw new CliUsageError('--sub is required');

  const revenue = (prefix: '' | 'company-') => {
    const amount = parseIntegerFlag(`${prefix}amount`, values[`${prefix}amount`]);
    const plan = values[`${prefix}plan`];
    const interval = values[`${prefix}interval`];
    const currency = values[`${prefix}currency`];
    return {
      ...(plan !== undefined && { plan }),
      ...(amount !== undefined && { amount }),
      ...(interval !== undefined && { interval: interval as 'month' | 'year' }),
      ...(currency !== undefined && { currency }),
    };
  };
  const traits = revenue('');
  const companyFlags = revenue('company-');
  const companyId = values['company-id'];
  if (companyId === undefined && (Object.keys(companyFlags).length > 0 || values['company-name'] !== undefined)) {
    throw new CliUsageError('--company-id is required with the other --company-… flags');
  }
  const company = companyId === undefined ? undefined : { id: companyId, ...(values['company-name'] !== undefined && { name: values['company-name'] }), ...companyFlags };
  const expiresIn = parseIntegerFlag('expires-in', values['expires-in']);
  const token = await mintIdentityToken(
    {
      sub: values.sub,
      ...(values.email !== undefined && { email: values.email }),
      ...(values.name !== undefined && { name: values.name }),
      ...(Object.keys(traits).length > 0 && { traits }),
      ...(company !== undefined && { company }),
    },
    { secret, audience: values.audience, ...(expiresIn !== undefined && { expiresIn }) },
  );
  io.stdout(`${token}\n`);
  return 0;
}
