import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's chromium, as DESIGN.md prescribes; no browser downloads. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser suites can run. Where `CI` is set a missing browser is a failure,
 * not a skip, so a broken image cannot turn the e2e suite silently green.
 */
export function hasChromium(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`Chromium is required when CI is set, but ${CHROMIUM_PATH} is missing (apt-get install -y chromium).`);
  return false;
}

/** A running Chromium on a fresh profile; `newContext()` gives isolated storage per scenario. */
export interface Chromium {
  browser: Browser;
  newContext(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Launches Chromium with the project's flags and a fresh `--user-data-dir`. */
export async function launchChromium(): Promise<Chromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'reqio-chromium-'));
  // launchPersistentContext is Playwright's way to pass --user-data-dir.
  const persistent = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
  const browser = persistent.browser();
  if (!browser) throw new Error('Chromium did not expose a browser for its persistent context');
  return {
    browser,
    newContext: (options) => browser.newContext(options),
    async close() {
      await persistent.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
