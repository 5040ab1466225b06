/** Where the helpers report a user they could not mint a token for. */
export type OnMintError = (error: Error) => void;

const MAX_REMEMBERED = 200;

/** The default report: one `console.warn` naming the field (messages never hold the secret). */
const warn: OnMintError = (error) => console.warn(`[reqio] no identity token for this request: ${error.message}`);

/**
 * Wraps `onError` so each cause (each distinct message, such as
 * `claims.traits.amount must be a number of cents`) is reported once, not on every request.
 * A reporter that throws is ignored: reporting must not break the host app either.
 */
export function reportOnce(onError: OnMintError = warn): OnMintError {
  const seen = new Set<string>();
  return (error) => {
    if (seen.has(error.message)) return;
    if (seen.size >= MAX_REMEMBERED) seen.clear();
    seen.add(error.message);
    try {
      onError(error);
    } catch {
      // The host's reporter failed; the request still goes on.
    }
  };
}
