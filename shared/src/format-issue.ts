import type { z } from 'zod';

/** The dotted path of a zod issue under `prefix`: `claims.traits.amount`, `body.title`. */
export function issuePath(prefix: string, issue: Pick<z.core.$ZodIssue, 'path'>): string {
  return [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
}

/** One sentence naming the field and what is wrong with it: `claims.traits.amount must not be negative`. */
export function formatIssue(prefix: string, issue: z.core.$ZodIssue): string {
  const field = issuePath(prefix, issue);
  // zod's own messages ("Unrecognized key: \"exp\"") read better after a colon.
  if (issue.code === 'unrecognized_keys') return `${field} has a field that is not allowed: ${issue.keys.join(', ')}`;
  return /^(must|has|is|at most)/.test(issue.message) ? `${field} ${issue.message}` : `${field}: ${issue.message}`;
}
