import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { spawnService } from '../../helpers/spawn-service.js';
import { dashboardBrowser, linkTokenOf } from '../dashboard/dashboard-browser.js';

const ADA = { email: 'ada@example.com', password: 'the analytical engine' };

describe('reqio member', () => {
  it('invites, lists and makes reset links on the embedded store, and says what to do while the service holds it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'reqio-member-'));
    const env = { REQIO_DATA_DIR: dataDir, PUBLIC_URL: 'http://127.0.0.1:1' };
    expect(JSON.parse((await runCli(['member', 'list', '--json'], { env })).stdout)).toEqual({ members: [] });
    const bad = await runCli(['member', 'invite', '--email', 'ada@example.com', '--role', 'owner'], { env });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('role must be admin or member');
    const invited = await runCli(['member', 'invite', '--email', 'Ada@Example.com', '--role', 'admin', '--json'], { env });
    expect(invited.stderr).toBe('');
    expect(invited.status).toBe(0);
    const { link } = JSON.parse(invited.stdout) as { link: string };
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:1\/dashboard\/invite#token=[A-Za-z0-9_-]{43}$/);

    const service = await spawnService({ REQIO_DATA_DIR: dataDir });
    try {
      const refused = await runCli(['member', 'invite', '--email', 'bob@example.com', '--role', 'member'], { env });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('is in use by process');
      expect(refused.stderr).toContain('Nothing was changed');
      expect(refused.stderr).toContain("dashboard's Team page");
      expect((await runCli(['member', 'reset-link', '--email', ADA.email], { env })).stderr).toContain('Stop the service for a moment');

      const browser = dashboardBrowser(service.url);
      await browser.session();
      const accepted = await browser.json('POST', '/dashboard/api/invites/accept', { token: linkTokenOf(link), name: 'Ada', password: ADA.password });
      expect(accepted.status).toBe(201);
      expect((await browser.session()).owner).toMatchObject({ email: ADA.email, role: 'admin' });
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    } finally {
      service.child.kill('SIGKILL');
    }

    const listed = await runCli(['member', 'list'], { env });
    expect(listed.stdout).toBe('admin   ada@example.com (Ada)\n');
    expect((await runCli(['member', 'reset-link', '--email', 'nobody@example.com'], { env })).stderr).toContain('No account of the team has the email nobody@example.com');
    const reset = await runCli(['member', 'reset-link', '--email', ADA.email], { env });
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/^Password reset link for ada@example\.com, works once until .*:\n {2}http:\/\/127\.0\.0\.1:1\/dashboard\/reset-password#token=/);
    const resetLink = reset.stdout.trim().split(/\s+/).at(-1)!;

    const again = await spawnService({ REQIO_DATA_DIR: dataDir });
    try {
      const browser = dashboardBrowser(again.url);
      await browser.session();
      expect((await browser.json('POST', '/dashboard/api/password/reset', { token: linkTokenOf(resetLink), password: 'a new passphrase for ada' })).status).toBe(200);
      expect((await browser.json('POST', '/dashboard/api/login', { email: ADA.email, password: 'a new passphrase for ada' })).status).toBe(200);
    } finally {
      again.child.kill('SIGKILL');
    }
  }, 180_000);

  it.runIf(process.env.TEST_DATABASE_URL)('works on PostgreSQL too', async () => {
    const schema = `reqio_cli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const env = { DATABASE_URL: url.toString(), REQIO_MASTER_KEY: randomBytes(32).toString('base64'), PUBLIC_URL: 'https://feedback.example.com' };
      const invited = await runCli(['member', 'invite', '--email', 'bob@example.com', '--role', 'member', '--json'], { env });
      expect(invited.stderr).toBe('');
      expect(JSON.parse(invited.stdout).link).toMatch(/^https:\/\/feedback\.example\.com\/dashboard\/invite#token=/);
      expect(JSON.parse((await runCli(['member', 'list', '--json'], { env })).stdout)).toEqual({ members: [] });
      const audit = await admin.query(`select actor_kind, action, target from ${schema}.audit_log`);
      expect(audit.rows).toEqual([{ actor_kind: 'cli', action: 'member.invited', target: 'bob@example.com' }]);
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }, 60_000);
});
