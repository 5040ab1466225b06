/** The stacks the identity set-up writes snippets for, in the order the dashboard offers them. */
export const SNIPPET_STACKS = ['nextjs', 'node', 'python', 'php', 'ruby', 'go'] as const;

/** A stack from {@link SNIPPET_STACKS}. */
export type SnippetStack = (typeof SNIPPET_STACKS)[number];

/** How each stack is named to people. */
export const STACK_LABELS: Record<SnippetStack, string> = {
  nextjs: 'Next.js',
  node: 'Node.js',
  python: 'Python',
  php: 'PHP',
  ruby: 'Ruby',
  go: 'Go',
};
