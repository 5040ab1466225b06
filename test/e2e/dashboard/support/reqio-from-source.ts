// The `reqio` command run from the TypeScript sources (under tsx), so the first-run test
// drives the real `reqio start` without needing the server's compiled build.
import { main } from '../../../../server/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
