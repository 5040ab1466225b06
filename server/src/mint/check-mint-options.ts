import { LIMITS } from '@reqio/shared';

/** Options shared by the mint helper and its Express helpers. */
export interface MintOptions {
  /** The project's identity secret (`rq_sk_…`): at least 32 bytes. Keep it on your server. */
  secret: string;
  /** The project's audience, `${PUBLIC_URL}/p/${projectId}`. */
  audience: string;
  /** Seconds until the token expires: 1–300, default 300. */
  expiresIn?: number;
}

/** Checks mint options once, throwing a `TypeError` that names the bad field. */
export function checkMintOptions(options: MintOptions, caller: string): Required<MintOptions> {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${caller}: options must be an object`);
  const { secret, audience, expiresIn = LIMITS.maxTokenLifetimeSeconds } = options;
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new TypeError(`${caller}: options.secret is required (the project's identity secret)`);
  }
  if (new TextEncoder().encode(secret).length < LIMITS.minSecretBytes) {
    throw new TypeError(`${caller}: options.secret must be at least ${LIMITS.minSecretBytes} bytes`);
  }
  if (typeof audience !== 'string' || audience.trim() === '') {
    throw new TypeError(`${caller}: options.audience is required (your project's audience URL)`);
  }
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > LIMITS.maxTokenLifetimeSeconds) {
    throw new TypeError(
      `${caller}: options.expiresIn must be a whole number of seconds from 1 to ${LIMITS.maxTokenLifetimeSeconds}`,
    );
  }
  return { secret, audience, expiresIn };
}
