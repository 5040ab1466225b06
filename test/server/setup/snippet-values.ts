import type { SnippetValues } from '../../../server/src/setup/snippets/snippet.js';

/** What the identity set-up fills a snippet in with, for a project of the service at feedback.example.com. */
export function snippetValues(projectId: string): SnippetValues {
  const publicUrl = 'https://feedback.example.com';
  return { projectId, audience: `${publicUrl}/p/${projectId}`, widgetUrl: `${publicUrl}/widget.js`, packageUrl: `${publicUrl}/packages/reqio-mint.tgz` };
}
