/** The embedded store is held by another process; nothing was changed. */
export class StoreInUseError extends Error {
  override readonly name = 'StoreInUseError';
}
