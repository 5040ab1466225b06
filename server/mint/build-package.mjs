// Builds @reqio/mint from the same source as @reqio/server/mint (server/src/mint): a Vite
// library build bundles @reqio/shared in and leaves jose and zod to npm, the declarations
// come from the server's tsc build (shared's bundled beside them), and `npm pack` makes the
// tarball the service serves at /packages/reqio-mint.tgz. Run by `npm run build`, after tsc.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const server = path.join(here, '..');
const root = path.join(server, '..');
const dist = path.join(here, 'dist');
const packDir = path.join(here, 'pack');
// Where the service looks for it: server/src/http/routes/package-routes.ts.
const tarball = path.join(packDir, 'reqio-mint.tgz');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const mint = readJson(path.join(here, 'package.json'));
const serverVersion = readJson(path.join(server, 'package.json')).version;
if (mint.version !== serverVersion) {
  throw new Error(`server/mint/package.json is version ${mint.version} but @reqio/server is ${serverVersion}: the service serves its own version's tarball, so keep them equal.`);
}

await build({
  configFile: false,
  root: here,
  logLevel: 'warn',
  publicDir: false,
  // The workspace packages' TypeScript sources, so shared is bundled from what the tests run.
  resolve: { conditions: ['source', 'module', 'node', 'import', 'default'] },
  build: {
    outDir: dist,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    lib: { entry: path.join(server, 'src/mint/index.ts'), formats: ['es'], fileName: () => 'index.js' },
    rollupOptions: { external: [/^jose(\/|$)/, /^zod(\/|$)/, /^node:/] },
  },
});

// Declarations: the server's, with @reqio/shared's copied in beside them under shared/.
const copyDeclarations = (from, to, rewrite) => {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (!name.endsWith('.d.ts')) continue;
    const text = readFileSync(path.join(from, name), 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
    writeFileSync(path.join(to, name), rewrite(text));
  }
};
const serverTypes = path.join(server, 'dist');
copyDeclarations(path.join(serverTypes, 'mint'), dist, (text) => text.replaceAll("from '@reqio/shared'", "from './shared/index.js'"));
copyDeclarations(path.join(root, 'shared/dist'), path.join(dist, 'shared'), (text) => text);
for (const file of readdirSync(dist).filter((name) => name.endsWith('.d.ts'))) {
  const text = readFileSync(path.join(dist, file), 'utf8');
  const outside = text.match(/from '(@reqio\/[^']+|\.\.\/[^']+)'/);
  if (outside) throw new Error(`dist/${file} still imports ${outside[1]}: the package must be self-contained.`);
}

// The tarball, exactly as `npm pack` makes it for the registry.
rmSync(packDir, { recursive: true, force: true });
mkdirSync(packDir, { recursive: true });
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: here, encoding: 'utf8' }));
renameSync(path.join(packDir, packed.filename), tarball);
