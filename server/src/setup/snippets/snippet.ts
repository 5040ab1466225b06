import type { SnippetStack } from './snippet-stacks.js';

/** One block of code to paste, with where it goes. */
export interface SnippetFile {
  /** Where it goes: a file name or a sentence. */
  title: string;
  language: 'shell' | 'javascript' | 'typescript' | 'tsx' | 'html' | 'python' | 'php' | 'ruby' | 'go';
  code: string;
}

/** The identity set-up's code for one stack: step 3 (mint) and step 4 (embed). */
export interface Snippet {
  stack: SnippetStack;
  label: string;
  /** The library to install. */
  install: SnippetFile;
  /** Step 3: minting the token on the server, and the endpoint an SPA calls. */
  mint: SnippetFile[];
  /** Step 4: the script tag for server-rendered pages, and the SPA's queue stub and `identify()`. */
  embed: SnippetFile[];
}

/** What a snippet is filled in with: the project's real values. */
export interface SnippetValues {
  projectId: string;
  audience: string;
  /** Where the widget is served: `${PUBLIC_URL}/widget.js`. */
  widgetUrl: string;
  /** Where the service serves the `@reqio/mint` tarball: `${PUBLIC_URL}/packages/reqio-mint.tgz`. */
  packageUrl: string;
}
