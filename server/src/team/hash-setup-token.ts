import { createHash } from 'node:crypto';

/** SHA-256 of a first-run link's token: the store never holds a usable link. */
export const hashSetupToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
