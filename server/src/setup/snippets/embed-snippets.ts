import type { SnippetFile, SnippetValues } from './snippet.js';

/** Escapes a value for an HTML attribute in double quotes. */
export const htmlAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A string literal for JavaScript, TypeScript, Python and Go (JSON's escaping is valid in all four). */
export const quoted = (value: string): string => JSON.stringify(value);

/** A single-quoted literal for PHP and Ruby. */
export const singleQuoted = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The install step of the Node.js stacks: from npm, or from the project's own service with nothing published. */
export function npmInstall(values: SnippetValues): SnippetFile {
  return {
    title: 'Install @reqio/mint (its only dependencies are jose and zod)',
    language: 'shell',
    code: `npm install @reqio/mint
# or from your Reqio service itself, with nothing published:
npm install ${values.packageUrl}`,
  };
}

/** The queue stub: pages may call Reqio.* before the script has loaded; the widget replays the calls in order. */
export const QUEUE_STUB = `window.Reqio = window.Reqio || {};
['identify', 'reset', 'open', 'close', 'on', 'off'].forEach(function (method) {
  Reqio[method] = Reqio[method] || function () { (Reqio.q = Reqio.q || []).push([method, arguments]); };
});`;

/** The script tag of a server-rendered page, with the template expression that prints the token. */
export function scriptTag(values: SnippetValues, tokenExpression: string): string {
  return `<script src="${htmlAttribute(values.widgetUrl)}" data-project-id="${htmlAttribute(values.projectId)}"
        data-identity-token="${tokenExpression}" async></script>`;
}

/** Step 4 for SPAs: the stub and the tag in <head>, then identify() after login with a token provider. */
export function spaEmbed(values: SnippetValues, tokenPath: string): SnippetFile[] {
  return [
    {
      title: 'SPA: in <head>, the queue stub and the widget',
      language: 'html',
      code: `<script>
${QUEUE_STUB.replace(/^/gm, '  ')}
</script>
<script src="${htmlAttribute(values.widgetUrl)}" data-project-id="${htmlAttribute(values.projectId)}" async></script>`,
    },
    {
      title: 'SPA: after login and on logout',
      language: 'javascript',
      code: `// After login: the widget calls this provider for a fresh token whenever its session ends.
// 200 carries the token; 401 (signed out) and 204 (no token for this user) mean anonymous.
Reqio.identify(async () => {
  const response = await fetch(${singleQuoted(tokenPath)}, { credentials: 'same-origin', cache: 'no-store' });
  return response.status === 200 ? (await response.json()).token : null;
});

// On logout: forget the user and the anonymous id, so the next person starts clean.
Reqio.reset();`,
    },
  ];
}
