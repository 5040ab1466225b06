import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from './run-cli.js';

/** The tarball `npm run build` packs and the service serves at `/packages/reqio-mint.tgz`. */
export const MINT_TARBALL = path.join(repositoryRoot, 'server/mint/pack/reqio-mint.tgz');

const newest = (target: string): number =>
  statSync(target).isDirectory() ? Math.max(0, ...readdirSync(target).map((name) => newest(path.join(target, name)))) : statSync(target).mtimeMs;

/**
 * Builds `@reqio/mint` (tsc for the declarations, then `server/mint/build-package.mjs`) when
 * its tarball is missing or older than the mint's or shared's sources, so the tests install
 * the code under test. `npm test` builds first, so there this costs nothing.
 */
export function ensureMintPackage(): string {
  const sources = Math.max(
    ...['server/src/mint', 'server/src/lib', 'shared/src', 'server/mint/package.json', 'server/mint/README.md', 'server/mint/build-package.mjs'].map((source) =>
      newest(path.join(repositoryRoot, source)),
    ),
  );
  if (existsSync(MINT_TARBALL) && statSync(MINT_TARBALL).mtimeMs >= sources) return MINT_TARBALL;
  execFileSync(process.execPath, [path.join(repositoryRoot, 'node_modules/typescript/bin/tsc'), '-b', 'shared', 'server'], { cwd: repositoryRoot, stdio: 'pipe' });
  execFileSync(process.execPath, [path.join(repositoryRoot, 'server/mint/build-package.mjs')], { cwd: repositoryRoot, stdio: 'pipe' });
  return MINT_TARBALL;
}
