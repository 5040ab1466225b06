import { goSnippet } from './go-snippet.js';
import { nextjsSnippet } from './nextjs-snippet.js';
import { nodeSnippet } from './node-snippet.js';
import { phpSnippet } from './php-snippet.js';
import { pythonSnippet } from './python-snippet.js';
import { rubySnippet } from './ruby-snippet.js';
import type { Snippet, SnippetValues } from './snippet.js';
import type { SnippetStack } from './snippet-stacks.js';

const GENERATORS: Record<SnippetStack, (values: SnippetValues) => Snippet> = {
  nextjs: nextjsSnippet,
  node: nodeSnippet,
  python: pythonSnippet,
  php: phpSnippet,
  ruby: rubySnippet,
  go: goSnippet,
};

/**
 * The identity set-up's ready-to-paste code for a stack, with the project's real id and
 * audience filled in, written so the known traps cannot happen: `sub` always a string, `aud`
 * one string, `amount` integer cents, `exp = iat + 300`.
 *
 * @example
 * generateSnippet('python', { projectId, audience: `${publicUrl}/p/${projectId}`, widgetUrl: `${publicUrl}/widget.js` });
 */
export function generateSnippet(stack: SnippetStack, values: SnippetValues): Snippet {
  return GENERATORS[stack](values);
}

/** A snippet as one text, the way its golden file holds it. */
export function formatSnippet(snippet: Snippet): string {
  const section = (heading: string, files: Snippet['mint']) =>
    files.map((file) => `## ${heading}: ${file.title} (${file.language})\n\n${file.code}\n`).join('\n');
  return [`# ${snippet.label}\n`, section('Install', [snippet.install]), section('3. Mint', snippet.mint), section('4. Embed', snippet.embed)].join('\n');
}
