import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { AUDIENCE, OTHER_SECRET, SECRET, claims, signRaw } from '../../helpers/tokens.js';

describe('reqio mint | reqio verify', () => {
  it('round-trips the claims with the monthly amount', async () => {
    const mint = await runCli(['mint', '--secret', SECRET, '--audience', AUDIENCE, '--sub', '42', '--email', 'a@b.co', '--plan', 'pro', '--amount', '120000', '--interval', 'year', '--expires-in', '120']);
    expect(mint.stderr).toBe('');
    expect(mint.status).toBe(0);
    const token = mint.stdout.trim();
    expect(token.split('.')).toHaveLength(3);

    const verify = await runCli(['verify', token, '--secret', SECRET, '--audience', AUDIENCE]);
    expect(verify.status).toBe(0);
    const output = JSON.parse(verify.stdout);
    expect(output).toMatchObject({ sub: '42', email: 'a@b.co', aud: AUDIENCE, traits: { plan: 'pro', amount: 120000, interval: 'year' }, monthlyAmount: 10000, warnings: [] });
    expect(output.exp - output.iat).toBe(120);
  });

  it.each([1e308, 1e15, -9e15])('prints claims_invalid (no stack) for an exp of %d', async (exp) => {
    const verify = await runCli(['verify', signRaw({ alg: 'HS256' }, claims({ exp, iat: exp - 60 })), '--secret', SECRET, '--audience', AUDIENCE]);
    expect(verify).toMatchObject({ status: 1, stdout: 'claims_invalid\n' });
    expect(verify.stderr).not.toContain('    at ');
  });

  it('mints a company and a currency', async () => {
    const mint = await runCli([
      'mint', '--secret', SECRET, '--audience', AUDIENCE, '--sub', '42', '--amount', '5000', '--currency', 'jpy',
      '--company-id', '9223372036854775807', '--company-name', 'Acme', '--company-plan', 'business',
      '--company-amount', '1200000', '--company-interval', 'year', '--company-currency', 'KWD',
    ]);
    expect(mint.stderr).toBe('');
    const verify = await runCli(['verify', mint.stdout.trim(), '--secret', SECRET, '--audience', AUDIENCE]);
    expect(JSON.parse(verify.stdout)).toMatchObject({
      traits: { amount: 5000, interval: 'month', currency: 'JPY' },
      monthlyAmount: 5000,
      company: { id: '9223372036854775807', name: 'Acme', plan: 'business', amount: 1200000, interval: 'year', currency: 'KWD', custom: {} },
      warnings: [],
    });
  });

  it('reads the secret from REQIO_SECRET when --secret is left out', async () => {
    const mint = await runCli(['mint', '--audience', AUDIENCE, '--sub', 'u'], { env: { REQIO_SECRET: SECRET } });
    expect(mint.status).toBe(0);
    const verify = await runCli(['verify', mint.stdout.trim(), '--audience', AUDIENCE], { env: { REQIO_SECRET: SECRET } });
    expect(JSON.parse(verify.stdout).sub).toBe('u');
  });

  it.each([
    ['signature_invalid', () => signRaw({ alg: 'HS256' }, claims(), OTHER_SECRET)],
    ['token_expired', () => signRaw({ alg: 'HS256' }, claims({ iat: 1_000_000, exp: 1_000_100 }))],
    ['audience_mismatch', () => signRaw({ alg: 'HS256' }, claims({ aud: 'https://elsewhere.example/p/x' }))],
    ['algorithm_not_allowed', () => signRaw({ alg: 'none' }, claims())],
  ])('prints %s and exits 1', async (code, makeToken) => {
    const verify = await runCli(['verify', makeToken(), '--secret', SECRET, '--audience', AUDIENCE]);
    expect(verify.status).toBe(1);
    expect(verify.stdout.trim()).toBe(code);
    expect(verify.stderr).toContain(code);
    expect(verify.stderr + verify.stdout).not.toContain(SECRET);
  });

  it.each([
    [['mint', '--secret', SECRET, '--audience', AUDIENCE, '--sub', 'u', '--amount', '99.99'], '--amount must be a whole number'],
    [['mint', '--secret', SECRET, '--audience', AUDIENCE, '--sub', 'u', '--interval', 'week'], 'claims.traits.interval must be "month" or "year"'],
    [['mint', '--secret', 'too-short', '--audience', AUDIENCE, '--sub', 'u'], 'options.secret must be at least 32 bytes'],
    [['mint', '--audience', AUDIENCE, '--sub', 'u'], '--secret is required'],
    [['mint', '--secret', SECRET, '--audience', AUDIENCE, '--sub', 'u', '--company-amount', '5'], '--company-id is required'],
    [['mint', '--secret', SECRET, '--audience', AUDIENCE, '--sub', 'u', '--currency', 'EURO'], 'claims.traits.currency must be an ISO 4217'],
    [['mint', '--secret', SECRET, '--audience', AUDIENCE, '--sub', 'u', '--expires-in', '3600'], 'options.expiresIn'],
    [['mint', '--secret', SECRET, '--audience', AUDIENCE, '--sub', 'u', '--bogus'], "Unknown option '--bogus'"],
    [['verify', '--secret', SECRET, '--audience', AUDIENCE], 'give exactly one TOKEN'],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ])('refuses %j with exit 2 and a sentence', async (args, message) => {
    const run = await runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});
