import type { SnippetStack } from '@reqio/shared';

export { SNIPPET_STACKS, type SnippetStack } from '@reqio/shared';

/** How each stack is named to people. */
export const STACK_LABELS: Record<SnippetStack, string> = {
  nextjs: 'Next.js',
  node: 'Node.js',
  python: 'Python',
  php: 'PHP',
  ruby: 'Ruby',
  go: 'Go',
};
