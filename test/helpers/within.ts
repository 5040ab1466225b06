/**
 * Polls `check` until it holds, for at most `withinMs`; resolves whether it did. For what the
 * contract bounds in time (CONTRACT §5: every instance within 1 s), not for speed claims.
 */
export async function within(withinMs: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
