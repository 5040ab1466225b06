import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyIdentityToken } from '@reqio/server';
import { formatSnippet, generateSnippet } from '../../../server/src/setup/snippets/generate-snippet.js';
import { SNIPPET_STACKS } from '../../../server/src/setup/snippets/snippet-stacks.js';
import { snippetValues } from './snippet-values.js';
import { ensureMintPackage } from '../../helpers/ensure-mint-package.js';
import { listen } from '../../helpers/listen.js';
import { repositoryRoot } from '../../helpers/run-cli.js';
import { SECRET } from '../../helpers/tokens.js';

const run = promisify(execFile);
const VALUES = snippetValues('prj_golden');
/** A customer whose id is an integer in their database, who pays yearly, and whose amount node-postgres returns as a string. */
const USER = { id: 42, email: 'ada@example.com', plan: 'pro', planAmountCents: '120000', billingInterval: 'year', currency: 'USD' };

// Inside the repository (its /tmp/ is git-ignored) so jose and zod resolve from the workspace,
// with the packed @reqio/mint extracted into its node_modules as `npm install` would put it.
let workDir: string;
beforeAll(async () => {
  mkdirSync(path.join(repositoryRoot, 'tmp'), { recursive: true });
  workDir = mkdtempSync(path.join(repositoryRoot, 'tmp', 'snippets-'));
  const packageDir = path.join(workDir, 'node_modules/@reqio/mint');
  mkdirSync(packageDir, { recursive: true });
  await run('tar', ['xzf', ensureMintPackage(), '-C', packageDir, '--strip-components=1']);
  vi.stubEnv('REQIO_SECRET', SECRET);
}, 180_000);
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(workDir, { recursive: true, force: true });
});

const verify = (token: string) => verifyIdentityToken(token, { secrets: SECRET, audience: VALUES.audience });

describe('every stack', () => {
  it.each(SNIPPET_STACKS)('%s matches its golden file', async (stack) => {
    await expect(formatSnippet(generateSnippet(stack, VALUES))).toMatchFileSnapshot(`./__golden__/${stack}.txt`);
  });

  it.each(SNIPPET_STACKS)('%s fills in the real audience and project id, and embeds both ways', (stack) => {
    const snippet = generateSnippet(stack, VALUES);
    const text = formatSnippet(snippet);
    expect(text).toContain(VALUES.audience);
    expect(text).toContain(`data-project-id="${VALUES.projectId}"`);
    expect(text).toContain("['identify', 'reset', 'open', 'close', 'on', 'off']");
    expect(text).toMatch(/Reqio\.identify\(/);
    expect(text).not.toMatch(/YOUR_PROJECT_ID|PROJECT_ID"/);
  });

  it.each([
    ['python', ['"sub": str(user.id)', '"aud": REQIO_AUDIENCE,  # one string', '"exp": now + 300', 'not isinstance(value, int)']],
    ['php', ["'sub' => (string) $user->id", "'aud' => REQIO_AUDIENCE,", "'exp' => $now + 300", 'FILTER_VALIDATE_INT']],
    ['ruby', ['sub: user.id.to_s', 'aud: AUDIENCE, # one string', 'exp: now + 300', 'amount.is_a?(Integer)']],
    ['go', ['"aud":    Audience, // one string', '"exp":    now + 300', 'Amount   *int64', 'ID      string']],
  ] as const)('%s avoids the known traps: string sub, one string aud, integer cents, exp = iat + 300', (stack, needles) => {
    const code = generateSnippet(stack, VALUES).mint[0]!.code;
    for (const needle of needles) expect(code).toContain(needle);
  });

  it.each(SNIPPET_STACKS)('%s sends the company claim and the currency (CONTRACT §6)', (stack) => {
    const code = generateSnippet(stack, VALUES).mint[0]!.code;
    expect(code).toMatch(/["']?company["']?\s*(:|=>|\])/);
    expect(code).toMatch(/currency/i);
  });

  it.each(['node', 'nextjs'] as const)('%s says how to install @reqio/mint, from npm and from the service', (stack) => {
    expect(generateSnippet(stack, VALUES).install.code).toBe(`npm install @reqio/mint\n# or from your Reqio service itself, with nothing published:\nnpm install ${VALUES.packageUrl}`);
    expect(generateSnippet(stack, VALUES).mint[0]!.code).toContain("from '@reqio/mint'");
  });

  it('go omits empty fields and names a golang-jwt that builds with Go 1.19', () => {
    const snippet = generateSnippet('go', VALUES);
    expect(snippet.install.code).toBe('go get github.com/golang-jwt/jwt/v5@v5.2.2');
    expect(snippet.install.title).toContain('Go 1.19');
    for (const field of ['plan', 'amount', 'interval', 'currency', 'name']) expect(snippet.mint[0]!.code).toContain(`json:"${field},omitempty"`);
  });

  it.each([
    ['node', "<%= locals.reqioToken || '' %>"],
    ['php', 'reqio_token($user ?? null)'],
  ] as const)('%s guards the signed-out case in its template', (stack, expression) => {
    expect(generateSnippet(stack, VALUES).embed[0]!.code).toMatch(new RegExp(`data-identity-token="[^"]*${expression.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe('the Node.js snippet, executed', () => {
  it('mints tokens that verify, for templates and for SPAs', async () => {
    const dir = path.join(workDir, 'node');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'harness.mjs'),
      `import express from 'express';
export const app = express();
app.use((req, _res, next) => { req.user = globalThis.snippetUser; next(); });
`,
    );
    // The snippet as shown, run against an Express app whose session sets req.user.
    writeFileSync(path.join(dir, 'reqio.mjs'), `import { app } from './harness.mjs';\n${generateSnippet('node', VALUES).mint[0]!.code}\n`);
    const { app } = (await import(/* @vite-ignore */ path.join(dir, 'harness.mjs'))) as { app: express.Express };
    await import(/* @vite-ignore */ path.join(dir, 'reqio.mjs'));
    app.get('/page', (_request, response) => void response.json({ token: response.locals.reqioToken ?? null }));
    const server = await listen(app);
    try {
      (globalThis as { snippetUser?: unknown }).snippetUser = USER;
      const spa = (await (await fetch(`${server.url}/reqio-token`)).json()) as { token: string };
      const page = (await (await fetch(`${server.url}/page`)).json()) as { token: string };
      for (const token of [spa.token, page.token]) {
        const identity = await verify(token);
        expect(identity).toMatchObject({ sub: '42', email: 'ada@example.com', monthlyAmount: 10000 });
        expect(identity.claims.traits).toEqual({ plan: 'pro', amount: 120000, interval: 'year', currency: 'USD' });
        expect(identity.claims.exp - identity.claims.iat).toBe(300);
        expect(identity.claims.aud).toBe(VALUES.audience);
      }
      (globalThis as { snippetUser?: unknown }).snippetUser = undefined;
      expect((await fetch(`${server.url}/reqio-token`)).status).toBe(401);
      expect(await (await fetch(`${server.url}/page`)).json()).toEqual({ token: '' });
      // An amount in dollars: no token, one warning, and the page still renders.
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      (globalThis as { snippetUser?: unknown }).snippetUser = { ...USER, planAmountCents: '1200.00' };
      expect((await fetch(`${server.url}/reqio-token`)).status).toBe(204);
      expect(await (await fetch(`${server.url}/page`)).json()).toEqual({ token: '' });
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
        '[reqio] no identity token for this request: toAmount: "1200.00" is not a whole number of cents (send 4900 or "4900" for $49.00, not 49.99)',
        '[reqio] no identity token for this request: toAmount: "1200.00" is not a whole number of cents (send 4900 or "4900" for $49.00, not 49.99)',
      ]);
      warn.mockRestore();
    } finally {
      (globalThis as { snippetUser?: unknown }).snippetUser = undefined;
      await server.close();
    }
  });
});

describe('the Next.js snippet, executed', () => {
  it("answers a token that verifies from the route handler's GET", async () => {
    const dir = path.join(workDir, 'nextjs');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'auth-stub.ts'), 'export const getCurrentUser = async () => (globalThis as { snippetUser?: any }).snippetUser ?? null;\n');
    // Only the line importing the app's own session lookup is pointed at a stub.
    const code = generateSnippet('nextjs', VALUES).mint[0]!.code;
    expect(code).toContain("from '@/lib/auth'");
    writeFileSync(path.join(dir, 'route.ts'), code.replace("from '@/lib/auth'", "from './auth-stub.ts'"));
    const route = (await import(/* @vite-ignore */ path.join(dir, 'route.ts'))) as { GET: () => Promise<Response> };

    (globalThis as { snippetUser?: unknown }).snippetUser = { ...USER, email: '' };
    const response = await route.GET();
    expect(response.headers.get('cache-control')).toBe('no-store');
    const identity = await verify(((await response.json()) as { token: string }).token);
    expect(identity).toMatchObject({ sub: '42', email: undefined, monthlyAmount: 10000 });
    expect(identity.claims.exp - identity.claims.iat).toBe(300);

    (globalThis as { snippetUser?: unknown }).snippetUser = undefined;
    expect((await route.GET()).status).toBe(401);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    (globalThis as { snippetUser?: unknown }).snippetUser = { ...USER, planAmountCents: 49.99 };
    expect((await route.GET()).status).toBe(204);
    expect(warn).toHaveBeenCalledWith('[reqio] no identity token: toAmount: 49.99 is not a whole number of cents (send 4900 or "4900" for $49.00, not 49.99)');
    warn.mockRestore();
    (globalThis as { snippetUser?: unknown }).snippetUser = undefined;
  });
});
