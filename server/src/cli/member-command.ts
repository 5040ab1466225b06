import { parseArgs } from 'node:util';
import { inviteMemberBodySchema, memberEmailSchema } from '@reqio/shared';
import { loadConfig } from '../config/load-config.js';
import { ApiError } from '../errors/api-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { CLI_ACTOR } from '../services/audit/audit-actor.js';
import type { Database } from '../storage/database.js';
import { openDatabase } from '../storage/open-database.js';
import { StoreInUseError } from '../storage/store-in-use-error.js';
import { listMembers } from '../storage/team/member-queries.js';
import { inviteMember } from '../team/invite-member.js';
import { issueResetLink } from '../team/issue-reset-link.js';
import type { CliIo } from './cli-io.js';
import { CliUsageError } from './cli-usage-error.js';
import { resolvePublicUrl } from './resolve-public-url.js';

export const memberUsage = `reqio member invite --email E --role admin|member [--json]
  Prints a one-time invite link (7 days); with --json { "link" }.
reqio member list [--json]
  Lists the dashboard's accounts and their roles.
reqio member reset-link --email E [--json]
  Prints a one-time link (60 minutes) where that account chooses a new password.
  All three take --data-dir, --database-url and --public-url like the other commands.`;

const SUBCOMMANDS = ['invite', 'list', 'reset-link'] as const;

/** `reqio member …`: the team from the server's own shell, for when nobody can sign in. */
export async function memberCommand(args: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === undefined || !(SUBCOMMANDS as readonly string[]).includes(subcommand)) {
    throw new CliUsageError(subcommand === undefined ? `say what to do: ${SUBCOMMANDS.join(', ')}` : `unknown subcommand "${subcommand}"`);
  }
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'public-url': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  if (subcommand !== 'list' && values.email === undefined) throw new CliUsageError('--email is required');
  if (subcommand === 'invite' && values.role === undefined) throw new CliUsageError('--role is required (admin or member)');
  const config = loadConfig(io.env, { dataDir: values['data-dir'], databaseUrl: values['database-url'], publicUrl: values['public-url'] });
  // Check the input before the store is touched, so a typo changes nothing at all.
  const invite = subcommand === 'invite' ? inviteMemberBodySchema.safeParse({ email: values.email, role: values.role }) : undefined;
  if (invite !== undefined && !invite.success) throw ValidationError.fromZod(invite.error, 'body');
  const email = subcommand === 'reset-link' ? memberEmailSchema.safeParse(values.email) : undefined;
  if (email !== undefined && !email.success) throw ValidationError.fromZod(email.error, 'body');

  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof StoreInUseError) {
      const instead = subcommand === 'reset-link' ? 'Stop the service for a moment to make a reset link' : 'Admins can do this on the dashboard\'s Team page';
      throw new StoreInUseError(`${error.message} ${instead}.`);
    }
    throw error;
  }
  try {
    if (subcommand === 'list') {
      const members = await listMembers(db);
      if (values.json) io.stdout(`${JSON.stringify({ members })}\n`);
      else if (members.length === 0) io.stdout('No accounts yet: start the service and open the first-run link it prints.\n');
      else io.stdout(members.map((member) => `${member.role.padEnd(7)} ${member.email}${member.name ? ` (${member.name})` : ''}${member.twoFactorEnabled ? '  two-factor on' : ''}\n`).join(''));
      return 0;
    }
    const publicUrl = await resolvePublicUrl(db, config, io, `member ${subcommand}`);
    if (subcommand === 'invite') {
      const { link, expiresAt } = await inviteMember({ db, publicUrl }, invite!.data!, CLI_ACTOR);
      io.stdout(values.json ? `${JSON.stringify({ link })}\n` : `Invite link for ${invite!.data!.email} (${invite!.data!.role}), works once until ${expiresAt}:\n  ${link}\n`);
      return 0;
    }
    const { link, expiresAt } = await issueResetLink({ db, publicUrl }, email!.data!);
    io.stdout(values.json ? `${JSON.stringify({ link })}\n` : `Password reset link for ${email!.data!}, works once until ${expiresAt.toISOString()}:\n  ${link}\n`);
    return 0;
  } catch (error) {
    // No such account, already a member: a sentence, exit 1, nothing changed.
    if (error instanceof ApiError) {
      io.stderr(`reqio member ${subcommand}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
