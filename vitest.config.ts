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
      { resolve, ssr, test: { name: 'server', include: ['test/server/**/*.test.ts'], environment: 'node' } },
    ],
  },
});
