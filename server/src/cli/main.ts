import type { CliIo } from './cli-io.js';
import { processIo } from './cli-io.js';
import { CliUsageError } from './cli-usage-error.js';
import { ConfigError } from '../config/config-error.js';
import { StoreInUseError } from '../storage/store-in-use-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { memberCommand, memberUsage } from './member-command.js';
import { mintCommand, mintUsage } from './mint-command.js';
import { projectCommand, projectUsage } from './project-command.js';
import { startCommand, startUsage } from './start-command.js';
import { verifyCommand, verifyUsage } from './verify-command.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, { run: Command; usage: string }> = {
  start: { run: startCommand, usage: startUsage },
  project: { run: projectCommand, usage: projectUsage },
  member: { run: memberCommand, usage: memberUsage },
  mint: { run: mintCommand, usage: mintUsage },
  verify: { run: verifyCommand, usage: verifyUsage },
};

const usage = () => `Usage:\n${Object.values(commands).map((command) => `  ${command.usage.replaceAll('\n', '\n  ')}`).join('\n')}\n`;

/** Runs the `reqio` command line and resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    io.stderr(`reqio: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    // Usage mistakes and a caller's bad input (TypeError from the mint checks) are the user's
    // to fix: say what is wrong, without a stack trace.
    if (error instanceof CliUsageError || error instanceof TypeError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`reqio ${name}: ${(error as Error).message}\n${command.usage}\n`);
      return 2;
    }
    // Problems the user can fix, said in a sentence: exit 1, no stack trace.
    if (error instanceof ConfigError || error instanceof StoreInUseError || error instanceof ValidationError) {
      io.stderr(`reqio ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
