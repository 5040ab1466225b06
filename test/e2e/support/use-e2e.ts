import { afterAll, beforeAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureWidgetBuild } from './ensure-widget-build.js';
import { launchChromium, type Chromium } from './launch-chromium.js';
import { startHostServer, type HostServer } from './start-host-server.js';
import { startTestApp, type TestApp } from './test-app.js';

/** What an e2e file works with; filled in by its `beforeAll`. */
export interface E2e {
  host: HostServer;
  app: TestApp;
  chromium: Chromium;
  /** A page in a fresh context (its own storage); closed after the file. */
  newPage(options?: Parameters<Chromium['newContext']>[0]): Promise<Page>;
}

/**
 * Registers the file's set-up: the widget build, the host site (started first, so its
 * origin can be allowed), the service, and Chromium. Call inside a `describe`.
 */
export function useE2e(options: { sessionTtlSeconds?: number; requireIdentity?: boolean } = {}): E2e {
  const e2e = {} as E2e;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    ensureWidgetBuild();
    e2e.host = await startHostServer();
    e2e.app = await startTestApp({ ...options, allowedOrigins: [e2e.host.origin] });
    e2e.chromium = await launchChromium();
    e2e.newPage = async (contextOptions) => {
      const context = await e2e.chromium.newContext(contextOptions);
      contexts.push(context);
      return context.newPage();
    };
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await e2e.chromium?.close();
    await e2e.app?.close();
    await e2e.host?.close();
  });
  return e2e;
}
