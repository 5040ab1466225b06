import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests import the packages' TypeScript sources through the "source" export condition,
// so no build is needed to run them (tests that spawn the CLI use the build).
const resolve = { conditions: ['source', ...defaultClientConditions] };
const ssr = { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] } };

export default defineConfig({
  resolve,
  ssr,
  test: {
    projects: [
      { resolve, ssr, test: { name: 'shared', include: ['test/shared/**/*.test.ts'], environment: 'node' } },
      { resolve, ssr, test: { name: 'server', include: ['test/server/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
      { resolve, ssr, test: { name: 'widget', include: ['test/widget/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
      // Real Chromium against the real service: one file at a time, generous timeouts.
      {
        resolve,
        ssr,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
      },
    ],
  },
});
