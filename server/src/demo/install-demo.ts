import type { AppDeps } from '../http/app-deps.js';
import { createDemoRouter } from './create-demo-router.js';

/**
 * Adds the demo host app at `/demo` for the demo project (call it from `startServer`'s `customize`).
 *
 * @example
 * const demo = await ensureDemoProject({ db: deps.db, cipher: deps.cipher, publicUrl, dataDir });
 * installDemo(deps, { projectId: demo.id });
 */
export function installDemo(deps: AppDeps, options: { projectId: string }): void {
  const router = createDemoRouter({ keyRing: deps.keyRing, publicUrl: deps.config.publicUrl, projectId: options.projectId });
  (deps.extraRouters ??= []).push({ path: '/demo', router });
}
