import express, { type RequestHandler } from 'express';
import { loadProject } from '../../services/projects/load-project.js';
import { readUnsubscribeToken, unsubscribe } from '../../services/notifications/unsubscribe.js';
import type { AppDeps } from '../app-deps.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#111}button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #333;background:#111;color:#fff;cursor:pointer}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;

/**
 * `GET /v1/unsubscribe/:token` asks to confirm (a link scanner that follows it changes
 * nothing); `POST` unsubscribes: the button on that page, or a mail client's RFC 8058
 * one-click `List-Unsubscribe=One-Click`. No session either way; a tampered token is a 400.
 */
export function unsubscribeHandlers(deps: AppDeps): { get: RequestHandler[]; post: RequestHandler[] } {
  return {
    get: [
      async (request, response) => {
        const { projectId, email } = readUnsubscribeToken(deps, String(request.params.token));
        const { project } = await loadProject(deps.keyRing, projectId);
        response.set('Cache-Control', 'no-store');
        response.type('html').send(
          page(
            'Unsubscribe',
            `<p>Stop emails from ${escapeHtml(project.name)} about feature requests to <strong>${escapeHtml(email)}</strong>?</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
          ),
        );
      },
    ],
    post: [
      express.urlencoded({ extended: false, limit: '1kb' }),
      async (request, response) => {
        const { projectId, email } = await unsubscribe(deps, String(request.params.token));
        const { project } = await loadProject(deps.keyRing, projectId);
        response.set('Cache-Control', 'no-store');
        response.type('html').send(page('Unsubscribed', `<p>${escapeHtml(email)} gets no more emails from ${escapeHtml(project.name)} about feature requests.</p>`));
      },
    ],
  };
}
