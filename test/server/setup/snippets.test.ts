import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyIdentityToken } from '@reqio/server';
import { formatSnippet, generateSnippet } from '../../../server/src/setup/snippets/generate-snippet.js';
import { SNIPPET_STACKS } from '../../../server/src/setup/snippets/snippet-stacks.js';
import { listen } from '../../helpers/listen.js';
import { repositoryRoot } from '../../helpers/run-cli.js';
import { SECRET } from '../../helpers/tokens.js';

const run = promisify(execFile);
const VALUES = { projectId: 'prj_golden', audience: 'https://feedback.example.com/p/prj_golden', widgetUrl: 'https://feedback.example.com/widget.js' };
/** A customer whose id is an integer in their database and who pays yearly. */
const USER = { id: 42, email: 'ada@example.com', plan: 'pro', planAmountCents: 120000, billingInterval: 'year' };

// Inside the repository (its /tmp/ is git-ignored) so the snippets' imports resolve as in an app.
let workDir: string;
beforeAll(() => {
  mkdirSync(path.join(repositoryRoot, 'tmp'), { recursive: true });
  workDir = mkdtempSync(path.join(repositoryRoot, 'tmp', 'snippets-'));
  vi.stubEnv('REQIO_SECRET', SECRET);
});
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
    ['python', ['"sub": str(user.id)', '"aud": REQIO_AUDIENCE,  # one string', '"exp": now + 300', 'not isinstance(amount, int)']],
    ['php', ["'sub' => (string) $user->id", "'aud' => REQIO_AUDIENCE,", "'exp' => $now + 300", 'FILTER_VALIDATE_INT']],
    ['ruby', ['sub: user.id.to_s', 'aud: AUDIENCE, # one string', 'exp: now + 300', 'amount.is_a?(Integer)']],
    ['go', ['"aud":    Audience, // one string', '"exp":    now + 300', 'AmountCents     int64', 'ID              string']],
  ] as const)('%s avoids the known traps: string sub, one string aud, integer cents, exp = iat + 300', (stack, needles) => {
    const code = generateSnippet(stack, VALUES).mint[0]!.code;
    for (const needle of needles) expect(code).toContain(needle);
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
        expect(identity).toMatchObject({ sub: '42', email: 'ada@example.com', monthlyAmount: 10000, warnings: [] });
        expect(identity.claims.exp - identity.claims.iat).toBe(300);
        expect(identity.claims.aud).toBe(VALUES.audience);
      }
      (globalThis as { snippetUser?: unknown }).snippetUser = undefined;
      expect((await fetch(`${server.url}/reqio-token`)).status).toBe(401);
    } finally {
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
  });
});

const python = await run('python3', ['--version']).then(
  () => true,
  () => false,
);

describe('the Python snippet, executed', () => {
  // PyJWT is not installed here: a stand-in encodes HS256 the way PyJWT does (compact JSON).
  it.skipIf(!python)('makes a token that verifies, and refuses an amount in dollars', async () => {
    const dir = path.join(workDir, 'python');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'jwt.py'),
      `import base64, hashlib, hmac, json

def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

def encode(payload, key, algorithm):
    assert algorithm == "HS256"
    signing_input = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode()) + "." + _b64(json.dumps(payload, separators=(",", ":")).encode())
    return signing_input + "." + _b64(hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest())
`,
    );
    writeFileSync(path.join(dir, 'reqio.py'), `${generateSnippet('python', VALUES).mint[0]!.code}\n`);
    const call = (user: string) =>
      run('python3', ['-c', `from types import SimpleNamespace as U\nfrom reqio import reqio_token\nprint(reqio_token(${user}))`], { cwd: dir, env: { ...process.env, REQIO_SECRET: SECRET } });
    const { stdout } = await call("U(id=42, email='', plan='pro', plan_amount_cents=120000, billing_interval='year')");
    const identity = await verify(stdout.trim());
    expect(identity).toMatchObject({ sub: '42', email: undefined, monthlyAmount: 10000 });
    expect(identity.claims.exp - identity.claims.iat).toBe(300);
    await expect(call("U(id=42, email='a@b.co', plan='pro', plan_amount_cents=99.99, billing_interval='year')")).rejects.toThrow(/integer cents/);
  });
});
