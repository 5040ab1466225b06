import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIdentityToken } from '@reqio/server';
import { convertToProjectCurrency } from '@reqio/shared';
import { generateSnippet } from '../../../server/src/setup/snippets/generate-snippet.js';
import { snippetValues } from './snippet-values.js';
import { SECRET } from '../../helpers/tokens.js';

// Each server-side snippet signs with its stack's real JWT library, from Debian's packages
// (.ci/run installs them): PyJWT 2.6 (python3-jwt), ruby-jwt 2.5, golang-jwt v4.4.3 with Go
// 1.19. golang-jwt v5's HS256 signing API is v4's, so the Go snippet is built against v4 by
// rewriting its import path, in GOPATH mode. Debian has no php-jwt: a stand-in implements
// JWT::encode as firebase/php-jwt does (JSON with unescaped slashes, hash_hmac). Without CI a
// missing toolchain skips its stack; under CI it fails.

const run = promisify(execFile);
const VALUES = snippetValues('prj_interop');
const GO_JWT = '/usr/share/gocode/src/github.com/golang-jwt/jwt';
const PYTHON = '/usr/bin/python3';

function toolchain(name: string, command: string, args: string[], extra: () => boolean = () => true): boolean {
  const found = spawnSync(command, args, { stdio: 'ignore' }).status === 0 && extra();
  if (!found && process.env.CI) throw new Error(`The interop suite needs ${name} when CI is set (.ci/run installs it with apt-get).`);
  return found;
}
const has = {
  python: toolchain('PyJWT (python3-jwt)', PYTHON, ['-c', 'import jwt']),
  ruby: toolchain('ruby and ruby-jwt', 'ruby', ['-e', "require 'jwt'"]),
  php: toolchain('php-cli', 'php', ['-v']),
  go: toolchain('golang-go and golang-github-golang-jwt-jwt-dev', 'go', ['version'], () => existsSync(GO_JWT)),
};

const verify = (token: string) => verifyIdentityToken(token, { secrets: SECRET, audience: VALUES.audience });
/** What every stack's paying B2B user sends: user traits in USD and their company. */
const COMPANY = { id: '9001', name: 'Acme', plan: 'business', amount: 99000, interval: 'month', currency: 'USD' };
const env = { ...process.env, REQIO_SECRET: SECRET };

let workDir: string;
beforeAll(() => void (workDir = mkdtempSync(path.join(tmpdir(), 'reqio-interop-'))));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The checks every stack's tokens pass with today's verifier (company assertions beyond the raw claim come with accounts). */
async function expectPayingUser(token: string): Promise<void> {
  const identity = await verify(token);
  expect(identity).toMatchObject({ sub: '42', email: undefined, monthlyAmount: 10000 });
  expect(identity.claims.exp - identity.claims.iat).toBe(300);
  expect(identity.claims.aud).toBe(VALUES.audience);
  expect(identity.claims.traits).toEqual({ plan: 'pro', amount: 120000, interval: 'year', currency: 'USD' });
  expect((identity.claims as Record<string, unknown>).company).toEqual(COMPANY);
}

// 64-bit ids (PHP_INT_MAX, a snowflake) sent as JSON integers, and amounts in yen and in fils.
const BIG_SUB = '9223372036854775807';
const BIG_COMPANY = '1541815603606036480';
const MONEY = { currency: 'USD', exchangeRates: { JPY: 0.0067, KWD: 3.25 } };

/** Every digit of both ids survives, and the KWD user amount and the JPY company amount convert as CONTRACT §6 says. */
async function expectBigIdsAndCurrencies(token: string): Promise<void> {
  const identity = await verify(token);
  expect(identity.sub).toBe(BIG_SUB);
  expect(identity.warnings).toEqual([]);
  expect(identity.traits).toMatchObject({ amount: 12345, interval: 'month', currency: 'KWD' });
  expect(identity.company).toMatchObject({ id: BIG_COMPANY, amount: 500000, interval: 'month', currency: 'JPY' });
  // 12.345 KWD at 3.25 is $40.12125 → 4012 cents; ¥500,000 at 0.0067 is $3,350 → 335000 cents.
  expect(convertToProjectCurrency(identity.monthlyAmount, identity.traits.currency, MONEY)).toEqual({ amount: 4012, known: true });
  expect(convertToProjectCurrency(identity.company!.amount!, identity.company!.currency, MONEY)).toEqual({ amount: 335000, known: true });
}

describe.skipIf(!has.python)('Python snippet with PyJWT', () => {
  const call = async (user: string) => {
    const dir = path.join(workDir, 'python');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'reqio.py'), `${generateSnippet('python', VALUES).mint[0]!.code}\n`);
    return run(PYTHON, ['-c', `from types import SimpleNamespace as U\nfrom reqio import reqio_token\nprint(repr(reqio_token(${user})))`], { cwd: dir, env });
  };
  const token = (stdout: string) => stdout.trim().slice(1, -1);

  it('signs a paying user and their company; the token verifies', async () => {
    const company = "U(id=9001, name='Acme', plan='business', amount_cents=99000, billing_interval='month', currency='USD')";
    const { stdout } = await call(`U(id=42, email='', plan='pro', amount_cents='120000', billing_interval='year', currency='USD', company=${company})`);
    await expectPayingUser(token(stdout));
  });

  it('signs 64-bit integer ids and yen and fils amounts, through the snippet and uncast with jwt.encode', async () => {
    const company = `U(id=${BIG_COMPANY}, name='Acme', plan=None, amount_cents=500000, billing_interval=None, currency='JPY')`;
    const { stdout } = await call(`U(id=${BIG_SUB}, email=None, plan=None, amount_cents=12345, billing_interval='', currency='KWD', company=${company})`);
    await expectBigIdsAndCurrencies(token(stdout));
    const raw = await run(
      PYTHON,
      ['-c', `import jwt, os, time\nnow = int(time.time())\nprint(jwt.encode({"sub": ${BIG_SUB}, "aud": "${VALUES.audience}", "iat": now, "exp": now + 300, "traits": {"amount": 12345, "currency": "KWD"}, "company": {"id": ${BIG_COMPANY}, "amount": 500000, "currency": "JPY"}}, os.environ["REQIO_SECRET"], algorithm="HS256"))`],
      { env },
    );
    await expectBigIdsAndCurrencies(raw.stdout.trim());
  });

  it('returns "" for a signed-out user, and for an amount in dollars with a warning', async () => {
    expect((await call('None')).stdout.trim()).toBe("''");
    expect((await call('U(is_authenticated=False)')).stdout.trim()).toBe("''");
    const dollars = await call("U(id=42, email='a@b.co', plan='pro', amount_cents=99.99, billing_interval='year', currency=None)");
    expect(dollars.stdout.trim()).toBe("''");
    expect(dollars.stderr).toContain('no identity token: Reqio amount must be integer cents (4900, not 49.0): 99.99');
  });
});

describe.skipIf(!has.ruby)('Ruby snippet with ruby-jwt', () => {
  const call = async (user: string) => {
    const dir = path.join(workDir, 'ruby');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'reqio.rb'), `${generateSnippet('ruby', VALUES).mint[0]!.code}\n`);
    return run('ruby', ['-I', dir, '-rostruct', '-rreqio', '-e', `U = OpenStruct\nputs Reqio.token(${user}).inspect`], { cwd: dir, env });
  };
  const token = (stdout: string) => stdout.trim().slice(1, -1);

  it('signs a paying user and their company; the token verifies', async () => {
    const company = "U.new(id: 9001, name: 'Acme', plan: 'business', amount_cents: 99000, billing_interval: 'month', currency: 'USD')";
    const { stdout } = await call(`U.new(id: 42, email: '', plan: 'pro', amount_cents: '120000', billing_interval: 'year', currency: 'USD', company: ${company})`);
    await expectPayingUser(token(stdout));
  });

  it('signs 64-bit integer ids and yen and fils amounts, through the snippet and uncast with JWT.encode', async () => {
    const company = `U.new(id: ${BIG_COMPANY}, name: 'Acme', plan: nil, amount_cents: 500000, billing_interval: nil, currency: 'JPY')`;
    const { stdout } = await call(`U.new(id: ${BIG_SUB}, email: nil, plan: nil, amount_cents: 12345, billing_interval: nil, currency: 'KWD', company: ${company})`);
    await expectBigIdsAndCurrencies(token(stdout));
    const raw = await run(
      'ruby',
      ['-rjwt', '-e', `now = Time.now.to_i\nputs JWT.encode({ sub: ${BIG_SUB}, aud: '${VALUES.audience}', iat: now, exp: now + 300, traits: { amount: 12345, currency: 'KWD' }, company: { id: ${BIG_COMPANY}, amount: 500000, currency: 'JPY' } }, ENV['REQIO_SECRET'], 'HS256')`],
      { env },
    );
    await expectBigIdsAndCurrencies(raw.stdout.trim());
  });

  it('returns "" for a signed-out user, and for an amount in dollars with a warning', async () => {
    expect((await call('nil')).stdout.trim()).toBe('""');
    const dollars = await call("U.new(id: 42, email: 'a@b.co', plan: 'pro', amount_cents: 99.99, billing_interval: 'year', currency: nil)");
    expect(dollars.stdout.trim()).toBe('""');
    expect(dollars.stderr).toContain('reqio: no identity token: Reqio amount must be integer cents (4900, not 49.0)');
  });
});

describe.skipIf(!has.php)('PHP snippet with a JWT::encode stand-in', () => {
  const call = async (user: string) => {
    const dir = path.join(workDir, 'php');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'jwt.php'),
      `<?php
namespace Firebase\\JWT;

// firebase/php-jwt's JWT::encode for HS256: the same header, JSON flags and base64url.
class JWT
{
    public static function encode(array $payload, string $key, string $alg): string
    {
        if ($alg !== 'HS256') {
            throw new \\DomainException('Algorithm not supported');
        }
        $b64 = fn (string $data): string => rtrim(strtr(base64_encode($data), '+/', '-_'), '=');
        $input = $b64(json_encode(['typ' => 'JWT', 'alg' => $alg], JSON_UNESCAPED_SLASHES)) . '.' . $b64(json_encode($payload, JSON_UNESCAPED_SLASHES));
        return $input . '.' . $b64(hash_hmac('sha256', $input, $key, true));
    }
}
`,
    );
    writeFileSync(path.join(dir, 'reqio.php'), `${generateSnippet('php', VALUES).mint[0]!.code}\n`);
    writeFileSync(path.join(dir, 'run.php'), `<?php\nrequire __DIR__ . '/jwt.php';\nrequire __DIR__ . '/reqio.php';\n$user = ${user};\nvar_export(reqio_token($user));\n`);
    return run('php', ['-d', 'error_log=', '-d', 'log_errors=1', path.join(dir, 'run.php')], { cwd: dir, env });
  };
  const token = (stdout: string) => stdout.trim().slice(1, -1);

  it('signs a paying user and their company; the token verifies', async () => {
    const company = "(object) ['id' => 9001, 'name' => 'Acme', 'plan' => 'business', 'amount_cents' => 99000, 'billing_interval' => 'month', 'currency' => 'USD']";
    const { stdout } = await call(`(object) ['id' => 42, 'email' => '', 'plan' => 'pro', 'amount_cents' => '120000', 'billing_interval' => 'year', 'currency' => 'USD', 'company' => ${company}]`);
    await expectPayingUser(token(stdout));
  });

  it('signs PHP_INT_MAX and a snowflake id, and yen and fils amounts, through the snippet and uncast with JWT::encode', async () => {
    const company = `(object) ['id' => ${BIG_COMPANY}, 'name' => 'Acme', 'amount_cents' => 500000, 'currency' => 'JPY']`;
    const { stdout } = await call(`(object) ['id' => PHP_INT_MAX, 'email' => '', 'amount_cents' => 12345, 'currency' => 'KWD', 'company' => ${company}]`);
    await expectBigIdsAndCurrencies(token(stdout));
    const dir = path.join(workDir, 'php');
    writeFileSync(
      path.join(dir, 'raw.php'),
      `<?php\nrequire __DIR__ . '/jwt.php';\n$now = time();\necho Firebase\\JWT\\JWT::encode(['sub' => PHP_INT_MAX, 'aud' => '${VALUES.audience}', 'iat' => $now, 'exp' => $now + 300, 'traits' => ['amount' => 12345, 'currency' => 'KWD'], 'company' => ['id' => ${BIG_COMPANY}, 'amount' => 500000, 'currency' => 'JPY']], getenv('REQIO_SECRET'), 'HS256');\n`,
    );
    const raw = await run('php', [path.join(dir, 'raw.php')], { env });
    await expectBigIdsAndCurrencies(raw.stdout.trim());
  });

  it("returns '' for a signed-out user, and for an amount in dollars with a logged warning", async () => {
    expect((await call('null')).stdout.trim()).toBe("''");
    const dollars = await call("(object) ['id' => 42, 'email' => 'a@b.co', 'plan' => 'pro', 'amount_cents' => '99.99', 'billing_interval' => 'year']");
    expect(dollars.stdout.trim()).toBe("''");
    expect(dollars.stderr).toContain('reqio: no identity token: Reqio amount must be integer cents (4900, not 49.00)');
  });
});

describe.skipIf(!has.go)('Go snippet with golang-jwt (v4 from Debian, the same HS256 API as v5)', () => {
  it('signs a paying user with a company, omits the empty fields of a free one, and signs int64 ids and yen and fils amounts', { timeout: 180_000 }, async () => {
    const gopath = path.join(workDir, 'go');
    const code = generateSnippet('go', VALUES).mint[0]!.code;
    expect(code).toContain('"github.com/golang-jwt/jwt/v5"');
    mkdirSync(path.join(gopath, 'src/reqio'), { recursive: true });
    mkdirSync(path.join(gopath, 'src/interop'), { recursive: true });
    writeFileSync(path.join(gopath, 'src/reqio/token.go'), code.replace('"github.com/golang-jwt/jwt/v5"', '"github.com/golang-jwt/jwt"'));
    writeFileSync(
      path.join(gopath, 'src/interop/main.go'),
      `package main

import (
	"fmt"
	"math"
	"os"
	"time"

	"github.com/golang-jwt/jwt"

	"reqio"
)

func main() {
	users := []reqio.User{
		{ID: "42", Traits: reqio.Traits{Plan: "pro", Amount: reqio.Cents(120000), Interval: "year", Currency: "USD"},
			Company: &reqio.Company{ID: "9001", Name: "Acme", Traits: reqio.Traits{Plan: "business", Amount: reqio.Cents(99000), Interval: "month", Currency: "USD"}}},
		{ID: "7", Email: "grace@example.com", Traits: reqio.Traits{Plan: "free", Amount: reqio.Cents(0)}},
		{ID: "${BIG_SUB}", Traits: reqio.Traits{Amount: reqio.Cents(12345), Currency: "KWD"},
			Company: &reqio.Company{ID: "${BIG_COMPANY}", Traits: reqio.Traits{Amount: reqio.Cents(500000), Currency: "JPY"}}},
	}
	for _, user := range users {
		token, err := reqio.Token(user)
		if err != nil {
			panic(err)
		}
		fmt.Println(token)
	}
	// An int64 id sent uncast, as a Go server with numeric ids might.
	now := time.Now().Unix()
	raw, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": int64(math.MaxInt64), "aud": reqio.Audience, "iat": now, "exp": now + 300,
		"traits":  map[string]interface{}{"amount": 12345, "currency": "KWD"},
		"company": map[string]interface{}{"id": int64(${BIG_COMPANY}), "amount": 500000, "currency": "JPY"},
	}).SignedString([]byte(os.Getenv("REQIO_SECRET")))
	if err != nil {
		panic(err)
	}
	fmt.Println(raw)
}
`,
    );
    const { stdout } = await run('go', ['run', 'interop'], {
      cwd: gopath,
      timeout: 170_000,
      env: { ...env, GO111MODULE: 'off', GOPATH: `${gopath}:/usr/share/gocode`, GOFLAGS: '', GOCACHE: path.join(tmpdir(), 'reqio-interop-go-cache') },
    });
    const [paying, free, big, raw] = stdout.trim().split('\n');
    await expectPayingUser(paying!);
    await expectBigIdsAndCurrencies(big!);
    await expectBigIdsAndCurrencies(raw!);
    const identity = await verify(free!);
    expect(identity).toMatchObject({ sub: '7', email: 'grace@example.com', monthlyAmount: 0, warnings: [] });
    // omitempty: no "interval": "" (or currency) that would zero a paying user's revenue.
    expect(identity.claims.traits).toEqual({ plan: 'free', amount: 0 });
    expect(Object.keys(identity.claims).sort()).toEqual(['aud', 'email', 'exp', 'iat', 'sub', 'traits']);
  });
});
