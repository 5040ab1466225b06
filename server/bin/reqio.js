#!/usr/bin/env node
// The `reqio` command. Runs the compiled CLI; `npm install` builds it (the root `prepare`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('reqio: the server is not built yet. Run `npm run build` in the repository root (npm install does it).');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
