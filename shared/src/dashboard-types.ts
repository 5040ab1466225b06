import type { IdentityErrorCode } from './error-codes.js';

/** When a project's secrets were made and until when a previous one verifies; never the secrets. */
export interface SecretStatus {
  current: { createdAt: string } | null;
  previous: { createdAt: string; validUntil: string } | null;
}

/** The checks the token debugger reports, in the order the service applies them. */
export type TokenCheckId = 'format' | 'header' | 'signature' | 'audience' | 'lifetime' | 'expiry' | 'not_before' | 'claims' | 'traits';

/** One check of a pasted token. `skip`: not checkable until a check above is fixed. */
export interface TokenCheck {
  id: TokenCheckId;
  label: string;
  status: 'pass' | 'fail' | 'warn' | 'skip';
  /** The contract's code, on `fail` (and `traits_invalid` on `warn`). */
  code?: IdentityErrorCode | 'traits_invalid';
  /** What was found. */
  message: string;
  /** One sentence on how to fix it, on `fail` and `warn`. */
  fix?: string;
}

/** What the token debugger answers; the token itself is neither kept nor echoed. */
export interface TokenDiagnosis {
  /** Whether identify would accept the token now. */
  valid: boolean;
  /** The code identify would refuse it with, or null. */
  code: IdentityErrorCode | null;
  checks: TokenCheck[];
  header: Record<string, unknown> | null;
  payload: Record<string, unknown> | null;
  /** Who the token identifies, when valid. */
  identity: { sub: string; email: string | null; name: string | null; plan: string | null; monthlyAmount: number; signedWith: 'current' | 'previous' } | null;
}

/** The stacks the identity set-up writes snippets for, in the order the dashboard offers them. */
export const SNIPPET_STACKS = ['nextjs', 'node', 'python', 'php', 'ruby', 'go'] as const;

/** A stack from {@link SNIPPET_STACKS}. */
export type SnippetStack = (typeof SNIPPET_STACKS)[number];

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
