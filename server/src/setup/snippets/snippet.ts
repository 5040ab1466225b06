export type { Snippet, SnippetFile } from '@reqio/shared';

/** What a snippet is filled in with: the project's real values. */
export interface SnippetValues {
  projectId: string;
  audience: string;
  /** Where the widget is served: `${PUBLIC_URL}/widget.js`. */
  widgetUrl: string;
  /** Where the service serves the `@reqio/mint` tarball: `${PUBLIC_URL}/packages/reqio-mint.tgz`. */
  packageUrl: string;
}
