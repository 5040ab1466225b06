import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDemo } from '../../../server/src/demo/install-demo.js';
import { installDashboard } from '../../../server/src/http/install-dashboard.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';

const withDemoAndDashboard = { customize: (deps: Parameters<typeof installDemo>[0], { project }: { project: { id: string } }) => {
  installDashboard(deps);
  installDemo(deps, { projectId: project.id });
} };

// Every surface the service serves: system routes, the widget API, the admin API, the
// dashboard, the demo pages, a not-found and an error answer.
const PATHS = (projectId: string) => [
  '/healthz',
  '/widget.js',
  `/v1/projects/${projectId}/requests`,
  `/v1/admin/projects/${projectId}/requests`,
  '/dashboard',
  '/demo/spa',
  '/nowhere',
];

// Issue 13, finding 7 and the headers it asks for.
describe('security headers', () => {
  describe('under an https PUBLIC_URL', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ env: { PUBLIC_URL: 'https://feedback.example.com' }, ...withDemoAndDashboard });
    });
    afterAll(() => app.close());

    it('sends HSTS, nosniff and a Referrer-Policy on everything', async () => {
      for (const path of PATHS(app.project.id)) {
        const response = await fetch(`${app.url}${path}`);
        expect.soft(response.headers.get('strict-transport-security'), path).toMatch(/^max-age=\d{7,}/);
        expect.soft(response.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect.soft(response.headers.get('referrer-policy'), path).toBeTruthy();
      }
    });
  });

  describe('under an http PUBLIC_URL', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp(withDemoAndDashboard);
    });
    afterAll(() => app.close());

    it('sends no HSTS (a browser would pin http://localhost to https) but nosniff and a Referrer-Policy', async () => {
      for (const path of PATHS(app.project.id)) {
        const response = await fetch(`${app.url}${path}`);
        expect.soft(response.headers.get('strict-transport-security'), path).toBeNull();
        expect.soft(response.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect.soft(response.headers.get('referrer-policy'), path).toBeTruthy();
      }
    });

    it('lets any page load the widget (no same-origin resource policy on it)', async () => {
      const response = await fetch(`${app.url}/widget.js`);
      expect(response.headers.get('cross-origin-resource-policy')).not.toBe('same-origin');
    });

    it.each(['/demo', '/demo/server-rendered', '/demo/spa'])('gives the demo page %s a CSP that allows its own inline scripts and styles by hash only', async (path) => {
      const response = await fetch(`${app.url}${path}`);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-inline');
      const html = await response.text();
      const inline = [...html.matchAll(/<(script|style)>([\s\S]*?)<\/\1>/g)];
      expect(inline.length).toBeGreaterThan(0);
      for (const [, , content] of inline) expect(policy).toContain(`'sha256-${createHash('sha256').update(content!).digest('base64')}'`);
    });

    it('keeps a CSP on API answers that would run nothing if opened as a page', async () => {
      const response = await fetch(`${app.url}/nowhere`);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    });
  });
});
