import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the README's screenshots are kept: `test/e2e/__screenshots__/<name>.png`. */
export const screenshotPath = (name: string): string => join(dirname(fileURLToPath(import.meta.url)), '../../__screenshots__', `${name}.png`);
